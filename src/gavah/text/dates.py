"""Dates as victims lists write them: Gregorian or Solar Hijri, whole or partial, in three digit
systems.

Owns :class:`PartialDate` (a day, a month or a year), :func:`parse_date`, and conversion and
formatting between the Gregorian and Solar Hijri (Jalali) calendars. Calendar arithmetic is
jdatetime's (its leap rule is the 33-year arithmetic cycle, which agrees with the official
astronomical calendar for 1300–1499, the years this module reads). It must not read the clock
or guess a missing year.

How :func:`parse_date` tells the calendars apart: the year decides. A year from 1300 to 1499 is
Solar Hijri, from 1900 to 2100 Gregorian; any other year is an error. Accepted forms, after
:func:`~gavah.text.persian.normalize_persian` (so Persian and Arabic-Indic digits, bidi marks
and letter variants do not matter):

- year first, with one separator among ``/ - .`` (and ``٫``): ``2026-01-08``, ``2026/01/08``,
  ``1404/10/18``, ``1404-1-8``, ``2026-01``, ``1404/10``, ``2026``, ``1404``; a time of day
  after a full date (``2026-01-08 00:00:00``, as spreadsheets export it) is ignored;
- eight digits ``20260108`` or ``14041018``;
- a month name: ``18 Dey 1404``, ``۱۸ دی ۱۴۰۴``, ``۱۸ دی ماه ۱۴۰۴``, ``Dey 1404``,
  ``8 January 2026``, ``January 8, 2026``, ``Jan 2026``; the month name must belong to the
  year's calendar.

Day-first numeric dates (``08/01/2026``) are refused, since day/month and month/day orders
cannot be told apart. A Solar Hijri day is returned as its Gregorian day (a day is a day); a
Solar Hijri month or year, which straddles Gregorian months, keeps its calendar.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import jdatetime

from gavah.errors import ParseError
from gavah.text.digits import DigitSystem, convert_digits
from gavah.text.months import Calendar, jalali_month_name, lookup_month
from gavah.text.persian import name_key, normalize_persian

__all__ = [
    "GREGORIAN_YEARS",
    "SOLAR_HIJRI_YEARS",
    "DatePrecision",
    "PartialDate",
    "format_jalali",
    "format_jalali_long",
    "from_jalali",
    "jalali_days_in_month",
    "parse_date",
    "to_jalali",
]

SOLAR_HIJRI_YEARS = range(1300, 1500)
"""Years :func:`parse_date` reads as Solar Hijri (1300 AP began in March 1921)."""

GREGORIAN_YEARS = range(1900, 2101)
"""Years :func:`parse_date` reads as Gregorian."""

_SHOWN_CHARS = 40  # longest input quoted in an error message, to keep it on one line


class DatePrecision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def jalali_days_in_month(year: int, month: int) -> int:
    """Return the number of days in Solar Hijri ``month`` of ``year``.

    Farvardin to Shahrivar (1–6) have 31 days, Mehr to Bahman (7–11) 30, Esfand 29, or 30 in
    a leap year by jdatetime's rule.

    Raises:
        ParseError: ``month`` is not 1 to 12, or ``year`` is outside what jdatetime handles.
    """
    if not 1 <= month <= 12 or year < 1:
        raise ParseError(f"there is no Solar Hijri month {year}/{month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    try:
        leap: bool = jdatetime.date(year, 1, 1).isleap()
    except ValueError as err:
        raise ParseError(f"Solar Hijri year {year} is out of range: {err}") from err
    return 30 if leap else 29


def from_jalali(year: int, month: int, day: int) -> dt.date:
    """Return the Gregorian date of Solar Hijri ``year/month/day``.

    ``from_jalali(1404, 10, 18) == date(2026, 1, 8)``.

    Raises:
        ParseError: the Solar Hijri date does not exist (1404/07/31, 1404/12/30) or is outside
            what jdatetime handles.
    """
    days = jalali_days_in_month(year, month)
    if not 1 <= day <= days:
        raise ParseError(
            f"there is no Solar Hijri date {year:04d}/{month:02d}/{day:02d}: "
            f"{jalali_month_name(month, 'latin')} {year} has {days} days"
        )
    try:
        gregorian_date: dt.date = jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError) as err:
        raise ParseError(
            f"Solar Hijri date {year:04d}/{month:02d}/{day:02d} is out of range: {err}"
        ) from err
    return gregorian_date


def to_jalali(day: dt.date) -> tuple[int, int, int]:
    """Return the Solar Hijri (year, month, day) of a Gregorian date.

    ``to_jalali(date(2026, 1, 8)) == (1404, 10, 18)``.
    """
    jalali = jdatetime.date.fromgregorian(date=day)
    return int(jalali.year), int(jalali.month), int(jalali.day)


def format_jalali(day: dt.date, digits: DigitSystem = "ascii", sep: str = "/") -> str:
    """Return a Gregorian date written as a zero-padded Solar Hijri date.

    ``format_jalali(date(2026, 1, 8))`` → ``1404/10/18``; with ``digits="persian"`` →
    ``۱۴۰۴/۱۰/۱۸``; with ``digits="arabic"`` → ``١٤٠٤/١٠/١٨``.
    """
    year, month, dom = to_jalali(day)
    return convert_digits(f"{year:04d}{sep}{month:02d}{sep}{dom:02d}", digits)


def format_jalali_long(
    day: dt.date,
    digits: DigitSystem = "persian",
    script: Literal["persian", "latin"] = "persian",
) -> str:
    """Return a Gregorian date written as a Solar Hijri date with the month's name.

    ``format_jalali_long(date(2026, 1, 8))`` → ``۱۸ دی ۱۴۰۴``; with ``digits="ascii",
    script="latin"`` → ``18 Dey 1404``.
    """
    year, month, dom = to_jalali(day)
    return convert_digits(f"{dom} {jalali_month_name(month, script)} {year}", digits)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or the year, in the calendar it is bounded by.

    Gregorian dates of any precision, and Solar Hijri months and years. A Solar Hijri day is
    stored as its Gregorian day (build it with ``PartialDate.from_date(from_jalali(...))``).
    """

    year: int
    month: int | None
    day: int | None
    precision: DatePrecision
    calendar: Calendar = Calendar.GREGORIAN

    def __post_init__(self) -> None:
        """Check that the fields agree with the precision and name a real period.

        Raises:
            ParseError: the fields do not make a date.
        """
        expected = {
            DatePrecision.DAY: (True, True),
            DatePrecision.MONTH: (True, False),
            DatePrecision.YEAR: (False, False),
        }[self.precision]
        if (self.month is not None, self.day is not None) != expected:
            raise ParseError(f"a {self.precision} date needs {_fields_for(self.precision)}")
        if self.calendar is Calendar.SOLAR_HIJRI:
            if self.precision is DatePrecision.DAY:
                raise ParseError("a Solar Hijri day is stored as its Gregorian date")
            jalali_days_in_month(self.year, self.month or 1)
        else:
            try:
                dt.date(self.year, self.month or 1, self.day or 1)
            except ValueError as err:
                raise ParseError(f"there is no date {self._numbers()}: {err}") from err

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        """Return the day-precision partial date of a Gregorian date."""
        return cls(day.year, day.month, day.day, DatePrecision.DAY)

    def _numbers(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)

    def to_date(self) -> dt.date:
        """Return the Gregorian date of the first day of the period."""
        if self.calendar is Calendar.SOLAR_HIJRI:
            return from_jalali(self.year, self.month or 1, 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_date(self) -> dt.date:
        """Return the Gregorian date of the last day of the period."""
        if self.calendar is Calendar.SOLAR_HIJRI:
            if self.month is None:
                return from_jalali(self.year, 12, jalali_days_in_month(self.year, 12))
            return from_jalali(self.year, self.month, jalali_days_in_month(self.year, self.month))
        if self.precision is DatePrecision.DAY:
            return self.to_date()
        month = self.month or 12
        return dt.date(self.year, month, gregorian.monthrange(self.year, month)[1])

    def contains(self, day: dt.date) -> bool:
        """Return whether the Gregorian date ``day`` falls in the period."""
        return self.to_date() <= day <= self.last_date()

    def overlaps(self, other: PartialDate) -> bool:
        """Return whether the two periods share a day (whether they can be the same date)."""
        return self.to_date() <= other.last_date() and other.to_date() <= self.last_date()

    def isoformat(self) -> str:
        """Return the date in ISO 8601 form.

        Gregorian: ``2026-01-08``, ``2026-01`` or ``2026``. A Solar Hijri month or year is not
        a Gregorian month or year, so it is written as the ISO 8601 interval of its first and
        last days: Dey 1404 → ``2025-12-22/2026-01-20``.
        """
        if self.calendar is Calendar.SOLAR_HIJRI:
            return f"{self.to_date().isoformat()}/{self.last_date().isoformat()}"
        return self._numbers()


def _fields_for(precision: DatePrecision) -> str:
    return {
        DatePrecision.DAY: "a month and a day",
        DatePrecision.MONTH: "a month and no day",
        DatePrecision.YEAR: "no month and no day",
    }[precision]


_SEPARATORS = str.maketrans({"٫": "/", "٬": "/", "\\": "/", "‐": "-", "‑": "-", "–": "-"})
_NUMERIC = re.compile(
    r"([0-9]{4})(?:([-/.])([0-9]{1,2})(?:\2([0-9]{1,2})"
    r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?)?)?"
)
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_YEAR = re.compile(r"[0-9]{4}")
_DAY = re.compile(r"[0-9]{1,2}")
_LABELS = {Calendar.GREGORIAN: "Gregorian", Calendar.SOLAR_HIJRI: "Solar Hijri"}
_MONTH_WORD = name_key("ماه")  # "month", as in ۱۸ دی ماه ۱۴۰۴


def _shown(text: str) -> str:
    return repr(text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…")


def _build(
    text: str, year: int, month: int | None, day: int | None, named: Calendar | None = None
) -> PartialDate:
    if year in SOLAR_HIJRI_YEARS:
        calendar = Calendar.SOLAR_HIJRI
    elif year in GREGORIAN_YEARS:
        calendar = Calendar.GREGORIAN
    else:
        raise ParseError(
            f"cannot read date {_shown(text)}: year {year} is neither Solar Hijri (1300–1499) "
            "nor Gregorian (1900–2100)"
        )
    if named is not None and named is not calendar:
        raise ParseError(
            f"cannot read date {_shown(text)}: the month name is {_LABELS[named]} "
            f"but year {year} is {_LABELS[calendar]}"
        )
    if month is None:
        return PartialDate(year, None, None, DatePrecision.YEAR, calendar)
    if not 1 <= month <= 12:
        raise ParseError(f"cannot read date {_shown(text)}: there is no month {month}")
    if day is None:
        return PartialDate(year, month, None, DatePrecision.MONTH, calendar)
    if calendar is Calendar.SOLAR_HIJRI:
        last = jalali_days_in_month(year, month)
        name = jalali_month_name(month, "latin")
    else:
        last = gregorian.monthrange(year, month)[1]
        name = gregorian.month_name[month]
    if not 1 <= day <= last:
        raise ParseError(
            f"cannot read date {_shown(text)}: {name} {year} has {last} days, not {day}"
        )
    if calendar is Calendar.SOLAR_HIJRI:
        return PartialDate.from_date(from_jalali(year, month, day))
    return PartialDate(year, month, day, DatePrecision.DAY)


def _parse_named(text: str, tokens: list[str]) -> PartialDate | None:
    tokens = [token for token in tokens if name_key(token) != _MONTH_WORD]
    if not tokens or not _YEAR.fullmatch(tokens[-1]):
        return None
    year = int(tokens[-1])
    head = tokens[:-1]
    if len(head) == 1 and (found := lookup_month(head[0])):
        return _build(text, year, found[1], None, found[0])
    if len(head) == 2:
        if _DAY.fullmatch(head[0]) and (found := lookup_month(head[1])):
            return _build(text, year, found[1], int(head[0]), found[0])
        if _DAY.fullmatch(head[1]) and (found := lookup_month(head[0])):
            return _build(text, year, found[1], int(head[1]), found[0])
    return None


def parse_date(text: str) -> PartialDate:
    """Read a date in any of the forms listed in the module docstring.

    ``parse_date("۱۴۰۴/۱۰/۱۸") == parse_date("2026-01-08")``;
    ``parse_date("1404/10").calendar is Calendar.SOLAR_HIJRI``.

    Raises:
        ParseError: the text is not a date in an accepted form, its year is in neither
            calendar's range, or the day does not exist (1404/07/31, 2025-02-29); the one-line
            message quotes the input.
    """
    cleaned = normalize_persian(text).translate(_SEPARATORS)
    if match := _NUMERIC.fullmatch(cleaned):
        year, _sep, month, day = match.groups()
        return _build(text, int(year), int(month) if month else None, int(day) if day else None)
    if match := _COMPACT.fullmatch(cleaned):
        year, month, day = match.groups()
        return _build(text, int(year), int(month), int(day))
    named = _parse_named(text, cleaned.replace(",", " ").replace("،", " ").split())
    if named is not None:
        return named
    raise ParseError(
        f"cannot read date {_shown(text)}: expected a year-first date such as 2026-01-08, "
        "1404/10/18 or 18 Dey 1404"
    )
