"""Lists the project did not generate: an independent generator with its own names and noise.

Written apart from ``gavah.synth`` on purpose (other vocabulary, other spellings, other noise),
so that linkage is measured on data it was not tuned on. Each person appears on some of three
lists: a Persian-script list (Arabic letter forms, ZWNJ or space in compounds, Persian digits,
Solar Hijri dates), a Latin-script list (spelling variants, "FAMILY, Given" order, age off by
one, dates off by a day), and a terse mixed list (full name only, dropped letters, no father).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from gavah.text import to_jalali, to_persian_digits

GIVEN = (
    ("محمد", ("Mohammad", "Mohamad", "Muhammad")),
    ("علی", ("Ali",)),
    ("حسین", ("Hossein", "Hosein", "Hussein")),
    ("رضا", ("Reza",)),
    ("مهدی", ("Mahdi", "Mehdi")),
    ("امیر", ("Amir",)),
    ("سارا", ("Sara", "Sarah")),
    ("زهرا", ("Zahra",)),
    ("فاطمه", ("Fatemeh", "Fatima")),
    ("نگین", ("Negin",)),
    ("کیان", ("Kian",)),
    ("پویا", ("Pouya", "Pooya")),
    ("ابوالفضل", ("Abolfazl", "Abulfazl")),
    ("محمد\u200cرضا", ("Mohammadreza", "Mohammad Reza")),
    ("علی\u200cرضا", ("Alireza", "Ali Reza")),
    ("جواد", ("Javad",)),
    ("مجید", ("Majid",)),
    ("سعید", ("Saeed", "Said")),
    ("نرگس", ("Narges",)),
    ("مریم", ("Maryam",)),
    ("بهنام", ("Behnam",)),
    ("کامران", ("Kamran",)),
)
FAMILY = (
    ("احمدی", ("Ahmadi",)),
    ("رضایی", ("Rezaei", "Rezaee")),
    ("حسینی", ("Hosseini", "Hoseini")),
    ("کریمی", ("Karimi",)),
    ("موسوی", ("Mousavi", "Musavi")),
    ("جعفری", ("Jafari", "Jaafari")),
    ("صادقی", ("Sadeghi", "Sadeqi")),
    ("رحیمی", ("Rahimi",)),
    ("قاسمی", ("Ghasemi", "Qasemi")),
    ("نوری", ("Nouri", "Noori")),
    ("یزدانی", ("Yazdani",)),
    ("شریفی", ("Sharifi",)),
    ("طاهری", ("Taheri",)),
    ("عباسی", ("Abbasi",)),
    ("کاظمی", ("Kazemi",)),
    ("بهرامی", ("Bahrami",)),
    ("فرهادی", ("Farhadi",)),
    ("زمانی", ("Zamani",)),
    ("اکبری", ("Akbari",)),
    ("سلطانی", ("Soltani",)),
    ("امینی", ("Amini",)),
    ("باقری", ("Bagheri", "Baqeri")),
    ("نجفی", ("Najafi",)),
    ("کامرانی", ("Kamrani",)),
    ("دهقانی", ("Dehghani", "Dehqani")),
    ("پورمحمدی", ("Pourmohammadi", "Pour Mohammadi")),
)
CITIES = (
    ("تهران", "Tehran"),
    ("شیراز", "Shiraz"),
    ("اصفهان", "Isfahan"),
    ("رشت", "Rasht"),
    ("زاهدان", "Zahedan"),
    ("کرمانشاه", "Kermanshah"),
    ("سنندج", "Sanandaj"),
    ("مشهد", "Mashhad"),
)
HEADER = "record_id,full_name,given_name,family_name,father_name,sex,age,date,event,city\n"


@dataclass(frozen=True)
class _Person:
    given: int
    family: int
    father: int
    age: int
    day: dt.date
    city: int


def _arabic_forms(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1 :]


def _csv(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"


def other_lists(persons: int, seed: int) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Three list-CSV texts (name → text) and the truth ((list, record id) → person)."""
    rng = random.Random(seed)
    people = [
        _Person(
            rng.randrange(len(GIVEN)),
            rng.randrange(len(FAMILY)),
            rng.randrange(len(GIVEN)),
            rng.randint(14, 70),
            dt.date(2026, 1, 8) + dt.timedelta(days=rng.randrange(10)),
            rng.randrange(len(CITIES)),
        )
        for _ in range(persons)
    ]
    texts = {"fa-network": HEADER, "latin-press": HEADER, "terse": HEADER}
    truth: dict[tuple[str, str], str] = {}
    for n, p in enumerate(people):
        pid = f"P{n}"
        given_fa, given_lat = GIVEN[p.given]
        family_fa, family_lat = FAMILY[p.family]
        if rng.random() < 0.7:
            rid = f"F{n:05d}"
            given = given_fa.replace("\u200c", rng.choice(["\u200c", " ", ""]))
            y, m, d = to_jalali(p.day)
            cells = [
                rid,
                "",
                given,
                family_fa,
                GIVEN[p.father][0] if rng.random() < 0.6 else "",
                "مرد",
                to_persian_digits(str(p.age)) if rng.random() < 0.8 else "",
                to_persian_digits(f"{y}/{m:02d}/{d:02d}"),
                "کشته",
                CITIES[p.city][0],
            ]
            if rng.random() < 0.3:
                cells = [_arabic_forms(c) for c in cells]
            texts["fa-network"] += _csv(cells)
            truth[("fa-network", rid)] = pid
        if rng.random() < 0.6:
            rid = f"L-{n}"
            given, family = rng.choice(given_lat), rng.choice(family_lat)
            full = f"{family.upper()}, {given}" if rng.random() < 0.3 else f"{given} {family}"
            shift = dt.timedelta(days=1 if rng.random() < 0.1 else 0)
            age = p.age + (rng.choice([-1, 1]) if rng.random() < 0.2 else 0)
            father = rng.choice(GIVEN[p.father][1]) if rng.random() < 0.3 else ""
            cells = [
                rid,
                full,
                "",
                "",
                father,
                "male",
                str(age),
                (p.day + shift).isoformat(),
                "killed",
                CITIES[p.city][1],
            ]
            texts["latin-press"] += _csv(cells)
            truth[("latin-press", rid)] = pid
        if rng.random() < 0.4:
            rid = f"t{n}"
            if rng.random() < 0.5:
                full = f"{given_fa} {family_fa}"
            else:
                full = f"{rng.choice(given_lat)} {rng.choice(family_lat)}"
            if rng.random() < 0.15:
                full = _typo(full, rng)
            cells = [
                rid,
                full,
                "",
                "",
                "",
                "",
                str(p.age) if rng.random() < 0.5 else "",
                p.day.isoformat(),
                "",
                CITIES[p.city][1] if rng.random() < 0.7 else "",
            ]
            texts["terse"] += _csv(cells)
            truth[("terse", rid)] = pid
    return texts, truth
