"""Column conversions: partial dates in three columns, timestamps in UTC, vocabularies."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.errors import StorageError
from gavah.model import Calendar, DatePrecision, PartialDate, PersonStatus
from gavah.store.codec import date_columns, date_from_columns, from_utc, to_enum, to_utc

DATES = [
    PartialDate(2026, 1, 8, DatePrecision.DAY),
    PartialDate(2026, 1, None, DatePrecision.MONTH),
    PartialDate(2026, None, None, DatePrecision.YEAR),
    PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI),
    PartialDate(1404, 12, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI),
    PartialDate(1403, None, None, DatePrecision.YEAR, Calendar.SOLAR_HIJRI),
]


@pytest.mark.parametrize("value", DATES, ids=lambda d: f"{d.calendar}-{d.isoformat()}")
def test_partial_dates_round_trip_through_their_columns(value: PartialDate) -> None:
    day, precision, calendar = date_columns(value)
    assert day == value.to_date()
    assert date_from_columns(day, precision, calendar) == value


def test_dey_1404_starts_on_its_first_gregorian_day() -> None:
    dey = PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)
    assert date_columns(dey) == (dt.date(2025, 12, 22), "month", "solar_hijri")


@pytest.mark.parametrize(
    "columns",
    [
        (dt.date(2026, 1, 8), None, "gregorian"),
        (None, "day", None),
        (dt.date(2026, 1, 8), "fortnight", "gregorian"),
        (dt.date(2026, 1, 8), "day", "solar_hijri"),
        (dt.date(2026, 1, 8), "day", "lunar"),
    ],
)
def test_broken_date_columns_raise_storage_error(
    columns: tuple[dt.date | None, str | None, str | None],
) -> None:
    with pytest.raises(StorageError):
        date_from_columns(*columns)
    assert date_from_columns(None, None, None) is None
    assert date_columns(None) == (None, None, None)


def test_timestamps_are_stored_in_utc_and_read_back_aware() -> None:
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    moment = dt.datetime(2026, 1, 8, 20, 0, tzinfo=tehran)
    stored = to_utc(moment)
    assert stored.tzinfo == dt.UTC
    assert stored == moment
    assert from_utc(stored.replace(tzinfo=None)) == moment  # SQLite hands back naive UTC


def test_unknown_vocabulary_in_the_database_is_a_storage_error() -> None:
    assert to_enum(PersonStatus, "killed") is PersonStatus.KILLED
    with pytest.raises(StorageError, match="unknown PersonStatus"):
        to_enum(PersonStatus, "vanished")
