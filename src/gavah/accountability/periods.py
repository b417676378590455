"""Periods whose ends are partial dates, and whether they cover a date.

Owns :class:`Period` and :class:`Coverage`. The semantics (docs/accountability.md):

* A period's start known only to the month (``2026-01``) means "some day in January 2026". Its
  *earliest* start is 1 January, its *latest* start 31 January; likewise for the end. An open
  end (``None``) means "still held" or "not known to have ended"; an open start means "held since
  before the records begin".
* A period **certainly** covers a day when the day is between the latest possible start and the
  earliest possible end (both inclusive); it **possibly** covers it when the day is between the
  earliest start and the latest end only. Otherwise it does not cover it.
* A date itself known only to the month (an incident in "Dey 1404") is a range of days: a period
  certainly covers it when it certainly covers every day of it, possibly when it possibly covers
  some day of it.

So with a change of command "January 2026" (old post ends ``2026-01``, new one starts
``2026-01``), a day in December 2025 has one certain commander, a day in January two possible
ones, a day in February one certain one. The query reports the certainty; it never guesses.
No I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from gavah.model.dates import PartialDate, check_date

__all__ = ["Coverage", "Period"]


class Coverage(StrEnum):
    """Whether a period covers a date, given what is known of both."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Period:
    """From ``start`` to ``end`` (both inclusive, either open)."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        check_date("period start", self.start)
        check_date("period end", self.end)

    @property
    def ends_before_start(self) -> bool:
        """Whether the end is wholly before the start (an impossible period)."""
        if self.start is None or self.end is None:
            return False
        return self.end.last_date() < self.start.to_date()

    def earliest(self) -> dt.date:
        """The first day the period may have begun (``date.min`` when open)."""
        return dt.date.min if self.start is None else self.start.to_date()

    def latest_start(self) -> dt.date:
        """The last day the period may have begun."""
        return dt.date.min if self.start is None else self.start.last_date()

    def latest(self) -> dt.date:
        """The last day the period may have lasted to (``date.max`` when open)."""
        return dt.date.max if self.end is None else self.end.last_date()

    def earliest_end(self) -> dt.date:
        """The first day the period may have ended on."""
        return dt.date.max if self.end is None else self.end.to_date()

    def covers(self, first: dt.date, last: dt.date | None = None) -> Coverage:
        """Whether the period covers the days ``first``..``last`` (one day when ``last`` is None).

        Certain when every day of the range lies in the certain part of the period; possible
        when some day of it lies in the possible part.
        """
        last = first if last is None else last
        if self.latest_start() <= first and last <= self.earliest_end():
            return Coverage.CERTAIN
        if self.earliest() <= last and first <= self.latest():
            return Coverage.POSSIBLE
        return Coverage.NONE

    def certainly_overlaps(self, other: Period) -> bool:
        """Whether the two periods certainly share more than a boundary day.

        A handover on one day (one ends 2026-01-15, the next starts 2026-01-15) is not an
        overlap, nor is a handover within a month known only to the month.
        """
        start = max(self.latest_start(), other.latest_start())
        end = min(self.earliest_end(), other.earliest_end())
        return start < end

    def describe(self) -> str:
        """``2025-06 – 2026-01``, ``? – 2026-01``, ``2025-06 – present/unknown``."""
        begin = "?" if self.start is None else self.start.isoformat()
        finish = "open" if self.end is None else self.end.isoformat()
        return f"{begin} – {finish}"
