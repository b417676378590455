"""Loading and validating the vocabulary CSVs: the public API and every ParseError path."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah import vocab
from gavah.errors import ParseError
from gavah.vocab import City, GivenName, Province, Surname, Vocabulary
from gavah.vocab.loader import (
    is_latin_spelling,
    is_persian_form,
    parse_given_names,
    parse_provinces,
    parse_surnames,
)

GIVEN_HEADER = "persian,latin,sex,weight,persian_variants\n"
SURNAME_HEADER = "persian,latin,weight,persian_variants\n"
PROVINCE_HEADER = "code,persian,latin,weight,capital,persian_variants\n"
CITY_HEADER = "province_code,persian,latin,lat,lon,weight,persian_variants\n"


def test_public_api_is_pinned() -> None:
    assert sorted(vocab.__all__) == [
        "City",
        "Gazetteer",
        "GivenName",
        "Province",
        "Sex",
        "Surname",
        "Vocabulary",
        "load_gazetteer",
        "load_given_names",
        "load_provinces",
        "load_surnames",
        "load_vocabulary",
    ]
    for name in vocab.__all__:
        assert getattr(vocab, name) is not None


def test_load_vocabulary_returns_typed_values_and_caches() -> None:
    voc = vocab.load_vocabulary()
    assert isinstance(voc, Vocabulary)
    assert voc is vocab.load_vocabulary()
    assert voc.given_names is vocab.load_given_names()
    assert voc.surnames is vocab.load_surnames()
    assert voc.provinces is vocab.load_provinces()
    assert isinstance(voc.given_names[0], GivenName)
    assert isinstance(voc.surnames[0], Surname)
    assert isinstance(voc.provinces[0], Province)
    assert isinstance(voc.provinces[0].cities[0], City)
    assert vocab.load_gazetteer() is vocab.load_gazetteer()


def test_parse_given_names_reads_a_good_file() -> None:
    text = GIVEN_HEADER + "محمدرضا,Mohammadreza|Mohammad Reza,m,12.5,محمد رضا|محمد\u200cرضا\n"
    (name,) = parse_given_names(text, "t.csv")
    assert name == GivenName(
        "محمدرضا", ("Mohammadreza", "Mohammad Reza"), "m", 12.5, ("محمد رضا", "محمد\u200cرضا")
    )


def test_parse_surnames_reads_empty_variants() -> None:
    (name,) = parse_surnames(SURNAME_HEADER + "احمدی,Ahmadi,3,\n", "t.csv")
    assert name == Surname("احمدی", ("Ahmadi",), 3.0, ())


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("علي,Ali,m,1,", "Persian letter forms"),  # Arabic yeh
        ("كريم,Karim,m,1,", "Persian letter forms"),  # Arabic kaf
        (",Ali,m,1,", "persian is empty"),
        ("علی,,m,1,", "latin is empty"),
        ("علی,Alí,m,1,", "ASCII letters"),
        ("علی,Ali2,m,1,", "ASCII letters"),
        ("علی,Ali|Ali,m,1,", "repeats"),
        ("علی,Ali,x,1,", "sex 'x' is not m or f"),
        ("علی,Ali,m,0,", "not positive"),
        ("علی,Ali,m,-3,", "not positive"),
        ("علی,Ali,m,nan,", "not a finite number"),
        ("علی,Ali,m,many,", "not a number"),
        ("علی,Ali,m,1,علی", "repeats the main spelling"),
        ("علی,Ali,m,1,Ali", "Persian letter forms"),
        ("علی,Ali,m,1", "expected 5 cells"),
        ("علی,Ali,m,1,,extra", "expected 5 cells"),
        ("عَلی,Ali,m,1,", "Persian letter forms"),  # harakat
    ],
)
def test_bad_given_name_rows_name_file_and_line(row: str, problem: str) -> None:
    text = GIVEN_HEADER + "رضا,Reza,m,2,\n" + row + "\n"
    with pytest.raises(ParseError, match=problem) as info:
        parse_given_names(text, "given.csv")
    assert str(info.value).startswith("given.csv, line 3: ")


def test_duplicate_persian_form_names_both_lines() -> None:
    text = SURNAME_HEADER + "حسین‌زاده,Hosseinzadeh,2,حسین زاده\nحسینی,Hosseini,1,\n"
    text += "حسین زاده,Hosein Zadeh,1,\n"
    with pytest.raises(ParseError, match=r"line 4: .*already used on line 2"):
        parse_surnames(text, "s.csv")


def test_wrong_header_and_empty_file() -> None:
    with pytest.raises(ParseError, match=r"s\.csv, line 1: columns are persian,latin"):
        parse_surnames("persian,latin\nعلی,Ali\n", "s.csv")
    with pytest.raises(ParseError, match=r"columns are \(none\)"):
        parse_surnames("", "s.csv")
    with pytest.raises(ParseError, match="no rows"):
        parse_surnames(SURNAME_HEADER, "s.csv")
    with pytest.raises(ParseError, match="no rows"):
        parse_given_names(GIVEN_HEADER, "g.csv")


def test_csv_syntax_error_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match=r"s\.csv, line"):
        parse_surnames(SURNAME_HEADER + 'علی,"Ali"x,1,\n', "s.csv")


def provinces_text(*rows: str) -> str:
    return PROVINCE_HEADER + "".join(r + "\n" for r in rows)


def cities_text(*rows: str) -> str:
    return CITY_HEADER + "".join(r + "\n" for r in rows)


GOOD_PROVINCE = "IR-12,کردستان,Kurdistan|Kordestan,1603,سنندج,کوردستان"
GOOD_CITIES = (
    "IR-12,سقز,Saqqez,36.25,46.27,165,",
    "IR-12,سنندج,Sanandaj|Sinne,35.31,47.00,413,سنه",
)


def test_parse_provinces_puts_capital_first() -> None:
    (province,) = parse_provinces(provinces_text(GOOD_PROVINCE), cities_text(*GOOD_CITIES))
    assert province.code == "IR-12"
    assert province.persian_variants == ("کوردستان",)
    assert [c.latin[0] for c in province.cities] == ["Sanandaj", "Saqqez"]
    assert province.cities[0] == City("سنندج", ("Sanandaj", "Sinne"), 35.31, 47.0, 413.0, ("سنه",))


@pytest.mark.parametrize(
    ("province", "cities", "where", "problem"),
    [
        ("IR-123,کردستان,Kurdistan,1,سنندج,", GOOD_CITIES, "p.csv, line 2", "ISO 3166-2"),
        ("IR-12,کردستان,Kurdistan,1,تهران,", GOOD_CITIES, "p.csv, line 2", "capital 'تهران'"),
        (
            GOOD_PROVINCE,
            ("IR-99,سنندج,Sanandaj,35.3,47.0,1,",),
            "c.csv, line 2",
            "province_code 'IR-99'",
        ),
        (GOOD_PROVINCE, ("IR-12,سنندج,Sanandaj,45.3,47.0,1,",), "c.csv, line 2", "lat 45.3"),
        (GOOD_PROVINCE, ("IR-12,سنندج,Sanandaj,35.3,12.0,1,",), "c.csv, line 2", "lon 12.0"),
        (
            GOOD_PROVINCE,
            (*GOOD_CITIES, "IR-12,سنندج,Sanandaj,35.3,47.0,1,"),
            "c.csv, line 4",
            "already used on line 3",
        ),
    ],
)
def test_bad_province_or_city_rows(
    province: str, cities: tuple[str, ...], where: str, problem: str
) -> None:
    with pytest.raises(ParseError, match=problem) as info:
        parse_provinces(provinces_text(province), cities_text(*cities), "p.csv", "c.csv")
    assert str(info.value).startswith(where)


def test_duplicate_province_code_and_empty_provinces() -> None:
    with pytest.raises(ParseError, match="IR-12 is used twice"):
        parse_provinces(
            provinces_text(GOOD_PROVINCE, "IR-12,تهران,Tehran,1,تهران,"), cities_text(*GOOD_CITIES)
        )
    with pytest.raises(ParseError, match="no rows"):
        parse_provinces(PROVINCE_HEADER, CITY_HEADER)


def test_same_city_name_in_two_provinces_is_allowed() -> None:
    provinces = parse_provinces(
        provinces_text("IR-07,فارس,Fars,4851,نورآباد,", "IR-15,لرستان,Lorestan,1761,نورآباد,"),
        cities_text(
            "IR-07,نورآباد,Nurabad,30.11,51.52,59,", "IR-15,نورآباد,Nurabad,34.07,47.97,66,"
        ),
    )
    assert [p.cities[0].lat for p in provinces] == [30.11, 34.07]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محمد", True),
        ("محمد رضا", True),
        ("علی\u200cاکبر", True),
        ("بوئین\u200cزهرا", True),
        ("علي", False),
        ("كريم", False),
        ("فاطمة", False),
        ("", False),
        (" علی", False),
        ("علی  رضا", False),
        ("علی\u200c", False),
        ("علی \u200cرضا", False),
        ("Ali", False),
        ("علی۲", False),
    ],
)
def test_is_persian_form(text: str, expected: bool) -> None:
    assert is_persian_form(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mohammad", True),
        ("Ja'far", True),
        ("Mohammad-Reza", True),
        ("Sistan and Baluchestan", True),
        ("A", True),
        ("", False),
        ("-Ali", False),
        ("Ali ", False),
        ("Rezâ", False),
        ("Ali2", False),
        ("علی", False),
    ],
)
def test_is_latin_spelling(text: str, expected: bool) -> None:
    assert is_latin_spelling(text) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_parsers_only_raise_parse_error(body: str) -> None:
    for parse, header in ((parse_surnames, SURNAME_HEADER), (parse_given_names, GIVEN_HEADER)):
        with contextlib.suppress(ParseError):
            parse(header + body, "x.csv")
