"""The shipped vocabulary data: counts, uniqueness, scripts, coordinates, weights, freshness."""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from gavah.vocab import GivenName, Province, Surname, load_vocabulary

ROOT = Path(__file__).resolve().parents[3]
LATIN = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]|[A-Za-z]")
ZWNJ = "\u200c"
ARABIC_ONLY = {"\u064a", "\u0643", "\u0649", "\u0629"}  # ي ك ى ة


@pytest.fixture(scope="module")
def given() -> tuple[GivenName, ...]:
    return load_vocabulary().given_names


@pytest.fixture(scope="module")
def surnames() -> tuple[Surname, ...]:
    return load_vocabulary().surnames


@pytest.fixture(scope="module")
def provinces() -> tuple[Province, ...]:
    return load_vocabulary().provinces


def all_persian_forms() -> list[str]:
    voc = load_vocabulary()
    forms: list[str] = []
    for name in (*voc.given_names, *voc.surnames):
        forms += [name.persian, *name.persian_variants]
    for province in voc.provinces:
        forms += [province.persian, *province.persian_variants]
        for city in province.cities:
            forms += [city.persian, *city.persian_variants]
    return forms


def all_latin_spellings() -> list[str]:
    voc = load_vocabulary()
    spellings: list[str] = []
    for item in (*voc.given_names, *voc.surnames, *voc.provinces):
        spellings += item.latin
    for province in voc.provinces:
        for city in province.cities:
            spellings += city.latin
    return spellings


def test_given_names_count_and_sex_balance(given: tuple[GivenName, ...]) -> None:
    assert len(given) >= 300
    male = sum(1 for n in given if n.sex == "m")
    assert 0.5 <= male / len(given) <= 0.6


def test_surnames_count_distinct(surnames: tuple[Surname, ...]) -> None:
    assert len({s.persian for s in surnames}) >= 1000
    assert len({s.latin[0].casefold() for s in surnames}) == len(surnames)


def test_provinces_are_the_31_iso_codes(provinces: tuple[Province, ...]) -> None:
    assert len(provinces) == 31
    assert {p.code for p in provinces} == {f"IR-{n:02d}" for n in range(31)}
    assert len({p.persian for p in provinces}) == 31


def test_every_province_has_three_cities_capital_first(provinces: tuple[Province, ...]) -> None:
    assert all(len(p.cities) >= 3 for p in provinces)
    assert sum(len(p.cities) for p in provinces) >= 120
    capitals = {p.code: p.cities[0].latin[0] for p in provinces}
    assert capitals["IR-23"] == "Tehran"
    assert capitals["IR-12"] == "Sanandaj"
    assert capitals["IR-11"] == "Zahedan"
    assert capitals["IR-06"] == "Ahvaz"
    assert capitals["IR-30"] == "Karaj"
    assert capitals["IR-04"] == "Urmia"


def test_small_towns_are_included(provinces: tuple[Province, ...]) -> None:
    small = [c for p in provinces for c in p.cities if c.weight < 30]
    assert len(small) >= 20
    latin = {c.latin[0] for p in provinces for c in p.cities}
    for town in ("Abdanan", "Javanrud", "Piranshahr", "Bukan", "Saqqez", "Divandarreh", "Khash"):
        assert town in latin


def test_no_duplicate_persian_forms_within_a_list(
    given: tuple[GivenName, ...], surnames: tuple[Surname, ...]
) -> None:
    for names in (given, surnames):
        forms = [f for n in names for f in (n.persian, *n.persian_variants)]
        assert len(forms) == len(set(forms))


def test_city_names_unique_within_province(provinces: tuple[Province, ...]) -> None:
    for province in provinces:
        forms = [f for c in province.cities for f in (c.persian, *c.persian_variants)]
        assert len(forms) == len(set(forms)), province.code


def test_latin_spellings_are_ascii_letters_space_hyphen_apostrophe() -> None:
    spellings = all_latin_spellings()
    assert len(spellings) > 3000
    bad = [s for s in spellings if not LATIN.fullmatch(s)]
    assert bad == []
    tripled = [s for s in spellings if re.search(r"(.)\1\1", s.casefold())]
    assert tripled == []


def test_latin_spelling_counts(given: tuple[GivenName, ...], surnames: tuple[Surname, ...]) -> None:
    assert all(1 <= len(n.latin) <= 5 for n in given)
    assert all(1 <= len(n.latin) <= 4 for n in surnames)
    assert all(len(set(n.latin)) == len(n.latin) for n in (*given, *surnames))


def test_persian_forms_use_persian_letter_forms() -> None:
    forms = all_persian_forms()
    assert len(forms) > 4000
    for form in forms:
        assert not set(form) & ARABIC_ONLY, form
        for char in form:
            if char in (" ", ZWNJ):
                continue
            assert unicodedata.name(char).startswith("ARABIC LETTER"), (form, char)
        assert form == form.strip()
        assert not form.startswith(ZWNJ)
        assert not form.endswith(ZWNJ)


def test_coordinates_inside_iran(provinces: tuple[Province, ...]) -> None:
    for province in provinces:
        for city in province.cities:
            assert 25.0 <= city.lat <= 40.0, city
            assert 44.0 <= city.lon <= 64.0, city


def test_province_weights_match_the_2016_census_total(provinces: tuple[Province, ...]) -> None:
    total = sum(p.weight for p in provinces)  # thousands
    assert 77_000 < total < 82_000
    assert max(provinces, key=lambda p: p.weight).code == "IR-23"
    assert min(provinces, key=lambda p: p.weight).code == "IR-16"


def test_weights_are_positive_and_concentrated(
    given: tuple[GivenName, ...], surnames: tuple[Surname, ...]
) -> None:
    assert all(n.weight > 0 for n in (*given, *surnames))
    for sex in ("m", "f"):
        weights = sorted((n.weight for n in given if n.sex == sex), reverse=True)
        assert sum(weights[:10]) / sum(weights) > 0.3
    by_weight = sorted(surnames, key=lambda s: s.weight, reverse=True)
    assert sum(s.weight for s in by_weight[:20]) / sum(s.weight for s in surnames) > 0.25
    top = {s.latin[0] for s in by_weight[:15]}
    assert {"Mohammadi", "Hosseini", "Ahmadi", "Rezaei"} <= top
    top_male = sorted((n for n in given if n.sex == "m"), key=lambda n: -n.weight)[:5]
    assert top_male[0].latin[0] == "Mohammad"
    assert {n.latin[0] for n in top_male} >= {"Ali", "Hossein", "Reza"}


def test_examples_from_the_brief(
    given: tuple[GivenName, ...], surnames: tuple[Surname, ...]
) -> None:
    by_persian = {n.persian: n for n in given}
    assert by_persian["محمد"].latin[:2] == ("Mohammad", "Mohammed")
    assert "Hossein" in by_persian["حسین"].latin
    assert by_persian["فاطمه"].latin[0] == "Fatemeh"
    assert {"محمد رضا", "محمد\u200cرضا"} <= set(by_persian["محمدرضا"].persian_variants)
    assert {"علی اکبر", "علیاکبر"} <= set(by_persian["علی\u200cاکبر"].persian_variants)
    assert {"Zhina", "Jina"} <= set(by_persian["ژینا"].latin)
    assert by_persian["هیوا"].sex == "m"
    compounds = [n for n in given if n.persian_variants and " " in n.persian_variants[0]]
    assert len(compounds) >= 40
    surname = {s.persian: s for s in surnames}["حسین\u200cزاده"]
    assert {"حسین زاده", "حسینزاده"} <= set(surname.persian_variants)
    assert surname.latin[0] == "Hosseinzadeh"


def test_composed_surnames_spell_suffixes_consistently(surnames: tuple[Surname, ...]) -> None:
    suffixes = {
        "زاده": ("zadeh", "zade"),
        "پور": ("pour", "poor", "pur"),
        "نژاد": ("nejad", "nezhad", "nejhad"),
        "وند": ("vand", "wand"),
    }
    checked = 0
    for s in surnames:
        for persian, latin in suffixes.items():
            if s.persian.endswith(persian):
                checked += 1
                assert all(x.casefold().endswith(latin) for x in s.latin), s
    assert checked > 300


def test_no_distinctive_official_surnames(surnames: tuple[Surname, ...]) -> None:
    spellings = {x.casefold() for s in surnames for x in s.latin}
    for name in ("khamenei", "khomeini", "ahmadinejad", "rafsanjani", "pezeshkian"):
        assert name not in spellings


def load_script() -> ModuleType:
    path = ROOT / "scripts" / "build_vocab.py"
    spec = importlib.util.spec_from_file_location("build_vocab", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_vocab", module)
    spec.loader.exec_module(module)
    return module


def test_shipped_name_lists_match_the_generator() -> None:
    script = load_script()
    assert script.main(["--check"]) == 0
