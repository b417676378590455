"""Dates: parsing, the Solar Hijri calendar, partial dates, formatting."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.errors import ParseError
from gavah.text.dates import (
    DatePrecision,
    PartialDate,
    format_jalali,
    format_jalali_long,
    from_jalali,
    jalali_days_in_month,
    parse_date,
    to_jalali,
)
from gavah.text.months import Calendar

D = dt.date

# Key facts of the calendar, checked against jdatetime below and by hand against published
# Iranian calendars: the crackdown's first days, Nowruz 1405, the leap day of 1403.
JALALI_FACTS = [
    ((1404, 10, 18), D(2026, 1, 8)),
    ((1404, 10, 19), D(2026, 1, 9)),
    ((1404, 10, 20), D(2026, 1, 10)),
    ((1404, 1, 1), D(2025, 3, 21)),
    ((1405, 1, 1), D(2026, 3, 21)),
    ((1403, 12, 30), D(2025, 3, 20)),
    ((1404, 12, 29), D(2026, 3, 20)),
    ((1404, 6, 31), D(2025, 9, 22)),
    ((1404, 7, 1), D(2025, 9, 23)),
]


@pytest.mark.parametrize(("jalali", "gregorian"), JALALI_FACTS)
def test_conversion_facts(jalali: tuple[int, int, int], gregorian: dt.date) -> None:
    assert from_jalali(*jalali) == gregorian
    assert to_jalali(gregorian) == jalali
    assert jdatetime.date(*jalali).togregorian() == gregorian


def test_nowruz_follows_the_last_day_of_esfand() -> None:
    assert from_jalali(1405, 1, 1) - from_jalali(1404, 12, 29) == dt.timedelta(days=1)
    assert from_jalali(1404, 1, 1) - from_jalali(1403, 12, 30) == dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(1404, 1, 31), (1404, 6, 31), (1404, 7, 30), (1404, 11, 30), (1403, 12, 30), (1404, 12, 29)],
)
def test_days_in_month(year: int, month: int, days: int) -> None:
    assert jalali_days_in_month(year, month) == days


def test_esfand_length_follows_jdatetime_leap_rule() -> None:
    for year in range(1300, 1500):
        leap = jdatetime.date(year, 1, 1).isleap()
        assert jalali_days_in_month(year, 12) == (30 if leap else 29)
    assert jdatetime.date(1403, 1, 1).isleap()
    assert not jdatetime.date(1404, 1, 1).isleap()


@pytest.mark.parametrize(("year", "month"), [(1404, 0), (1404, 13), (0, 1), (9378, 12)])
def test_days_in_a_month_that_does_not_exist(year: int, month: int) -> None:
    with pytest.raises(ParseError):
        jalali_days_in_month(year, month)


def test_from_jalali_refuses_years_jdatetime_cannot_handle() -> None:
    with pytest.raises(ParseError, match="out of range"):
        from_jalali(9378, 1, 1)


@pytest.mark.parametrize(("year", "month", "day"), [(1404, 7, 31), (1404, 12, 30), (1404, 1, 0)])
def test_from_jalali_refuses_days_that_do_not_exist(year: int, month: int, day: int) -> None:
    with pytest.raises(ParseError, match="no Solar Hijri date"):
        from_jalali(year, month, day)


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-08",
        "2026/01/08",
        "2026.01.08",
        "2026-1-8",
        "1404/10/18",
        "1404-10-18",
        "1404.10.18",
        "۱۴۰۴/۱۰/۱۸",
        "١٤٠٤/١٠/١٨",
        "۱۴۰۴-۱۰-۱۸",
        "١٤٠٤٫١٠٫١٨",
        "\u200f۱۴۰۴/۱۰/۱۸\u200f",
        " 1404/10/18 ",
        "20260108",
        "14041018",
        "2026-01-08 00:00:00",
        "2026-01-08T12:30",
        "۱۸ دی ۱۴۰۴",
        "۱۸ دي ۱۴۰۴",
        "۱۸ دی ماه ۱۴۰۴",
        "18 Dey 1404",
        "18 dey 1404",
        "8 January 2026",
        "January 8, 2026",
        "8 Jan 2026",
        "۸ ژانویه ۲۰۲۶",
    ],
)
def test_one_day_in_many_forms(text: str) -> None:
    assert parse_date(text) == PartialDate(2026, 1, 8, DatePrecision.DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01", PartialDate(2026, 1, None, DatePrecision.MONTH)),
        ("2026/01", PartialDate(2026, 1, None, DatePrecision.MONTH)),
        ("Jan 2026", PartialDate(2026, 1, None, DatePrecision.MONTH)),
        ("2026", PartialDate(2026, None, None, DatePrecision.YEAR)),
        ("1404/10", PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)),
        ("۱۴۰۴/۱۰", PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)),
        ("دی ۱۴۰۴", PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)),
        ("Dey 1404", PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)),
        ("1404", PartialDate(1404, None, None, DatePrecision.YEAR, Calendar.SOLAR_HIJRI)),
        ("۱۴۰۴", PartialDate(1404, None, None, DatePrecision.YEAR, Calendar.SOLAR_HIJRI)),
    ],
)
def test_partial_dates(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1403/12/30", "2025-03-20"),
        ("1404/01/01", "2025-03-21"),
        ("1405/01/01", "2026-03-21"),
        ("1404/06/31", "2025-09-22"),
        ("1404/07/30", "2025-10-22"),
        ("1404/10/19", "2026-01-09"),
        ("1404/10/20", "2026-01-10"),
    ],
)
def test_solar_hijri_days_around_nowruz_and_month_ends(text: str, iso: str) -> None:
    assert parse_date(text).isoformat() == iso


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1404/07/31", "Mehr 1404 has 30 days"),
        ("1404/12/30", "Esfand 1404 has 29 days"),
        ("1404/06/32", "Shahrivar 1404 has 31 days"),
        ("1404/13/01", "no month 13"),
        ("1404/00", "no month 0"),
        ("2025-02-29", "February 2025 has 28 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-01-00", "has 31 days, not 0"),
        ("1250/01/01", "neither Solar Hijri"),
        ("1800-01-01", "neither Solar Hijri"),
        ("2200", "neither Solar Hijri"),
        ("08/01/2026", "year-first"),
        ("26-01-08", "year-first"),
        ("2026/01-08", "year-first"),
        ("18 Dey 2026", "month name is Solar Hijri but year 2026 is Gregorian"),
        ("8 January 1404", "month name is Gregorian but year 1404 is Solar Hijri"),
        ("18 Mohammad 1404", "year-first"),
        ("Dey Dey 1404", "year-first"),
        ("1 2 Dey 1404", "year-first"),
        ("", "year-first"),
        ("yesterday", "year-first"),
    ],
)
def test_bad_dates_raise_one_line_errors_naming_the_input(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as caught:
        parse_date(text)
    message = str(caught.value)
    assert repr(text) in message
    assert "\n" not in message


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(ParseError) as caught:
        parse_date("x" * 500 + "\n" + "y")
    assert len(str(caught.value)) < 200
    assert "\n" not in str(caught.value)


def test_solar_hijri_day_and_gregorian_day_are_the_same_value() -> None:
    assert parse_date("۱۴۰۴/۱۰/۱۸") == parse_date("2026-01-08")
    assert hash(parse_date("۱۴۰۴/۱۰/۱۸")) == hash(parse_date("2026-01-08"))


def test_partial_date_bounds() -> None:
    dey = parse_date("1404/10")
    assert dey.to_date() == D(2025, 12, 22)
    assert dey.last_date() == D(2026, 1, 20)
    assert dey.isoformat() == "2025-12-22/2026-01-20"
    esfand = parse_date("1403/12")
    assert esfand.last_date() == D(2025, 3, 20)
    year = parse_date("1404")
    assert (year.to_date(), year.last_date()) == (D(2025, 3, 21), D(2026, 3, 20))
    january = parse_date("2026-01")
    assert (january.to_date(), january.last_date(), january.isoformat()) == (
        D(2026, 1, 1),
        D(2026, 1, 31),
        "2026-01",
    )
    feb = parse_date("2024-02")
    assert feb.last_date() == D(2024, 2, 29)
    gyear = parse_date("2026")
    assert (gyear.to_date(), gyear.last_date(), gyear.isoformat()) == (
        D(2026, 1, 1),
        D(2026, 12, 31),
        "2026",
    )
    day = parse_date("2026-01-08")
    assert day.to_date() == day.last_date() == D(2026, 1, 8)


def test_contains_and_overlaps() -> None:
    dey = parse_date("1404/10")
    assert dey.contains(D(2026, 1, 8))
    assert not dey.contains(D(2026, 1, 21))
    assert dey.overlaps(parse_date("2026-01-08"))
    assert dey.overlaps(parse_date("2026-01"))
    assert dey.overlaps(parse_date("2025"))
    assert not dey.overlaps(parse_date("2026-02"))
    assert not parse_date("2026-01-08").overlaps(parse_date("2026-01-09"))


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((2026, 1, 8, DatePrecision.MONTH), "needs a month and no day"),
        ((2026, None, 8, DatePrecision.DAY), "needs a month and a day"),
        ((2026, 1, None, DatePrecision.YEAR), "needs no month"),
        ((2026, 2, 30, DatePrecision.DAY), "no date 2026-02-30"),
        ((2026, 13, None, DatePrecision.MONTH), "no date 2026-13"),
        ((1404, 10, 18, DatePrecision.DAY, Calendar.SOLAR_HIJRI), "stored as its Gregorian"),
        ((1404, 13, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI), "no Solar Hijri month"),
    ],
)
def test_partial_date_refuses_inconsistent_fields(args: tuple[object, ...], match: str) -> None:
    with pytest.raises(ParseError, match=match):
        PartialDate(*args)  # type: ignore[arg-type]


def test_from_date() -> None:
    assert PartialDate.from_date(D(2026, 1, 8)) == PartialDate(2026, 1, 8, DatePrecision.DAY)


def test_format_jalali_in_three_digit_systems() -> None:
    day = D(2026, 1, 8)
    assert format_jalali(day) == "1404/10/18"
    assert format_jalali(day, "persian") == "۱۴۰۴/۱۰/۱۸"
    assert format_jalali(day, "arabic") == "١٤٠٤/١٠/١٨"
    assert format_jalali(D(2025, 3, 21), sep="-") == "1404-01-01"
    assert format_jalali_long(day) == "۱۸ دی ۱۴۰۴"
    assert format_jalali_long(day, "ascii", "latin") == "18 Dey 1404"


DAYS = st.dates(min_value=D(1921, 3, 21), max_value=D(2100, 12, 31))


@given(DAYS, st.sampled_from(["ascii", "persian", "arabic"]), st.sampled_from(["/", "-"]))
def test_formatted_jalali_dates_parse_back(day: dt.date, digits: str, sep: str) -> None:
    text = format_jalali(day, digits, sep)  # type: ignore[arg-type]
    year = to_jalali(day)[0]
    if year <= 1499:
        assert parse_date(text) == PartialDate.from_date(day)
        assert parse_date(format_jalali_long(day, digits)) == PartialDate.from_date(day)  # type: ignore[arg-type]


@given(DAYS)
def test_jalali_round_trip(day: dt.date) -> None:
    assert from_jalali(*to_jalali(day)) == day


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_iso_dates_parse_back(day: dt.date) -> None:
    parsed = parse_date(day.isoformat())
    assert parsed.to_date() == day
    assert parsed.isoformat() == day.isoformat()


DATEISH = st.lists(
    st.one_of(
        st.sampled_from(
            [*"0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/-.٫ ,T:", "1404", "2026", "دی", "Dey", "ماه", "Jan"]
        ),
        st.characters(),
    ),
    max_size=12,
).map("".join)


@given(st.one_of(st.text(), DATEISH))
def test_parse_date_returns_a_date_or_raises_parse_error(text: str) -> None:
    try:
        result: PartialDate | None = parse_date(text)
        message = ""
    except ParseError as err:
        result, message = None, str(err)
    assert "\n" not in message
    if result is not None:
        assert result.to_date() <= result.last_date()
