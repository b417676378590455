"""Conversions between domain values and column values shared by the repositories.

Owns how a :class:`~gavah.model.PartialDate` becomes (first day, precision, calendar) columns, how
timestamps are kept in UTC (SQLite returns them without a zone), and how vocabulary strings read
back from the database become enum members. Must not open sessions or know about tables.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TypeVar

from gavah.errors import ParseError, StorageError
from gavah.model import Calendar, DatePrecision, PartialDate
from gavah.text.dates import to_jalali

__all__ = ["date_columns", "date_from_columns", "enum_or_none", "from_utc", "to_enum", "to_utc"]

E = TypeVar("E", bound=StrEnum)


def date_columns(value: PartialDate | None) -> tuple[dt.date | None, str | None, str | None]:
    """Split a partial date into its (first Gregorian day, precision, calendar) columns.

    The first day keeps dates sortable and indexable; precision and calendar say which period
    it stands for (a Solar Hijri month starts and ends mid Gregorian month).
    """
    if value is None:
        return None, None, None
    return value.to_date(), value.precision.value, value.calendar.value


def date_from_columns(
    day: dt.date | None, precision: str | None, calendar: str | None
) -> PartialDate | None:
    """Rebuild a partial date from its columns.

    Raises:
        StorageError: the columns are partly empty, hold unknown values, or name no real date.
    """
    if day is None and precision is None and calendar is None:
        return None
    if day is None or precision is None or calendar is None:
        raise StorageError("a stored date lacks its precision or calendar (or the reverse)")
    kind = to_enum(DatePrecision, precision)
    system = to_enum(Calendar, calendar)
    try:
        if kind is DatePrecision.DAY:
            if system is not Calendar.GREGORIAN:
                raise StorageError("a stored day must be a Gregorian date")
            return PartialDate.from_date(day)
        year, month = day.year, day.month
        if system is Calendar.SOLAR_HIJRI:
            year, month, _ = to_jalali(day)
        return PartialDate(year, month if kind is DatePrecision.MONTH else None, None, kind, system)
    except ParseError as exc:
        raise StorageError(f"the database holds an impossible date: {exc}") from exc


def to_utc(value: dt.datetime) -> dt.datetime:
    """Return an aware datetime converted to UTC, as stored."""
    return value.astimezone(dt.UTC)


def from_utc(value: dt.datetime) -> dt.datetime:
    """Return a stored timestamp as an aware UTC datetime (SQLite hands back naive ones)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def to_enum(enum: type[E], value: str) -> E:
    """Return the member of ``enum`` whose value is ``value``.

    Raises:
        StorageError: the database holds a value the vocabulary does not know.
    """
    try:
        return enum(value)
    except ValueError as exc:
        raise StorageError(f"the database holds an unknown {enum.__name__} {value!r}") from exc


def enum_or_none(enum: type[E], value: str | None) -> E | None:
    """Like :func:`to_enum` for nullable columns.

    Raises:
        StorageError: the database holds a value the vocabulary does not know.
    """
    return None if value is None else to_enum(enum, value)
