"""Stratum labels of stored records, for capture histories by stratum (``gavah estimate --strata``).

Owns :data:`STRATUM_KINDS` (how each stratifiable field turns a record's columns into a label),
the documented age bands (:data:`AGE_BANDS`) and the date windows (``month``: ``2026-01``,
``week``: ISO week ``2026-W03``). A record whose value is missing, or whose date is known less
precisely than the window (a year for a month; a month for a week; a Solar Hijri month, which
straddles two Gregorian months), has no label; the estimate puts such people in ``(missing)``.
Pure functions over column values; no queries here (:mod:`gavah.store.records` runs them).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

__all__ = [
    "AGE_BANDS",
    "DATE_WINDOWS",
    "age_band",
    "date_window",
]

AGE_BANDS: Final = ((0, 17), (18, 29), (30, 44), (45, 59), (60, None))
"""Age bands (inclusive; ``None``: no upper end): children, then the adult bands HRDAG-style
analyses use. Labels are ``0-17``, ``18-29``, ``30-44``, ``45-59`` and ``60+``; they sort in age
order as text."""

DATE_WINDOWS: Final = ("month", "week")
"""Date windows of the event date: Gregorian calendar month, ISO 8601 week."""

_GREGORIAN = "gregorian"
_DAY = "day"
_MONTH = "month"


def age_band(age: int | None) -> str | None:
    """The band label of an age in whole years, or ``None`` when unknown or negative."""
    if age is None or age < 0:
        return None
    for low, high in AGE_BANDS:
        if high is None:
            return f"{low}+"
        if age <= high:
            return f"{low}-{high}"
    return None  # pragma: no cover - the last band is open


def date_window(
    day: dt.date | None, precision: str | None, calendar: str | None, window: str
) -> str | None:
    """The ``month`` or ``week`` label of a stored event date, or ``None`` when it has none.

    ``day`` is the first Gregorian day of the period the date stands for (see
    :func:`gavah.store.codec.date_columns`).

    Raises:
        ValueError: ``window`` is not one of :data:`DATE_WINDOWS`.
    """
    if window not in DATE_WINDOWS:
        raise ValueError(f"unknown date window {window!r}")
    if day is None:
        return None
    if window == "month":
        exact_month = precision == _MONTH and calendar == _GREGORIAN
        if precision != _DAY and not exact_month:
            return None
        return f"{day.year:04d}-{day.month:02d}"
    if precision != _DAY:
        return None
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"
