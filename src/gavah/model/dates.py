"""Time spans of the domain model, whose ends are dates known to a precision.

Owns :class:`DateSpan`. The dates themselves are :class:`gavah.text.dates.PartialDate` (a day, a
month or a year, Gregorian or Solar Hijri), re-exported here with :class:`DatePrecision` and
:class:`Calendar` so that the model speaks one date type with the parser that produces it. This
module holds values only and reads no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from gavah.errors import InvariantError
from gavah.model.rules import require
from gavah.text.dates import DatePrecision, PartialDate
from gavah.text.months import Calendar

__all__ = ["Calendar", "DatePrecision", "DateSpan", "PartialDate", "check_date"]


def check_date(what: str, value: PartialDate | None) -> None:
    """Check that ``value`` is a :class:`PartialDate` or ``None``.

    Raises:
        InvariantError: it is something else (a ``datetime.date``, a string).
    """
    if value is not None and not isinstance(value, PartialDate):
        raise InvariantError(f"{what} must be a PartialDate, got {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A time span whose ends are each known to their own precision; either end may be unknown."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        check_date("span start", self.start)
        check_date("span end", self.end)
        if self.start is not None and self.end is not None:
            require(
                self.end.last_date() >= self.start.to_date(),
                f"a span cannot end ({self.end.isoformat()}) before it starts"
                f" ({self.start.isoformat()})",
            )
