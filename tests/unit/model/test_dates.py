"""Spans of partial dates (the dates themselves are gavah.text's PartialDate)."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.errors import GavahError, InvariantError
from gavah.model import Calendar, DatePrecision, DateSpan, PartialDate, Record
from gavah.text.dates import PartialDate as TextPartialDate

DAY_9 = PartialDate(2026, 1, 9, DatePrecision.DAY)
DAY_8 = PartialDate(2026, 1, 8, DatePrecision.DAY)
JANUARY = PartialDate(2026, 1, None, DatePrecision.MONTH)
DEY_1404 = PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)


def test_the_model_speaks_the_parsers_date_type() -> None:
    assert PartialDate is TextPartialDate


def test_invariant_errors_are_user_errors() -> None:
    assert issubclass(InvariantError, GavahError)
    assert issubclass(InvariantError, ValueError)


def test_a_span_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvariantError, match="cannot end"):
        DateSpan(DAY_9, DAY_8)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (DAY_9, JANUARY),  # "from 9 January, until some day in January"
        (DAY_8, DAY_8),
        (None, JANUARY),
        (DAY_9, None),
        (DEY_1404, DAY_9),  # Dey 1404 runs 22 Dec 2025 - 20 Jan 2026
    ],
)
def test_overlapping_or_open_spans_are_fine(
    start: PartialDate | None, end: PartialDate | None
) -> None:
    assert DateSpan(start, end).end == end


def test_a_span_of_solar_hijri_month_ends_on_its_last_gregorian_day() -> None:
    with pytest.raises(InvariantError):
        DateSpan(PartialDate(2026, 1, 21, DatePrecision.DAY), DEY_1404)
    assert DEY_1404.last_date() == dt.date(2026, 1, 20)


def test_dates_must_be_partial_dates() -> None:
    with pytest.raises(InvariantError, match="must be a PartialDate"):
        DateSpan(dt.date(2026, 1, 8))  # type: ignore[arg-type]
    with pytest.raises(InvariantError, match="must be a PartialDate"):
        Record("s-1", "1", event_date="2026-01-08")  # type: ignore[arg-type]
