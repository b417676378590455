"""Matching province and city names in Persian and Latin script against the gazetteer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.vocab import City, Gazetteer, Province, load_gazetteer, load_provinces

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def to_arabic_letters(text: str) -> str:
    return text.replace("ی", "\u064a").replace("ک", "\u0643")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Khuzestan", "IR-06"),
        ("khouzestan", "IR-06"),
        ("KHUZISTAN", "IR-06"),
        ("Sistan and Baluchestan", "IR-11"),
        ("Sistan-Baluchestan", "IR-11"),
        ("sistan va baluchestan", "IR-11"),
        ("Sistan o Baluchestan", "IR-11"),
        ("Sistan & Baluchestan", "IR-11"),
        ("Kohgiluyeh and Boyer-Ahmad", "IR-17"),
        ("Kohgiluyeh va Boyerahmad", "IR-17"),
        ("Kermanshahan", "IR-05"),
        ("Razavi Khorasan", "IR-09"),
        ("Khorasan-e Razavi", "IR-09"),
        ("North Khorasan", "IR-28"),
        ("South Khorasan", "IR-29"),
        ("Alborz", "IR-30"),
        ("Āzarbāyjān-e Sharqī", "IR-03"),
        ("West Azerbaijan Province", "IR-04"),
        ("Province of Kurdistan", "IR-12"),
        ("Ostan-e Kordestan", "IR-12"),
        ("Markazi", "IR-00"),
        ("Central Province", "IR-00"),
        ("IR-11", "IR-11"),
        ("ir-06", "IR-06"),
        ("خوزستان", "IR-06"),
        ("سیستان و بلوچستان", "IR-11"),
        ("سيستان و بلوچستان", "IR-11"),
        (f"سیستان{ZWNJ}و{ZWNJ}بلوچستان", "IR-11"),
        ("سیستان‌وبلوچستان", "IR-11"),
        ("سیستان بلوچستان", "IR-11"),
        ("كهگيلويه و بويراحمد", "IR-17"),
        ("کهگیلویه و بویر احمد", "IR-17"),
        ("استان کردستان", "IR-12"),
        ("استان كردستان", "IR-12"),
        ("کوردستان", "IR-12"),
        ("آذربایجان‌غربی", "IR-04"),
        ("اذربایجان شرقی", "IR-03"),
        ("چهار محال و بختیاری", "IR-14"),
        ("استانِ تهران", "IR-23"),
    ],
)
def test_match_province(gaz: Gazetteer, text: str, code: str) -> None:
    province = gaz.match_province(text)
    assert province is not None, text
    assert province.code == code


@pytest.mark.parametrize("text", ["", "   ", "Paris", "استان", "Province", "IR-99", "Khorasan"])
def test_unknown_province_is_none(gaz: Gazetteer, text: str) -> None:
    assert gaz.match_province(text) is None


def test_every_listed_spelling_finds_its_own_place(gaz: Gazetteer) -> None:
    for province in load_provinces():
        for name in (province.persian, *province.persian_variants, *province.latin):
            assert gaz.match_province(name) is province, name
            assert gaz.match_province(to_arabic_letters(name)) is province, name
            assert gaz.match_province(name.upper().replace(" ", "-")) is province, name
        for city in province.cities:
            for name in (city.persian, *city.persian_variants, *city.latin):
                for form in (name, to_arabic_letters(name), name.replace(ZWNJ, ""), name.lower()):
                    found = gaz.match_city(form, province)
                    assert found == (province, city), (province.code, form)


@pytest.mark.parametrize(
    ("text", "code", "latin"),
    [
        ("Sanandaj", "IR-12", "Sanandaj"),
        ("Sinne", "IR-12", "Sanandaj"),
        ("سنه", "IR-12", "Sanandaj"),
        ("شهر سنندج", "IR-12", "Sanandaj"),
        ("Saghez", "IR-12", "Saqqez"),
        ("Saqez", "IR-12", "Saqqez"),
        ("Divandareh", "IR-12", "Divandarreh"),
        ("Esfahan", "IR-10", "Isfahan"),
        ("Ispahan", "IR-10", "Isfahan"),
        ("Mashad", "IR-09", "Mashhad"),
        ("Meshed", "IR-09", "Mashhad"),
        ("Ahwaz", "IR-06", "Ahvaz"),
        ("اهواز", "IR-06", "Ahvaz"),
        ("Izeh", "IR-06", "Izeh"),
        ("ايذه", "IR-06", "Izeh"),
        ("Javanroud", "IR-05", "Javanrud"),
        ("Mahabad", "IR-04", "Mahabad"),
        ("Piranshahr", "IR-04", "Piranshahr"),
        ("Boukan", "IR-04", "Bukan"),
        ("Abdanan", "IR-16", "Abdanan"),
        ("Zahedan", "IR-11", "Zahedan"),
        ("Khash", "IR-11", "Khash"),
        ("Saravan", "IR-11", "Saravan"),
        ("Shahr-e Kord", "IR-14", "Shahrekord"),
        ("Shahr Kord", "IR-14", "Shahrekord"),
        ("شهر کرد", "IR-14", "Shahrekord"),
        ("شهرکرد", "IR-14", "Shahrekord"),
        ("شهر بابک", "IR-08", "Shahr-e Babak"),
        ("Bandar Abbas", "IR-22", "Bandar Abbas"),
        ("bandar-e-abbas", "IR-22", "Bandar Abbas"),
        ("بندر عباس", "IR-22", "Bandar Abbas"),
        ("خرم آباد", "IR-15", "Khorramabad"),
        (f"خرم{ZWNJ}آباد", "IR-15", "Khorramabad"),
        ("خرمآباد", "IR-15", "Khorramabad"),
        ("خرم‌اباد", "IR-15", "Khorramabad"),
        ("Sowme'eh Sara", "IR-01", "Sowme'eh Sara"),
        ("Sowmeeh-Sara", "IR-01", "Sowme'eh Sara"),
        ("قائمشهر", "IR-02", "Qaem Shahr"),
        ("قایم شهر", "IR-02", "Qaem Shahr"),
        ("Kermanshah city", "IR-05", "Kermanshah"),
        ("City of Tehran", "IR-23", "Tehran"),
        ("Tehrān", "IR-23", "Tehran"),
        ("Torbat Heidariyeh", "IR-09", "Torbat-e Heydarieh"),
        ("Masjed-Soleiman", "IR-06", "Masjed Soleyman"),
        ("Ghouchan", "IR-09", "Quchan"),
        ("Quchan", "IR-09", "Quchan"),
        ("Qouchan", "IR-09", "Quchan"),
    ],
)
def test_match_city(gaz: Gazetteer, text: str, code: str, latin: str) -> None:
    found = gaz.match_city(text)
    assert found is not None, text
    province, city = found
    assert (province.code, city.latin[0]) == (code, latin)
    assert city in province.cities


def test_ambiguous_city_resolves_to_most_populous_unless_province_given(gaz: Gazetteer) -> None:
    ambiguous = gaz.ambiguous_city_names()
    assert "nurabad" in ambiguous
    assert {p.code for p, _ in ambiguous["nurabad"]} == {"IR-07", "IR-15"}
    lorestan, fars = gaz.match_province("Lorestan"), gaz.match_province("Fars")
    assert lorestan is not None
    assert fars is not None
    found = gaz.match_city("Nurabad")
    assert found is not None
    assert found[0] is lorestan  # 66k people against 59k in Nurabad (Mamasani), Fars
    assert found[1].weight > next(c.weight for c in fars.cities if c.latin[0] == "Nurabad")
    fars_match = gaz.match_city("نورآباد", "Fars")
    assert fars_match is not None
    assert fars_match[0] is fars
    by_object = gaz.match_city("Nourabad", fars)
    assert by_object is not None
    assert by_object[0] is fars
    assert gaz.match_city("Nurabad-e Mamasani") == fars_match


def test_only_known_homonyms_are_ambiguous(gaz: Gazetteer) -> None:
    names = {cities[0][1].latin[0] for cities in gaz.ambiguous_city_names().values()}
    assert names == {"Nurabad"}


def test_city_outside_the_given_province_is_none(gaz: Gazetteer) -> None:
    assert gaz.match_city("Sanandaj", "Tehran") is None
    assert gaz.match_city("Sanandaj", "Atlantis") is None
    assert gaz.match_city("Sanandaj", "IR-12") is not None


@pytest.mark.parametrize("text", ["", "  ", "Paris", "شهر", "city", "Kurdistan", "Sanandajj x"])
def test_unknown_city_is_none(gaz: Gazetteer, text: str) -> None:
    assert gaz.match_city(text) is None


def make_city(persian: str, latin: str, weight: float) -> City:
    return City(persian, (latin,), 35.0, 50.0, weight)


def test_tie_breaking_on_a_small_gazetteer() -> None:
    first = Province("IR-01", "الف", ("Alef",), 1.0, (make_city("دشت", "Dasht", 10.0),))
    second = Province("IR-02", "ب", ("Be",), 2.0, (make_city("دشت", "Dasht", 10.0),))
    third = Province("IR-03", "پ", ("Pe",), 3.0, (make_city("دشت", "Dasht", 30.0),))
    gaz = Gazetteer([first, second])
    assert gaz.provinces == (first, second)
    found = gaz.match_city("Dasht")
    assert found is not None
    assert found[0] is first  # equal weight: the first given wins
    found = Gazetteer([first, second, third]).match_city("دشت")
    assert found is not None
    assert found[0] is third


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_matching_never_raises(text: str) -> None:
    gaz = load_gazetteer()
    province = gaz.match_province(text)
    assert province is None or province in gaz.provinces
    found = gaz.match_city(text)
    assert found is None or found[1] in found[0].cities
    assert gaz.match_city(text, text) is None or gaz.match_province(text) is not None
