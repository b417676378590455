"""Month names of both calendars."""

from __future__ import annotations

import pytest

from gavah.text.months import (
    JALALI_MONTHS,
    JALALI_MONTHS_LATIN,
    Calendar,
    jalali_month_name,
    lookup_month,
)


def test_twelve_months_in_both_scripts() -> None:
    assert len(JALALI_MONTHS) == len(JALALI_MONTHS_LATIN) == 12
    assert jalali_month_name(1) == "فروردین"
    assert jalali_month_name(10) == "دی"
    assert jalali_month_name(10, "latin") == "Dey"
    assert jalali_month_name(12, "latin") == "Esfand"


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month: int) -> None:
    with pytest.raises(ValueError, match="1 to 12"):
        jalali_month_name(month)


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("دی", (Calendar.SOLAR_HIJRI, 10)),
        ("دي", (Calendar.SOLAR_HIJRI, 10)),  # Arabic yeh
        ("Dey", (Calendar.SOLAR_HIJRI, 10)),
        ("DEI", (Calendar.SOLAR_HIJRI, 10)),
        ("اردیبهشت", (Calendar.SOLAR_HIJRI, 2)),
        ("امرداد", (Calendar.SOLAR_HIJRI, 5)),
        ("Esfand", (Calendar.SOLAR_HIJRI, 12)),
        ("January", (Calendar.GREGORIAN, 1)),
        ("jan", (Calendar.GREGORIAN, 1)),
        ("ژانویه", (Calendar.GREGORIAN, 1)),
        ("Sept", (Calendar.GREGORIAN, 9)),
        ("ژوئن", (Calendar.GREGORIAN, 6)),
        ("Mohammad", None),
        ("", None),
    ],
)
def test_lookup_month(word: str, found: tuple[Calendar, int] | None) -> None:
    assert lookup_month(word) == found


def test_every_listed_name_reads_back_as_its_month() -> None:
    for month, (persian, latin) in enumerate(
        zip(JALALI_MONTHS, JALALI_MONTHS_LATIN, strict=True), 1
    ):
        assert lookup_month(persian) == (Calendar.SOLAR_HIJRI, month)
        assert lookup_month(latin) == (Calendar.SOLAR_HIJRI, month)
