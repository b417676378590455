"""Connectivity observations: one measurement of the internet in a place at a time.

Owns :class:`Observation`, the normalised form every parser produces: which data set, country
(ISO 3166-1 alpha-2) and region (ISO 3166-2 province code, ``None`` for a whole country), when
(a span: ``start`` and, for outages, ``end``), which signal, its value, and whether it marks an
outage. ``detail`` keeps the source's own identifiers so an observation can be traced back to
its line in the file kept in the vault. No I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gavah.errors import ParseError

__all__ = ["Observation"]


@dataclass(frozen=True, slots=True)
class Observation:
    """One connectivity observation."""

    dataset: str  # "ioda", "ooni", "cloudflare-radar"
    country: str
    region: str | None
    region_name: str | None
    start: dt.datetime
    end: dt.datetime | None
    signal: str
    value: float | None
    outage: bool
    detail: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Check times are aware and ordered.

        Raises:
            ParseError: a naive time, or an end before the start.
        """
        if self.start.tzinfo is None or (self.end is not None and self.end.tzinfo is None):
            raise ParseError("an observation's times must carry a time zone")
        if self.end is not None and self.end < self.start:
            raise ParseError(f"an observation ends ({self.end}) before it starts ({self.start})")

    def days(self) -> list[dt.date]:
        """The UTC days this observation touches (one for a point in time)."""
        first = self.start.astimezone(dt.UTC).date()
        last = (self.end or self.start).astimezone(dt.UTC).date()
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
