"""Dates as lists write them: ISO and Solar Hijri, cut to month or year, padded or not."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.synth.calendar import format_list_date, jalali_parts


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 8), (1404, 10, 18)),
        (dt.date(2026, 1, 10), (1404, 10, 20)),
        (dt.date(2026, 3, 20), (1404, 12, 29)),
        (dt.date(2026, 3, 21), (1405, 1, 1)),
        (dt.date(2025, 12, 31), (1404, 10, 10)),
    ],
)
def test_jalali_parts_around_the_crackdown_and_the_new_year(
    day: dt.date, expected: tuple[int, int, int]
) -> None:
    assert jalali_parts(day) == expected


def test_format_gregorian_at_each_precision() -> None:
    day = dt.date(2026, 1, 8)
    assert format_list_date(day, "gregorian") == "2026-01-08"
    assert format_list_date(day, "gregorian", "month") == "2026-01"
    assert format_list_date(day, "gregorian", "year") == "2026"


def test_format_jalali_at_each_precision_and_padding() -> None:
    day = dt.date(2025, 12, 31)
    assert format_list_date(day, "jalali") == "1404/10/10"
    assert format_list_date(dt.date(2026, 1, 3), "jalali", pad=False) == "1404/10/13"
    assert format_list_date(dt.date(2026, 3, 25), "jalali", pad=False) == "1405/1/5"
    assert format_list_date(dt.date(2026, 3, 25), "jalali") == "1405/01/05"
    assert format_list_date(day, "jalali", "month") == "1404/10"
    assert format_list_date(day, "jalali", "year") == "1404"
