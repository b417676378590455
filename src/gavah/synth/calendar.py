"""Dates as synthetic lists write them: Gregorian ISO or Solar Hijri, to day, month or year.

Owns turning a date into the text a list writes (ASCII digits; the caller changes the digit system),
including the unpadded and month- or year-only forms hand-typed lists use. The conversion itself is
``gavah.text.dates.to_jalali``; this module must not parse dates and does no I/O.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

from gavah.text.dates import to_jalali

__all__ = ["Calendar", "Precision", "format_list_date", "jalali_parts"]

Calendar = Literal["gregorian", "jalali"]
Precision = Literal["day", "month", "year"]


@lru_cache(maxsize=4096)
def jalali_parts(day: dt.date) -> tuple[int, int, int]:
    """Return the Solar Hijri (year, month, day) of a Gregorian date (cached: lists repeat days)."""
    return to_jalali(day)


def format_list_date(
    day: dt.date, calendar: Calendar, precision: Precision = "day", *, pad: bool = True
) -> str:
    """Write ``day`` as a list would: ``2026-01-08`` or ``1404/10/18``, cut to ``precision``.

    ``pad`` False drops the leading zero of Jalali month and day (``1404/10/8``), as hand-typed
    lists often do; ISO dates are always padded.
    """
    if calendar == "gregorian":
        if precision == "year":
            return f"{day.year:04d}"
        if precision == "month":
            return f"{day.year:04d}-{day.month:02d}"
        return day.isoformat()
    year, month, mday = jalali_parts(day)
    if precision == "year":
        return f"{year}"
    m = f"{month:02d}" if pad else str(month)
    if precision == "month":
        return f"{year}/{m}"
    d = f"{mday:02d}" if pad else str(mday)
    return f"{year}/{m}/{d}"
