"""A small hand-made vocabulary for the synth tests: common names and a dozen provinces.

Built from general facts (common Iranian names, provincial capitals and towns with approximate
coordinates); the shipped vocabulary is larger. Small on purpose: namesakes are frequent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gavah.synth import Scenario, ScenarioParams, generate_scenario, write_scenario
from gavah.vocab.types import City, GivenName, Province, Surname, Vocabulary

_MALE = (
    ("محمد", ("Mohammad", "Mohammed", "Muhammad"), 10.0, ()),
    ("علی", ("Ali",), 7.0, ()),
    ("حسین", ("Hossein", "Hosein", "Hussein"), 5.0, ()),
    ("رضا", ("Reza",), 4.0, ()),
    ("مهدی", ("Mehdi", "Mahdi"), 4.0, ()),
    ("امیرحسین", ("Amir Hossein", "Amirhossein"), 3.0, ("امیر حسین",)),
    ("محمدرضا", ("Mohammad Reza", "Mohammadreza"), 3.0, ()),
    ("علیرضا", ("Alireza", "Ali Reza"), 3.0, ()),
    ("امیر", ("Amir",), 2.5, ()),
    ("ابوالفضل", ("Abolfazl", "Abolfazel"), 2.5, ()),
    ("سجاد", ("Sajjad", "Sajad"), 2.0, ()),
    ("مجید", ("Majid",), 2.0, ()),
    ("سعید", ("Saeed", "Saeid", "Said"), 2.0, ()),
    ("جواد", ("Javad",), 1.5, ()),
    ("حمید", ("Hamid",), 1.5, ()),
    ("مرتضی", ("Morteza",), 1.5, ()),
    ("مصطفی", ("Mostafa", "Mustafa"), 1.5, ()),
    ("اسماعیل", ("Esmaeil", "Ismail"), 1.0, ("اسمعیل",)),
    ("یوسف", ("Yousef", "Yusuf"), 1.0, ()),
    ("کیان", ("Kian",), 1.0, ()),
    ("پویا", ("Pouya", "Puya"), 1.0, ()),
    ("عبدالله", ("Abdollah", "Abdullah"), 1.0, ()),
    ("قاسم", ("Ghasem", "Qasem"), 1.0, ()),
    ("محسن", ("Mohsen",), 1.5, ()),
    ("شاهین", ("Shahin",), 0.5, ()),
    ("بهروز", ("Behrouz", "Behrooz"), 0.5, ()),
    ("خسرو", ("Khosrow", "Khosro"), 0.5, ()),
)
_FEMALE = (
    ("فاطمه", ("Fatemeh", "Fatima", "Fateme"), 5.0, ()),
    ("زهرا", ("Zahra",), 4.0, ()),
    ("مریم", ("Maryam",), 3.0, ()),
    ("سارا", ("Sara", "Sarah"), 2.0, ()),
    ("نرگس", ("Narges",), 1.5, ()),
    ("مهسا", ("Mahsa",), 1.5, ()),
    ("نگین", ("Negin",), 1.0, ()),
    ("ژینا", ("Zhina", "Jina"), 0.5, ()),
    ("شیرین", ("Shirin",), 1.0, ()),
    ("معصومه", ("Masoumeh", "Masoume"), 1.5, ()),
    ("کوثر", ("Kowsar", "Kosar"), 1.0, ()),
)
_SURNAMES = (
    ("محمدی", ("Mohammadi",), 6.0, ()),
    ("حسینی", ("Hosseini", "Hoseini", "Husseini"), 6.0, ()),
    ("احمدی", ("Ahmadi",), 5.0, ()),
    ("رضایی", ("Rezaei", "Rezaee", "Rezaie"), 5.0, ("رضائی",)),
    ("کریمی", ("Karimi",), 3.0, ()),
    ("موسوی", ("Mousavi", "Musavi"), 3.0, ()),
    ("جعفری", ("Jafari", "Jaafari"), 3.0, ()),
    ("رحیمی", ("Rahimi",), 2.5, ()),
    ("حیدری", ("Heidari", "Heydari"), 2.5, ()),
    ("صادقی", ("Sadeghi", "Sadeqi"), 2.0, ()),
    ("قاسمی", ("Ghasemi", "Qasemi"), 2.0, ()),
    ("کاظمی", ("Kazemi",), 2.0, ()),
    ("نوری", ("Nouri", "Noori"), 1.5, ()),
    ("اکبری", ("Akbari",), 1.5, ()),
    ("حسین‌زاده", ("Hosseinzadeh", "Hossein Zadeh"), 1.5, ()),
    ("علی‌پور", ("Alipour", "Alipur"), 1.0, ()),
    ("کردی", ("Kordi",), 1.0, ()),
    ("بلوچ", ("Baluch", "Baloch"), 1.0, ()),
    ("امینی", ("Amini",), 1.5, ()),
    ("عزیزی", ("Azizi",), 1.0, ()),
    ("ملکی", ("Maleki",), 1.0, ()),
    ("یوسفی", ("Yousefi", "Yusefi"), 1.0, ()),
    ("سلیمانی", ("Soleimani", "Soleymani"), 1.0, ()),
    ("نجفی", ("Najafi",), 1.0, ()),
    ("شریفی", ("Sharifi",), 1.0, ()),
    ("زارعی", ("Zarei", "Zareie"), 1.0, ()),
    ("طاهری", ("Taheri",), 1.0, ()),
    ("ابراهیمی", ("Ebrahimi",), 1.5, ()),
    ("فرهادی", ("Farhadi",), 0.7, ()),
    ("خسروی", ("Khosravi",), 0.7, ()),
)
_PROVINCES = (
    (
        "IR-23",
        "تهران",
        ("Tehran", "Teheran"),
        13.3,
        (
            ("تهران", ("Tehran",), 35.6892, 51.3890, 9.0),
            ("اسلامشهر", ("Eslamshahr", "Islamshahr"), 35.5522, 51.2350, 0.5),
            ("ورامین", ("Varamin",), 35.3242, 51.6457, 0.25),
        ),
    ),
    (
        "IR-12",
        "کردستان",
        ("Kurdistan", "Kordestan"),
        1.6,
        (
            ("سنندج", ("Sanandaj",), 35.3219, 46.9862, 0.4),
            ("سقز", ("Saqqez", "Saghez"), 36.2499, 46.2735, 0.17),
            ("مریوان", ("Marivan",), 35.5269, 46.1764, 0.14),
            ("دیواندره", ("Divandarreh",), 35.9139, 47.0239, 0.03),
        ),
    ),
    (
        "IR-05",
        "کرمانشاه",
        ("Kermanshah",),
        2.0,
        (
            ("کرمانشاه", ("Kermanshah",), 34.3142, 47.0650, 0.95),
            ("جوانرود", ("Javanrud",), 34.8067, 46.4883, 0.05),
        ),
    ),
    (
        "IR-11",
        "سیستان و بلوچستان",
        ("Sistan and Baluchestan", "Sistan-Baluchestan"),
        2.8,
        (
            ("زاهدان", ("Zahedan",), 29.4963, 60.8629, 0.6),
            ("چابهار", ("Chabahar",), 25.2919, 60.6430, 0.1),
            ("خاش", ("Khash",), 28.2211, 61.2158, 0.05),
        ),
    ),
    (
        "IR-06",
        "خوزستان",
        ("Khuzestan",),
        4.7,
        (
            ("اهواز", ("Ahvaz", "Ahwaz"), 31.3183, 48.6706, 1.2),
            ("آبادان", ("Abadan",), 30.3473, 48.2934, 0.23),
            ("ایذه", ("Izeh",), 31.8342, 49.8678, 0.1),
        ),
    ),
    (
        "IR-10",
        "اصفهان",
        ("Isfahan", "Esfahan"),
        5.1,
        (
            ("اصفهان", ("Isfahan", "Esfahan"), 32.6546, 51.6680, 2.0),
            ("کاشان", ("Kashan",), 33.9850, 51.4100, 0.3),
        ),
    ),
    (
        "IR-07",
        "فارس",
        ("Fars",),
        4.9,
        (
            ("شیراز", ("Shiraz",), 29.5918, 52.5837, 1.6),
            ("مرودشت", ("Marvdasht",), 29.8742, 52.8025, 0.15),
        ),
    ),
    (
        "IR-15",
        "لرستان",
        ("Lorestan", "Luristan"),
        1.8,
        (
            ("خرم‌آباد", ("Khorramabad",), 33.4878, 48.3558, 0.37),
            ("ازنا", ("Azna",), 33.4558, 49.4555, 0.04),
            ("الیگودرز", ("Aligudarz",), 33.4006, 49.6949, 0.08),
        ),
    ),
    (
        "IR-01",
        "گیلان",
        ("Gilan", "Guilan"),
        2.5,
        (
            ("رشت", ("Rasht",), 37.2808, 49.5832, 0.68),
            ("لاهیجان", ("Lahijan",), 37.2072, 50.0039, 0.1),
        ),
    ),
    (
        "IR-09",
        "خراسان رضوی",
        ("Razavi Khorasan", "Khorasan-e Razavi"),
        6.4,
        (
            ("مشهد", ("Mashhad",), 36.2605, 59.6168, 3.0),
            ("نیشابور", ("Neyshabur", "Nishapur"), 36.2133, 58.7958, 0.26),
        ),
    ),
    (
        "IR-03",
        "آذربایجان شرقی",
        ("East Azerbaijan",),
        3.9,
        (("تبریز", ("Tabriz",), 38.0800, 46.2919, 1.6),),
    ),
)


def make_vocabulary() -> Vocabulary:
    """The test vocabulary (a function, so benchmarks can use it too)."""
    given = tuple(
        GivenName(fa, latin, "m", w, variants) for fa, latin, w, variants in _MALE
    ) + tuple(GivenName(fa, latin, "f", w, variants) for fa, latin, w, variants in _FEMALE)
    surnames = tuple(Surname(fa, latin, w, variants) for fa, latin, w, variants in _SURNAMES)
    provinces = tuple(
        Province(code, fa, latin, w, tuple(City(*c) for c in cities))
        for code, fa, latin, w, cities in _PROVINCES
    )
    return Vocabulary(given_names=given, surnames=surnames, provinces=provinces)


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    """The small test vocabulary."""
    return make_vocabulary()


@pytest.fixture(scope="session")
def scenario(vocab: Vocabulary) -> Scenario:
    """A 3,000-person, 5-list scenario shared by the read-only tests."""
    return generate_scenario(vocab, ScenarioParams(persons=3000, lists=5, seed=7, evidence=4))


@pytest.fixture(scope="session")
def written(scenario: Scenario, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared scenario written to disk once."""
    out = tmp_path_factory.mktemp("synth") / "out"
    write_scenario(scenario, out)
    return out
