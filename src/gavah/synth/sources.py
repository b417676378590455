"""The synthetic sources of a scenario: the lists, and the witnesses, medics, media and officials.

Owns who says what: each list as a source, plus a few other sources with a type, an origin
linking a derived source to the one it draws on, and claims of a count (an official statement's
"several thousand", an independent estimate). Values only; no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any, Literal

from gavah.synth.styles import ListStyle

__all__ = ["Claim", "Source", "SourceType", "draw_sources", "magnitude_phrase"]

SourceType = Literal["list", "witness", "medical", "media", "official"]


@dataclass(frozen=True, slots=True)
class Claim:
    """A count a source asserts, in its words and as a range."""

    text: str
    text_fa: str
    count_min: int
    count_max: int
    scope: str
    date: dt.date

    def as_json(self) -> dict[str, Any]:
        """The claim as JSON-ready data."""
        return {
            "text": self.text,
            "text_fa": self.text_fa,
            "count_min": self.count_min,
            "count_max": self.count_max,
            "scope": self.scope,
            "date": self.date.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Source:
    """A source of lists, reports or claims; ``origin`` names the source it derives from."""

    id: str
    name: str
    type: SourceType
    language: str
    origin: str | None
    description: str
    records: int | None = None
    claims: tuple[Claim, ...] = ()
    reliability: str = "unknown"

    def as_json(self) -> dict[str, Any]:
        """The source as JSON-ready data."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "language": self.language,
            "origin": self.origin,
            "description": self.description,
            "records": self.records,
            "claims": [c.as_json() for c in self.claims],
            "reliability": self.reliability,
        }


def magnitude_phrase(count: int) -> tuple[str, str, int, int]:
    """Words an official would use for ``count`` ("several thousand"), and the range they allow."""
    if count < 100:
        return "dozens", "ده‌ها نفر", 24, 99
    if count < 1000:
        return "several hundred", "چند صد نفر", 200, 999
    if count < 10_000:
        return "several thousand", "چند هزار نفر", 2000, 9999
    return "tens of thousands", "ده‌ها هزار نفر", 20_000, 99_999


def draw_sources(
    styles: tuple[ListStyle, ...], records: tuple[int, ...], persons: int, rng: random.Random
) -> tuple[Source, ...]:
    """The scenario's sources: one per list, then witnesses, a medic, media and an official.

    The official statement claims a fraction of the true ``persons`` in vague words; an
    independent estimate derived from the lists claims a range around the truth.
    """
    lists = tuple(
        Source(
            id=style.name,
            name=style.label,
            type="list",
            language=style.language,
            origin=None,
            description=f"Synthetic list of the dead, {n} records.",
            records=n,
            reliability="usually_reliable",
        )
        for style, n in zip(styles, records, strict=True)
    )
    official_count = max(1, round(persons * rng.uniform(0.2, 0.35)))
    text, text_fa, lo, hi = magnitude_phrase(official_count)
    estimate_lo = math.floor(persons * rng.uniform(0.75, 0.95))
    estimate_hi = math.ceil(persons * rng.uniform(1.1, 1.4))
    statement_day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(20, 30))
    others = (
        Source(
            id="witness-1",
            name="Eyewitness, protest in a provincial city",
            type="witness",
            language="fa",
            origin=None,
            description="Synthetic eyewitness account sent through a relay after the blackout.",
        ),
        Source(
            id="witness-2",
            name="Eyewitness, night of 8-9 January",
            type="witness",
            language="fa",
            origin=None,
            description="Synthetic eyewitness account with photographs taken on a phone.",
        ),
        Source(
            id="medical-1",
            name="Hospital staff member",
            type="medical",
            language="fa",
            origin=None,
            description="Synthetic account of casualties received by an emergency ward.",
            reliability="usually_reliable",
        ),
        Source(
            id="media-report",
            name="Media report based on the documentation network",
            type="media",
            language="en",
            origin=styles[0].name,
            description="Synthetic news report that republishes the network's figures.",
            reliability="usually_reliable",
        ),
        Source(
            id="official-statement",
            name="Official statement",
            type="official",
            language="fa",
            origin=None,
            description="Synthetic statement by an official acknowledging deaths in vague terms.",
            claims=(Claim(f"{text} were killed", text_fa, lo, hi, "nationwide", statement_day),),
            reliability="doubtful",
        ),
        Source(
            id="independent-estimate",
            name="Independent estimate from the lists",
            type="media",
            language="en",
            origin=styles[0].name,
            description="Synthetic estimate by independent monitors, drawn from the lists.",
            claims=(
                Claim(
                    f"between {estimate_lo:,} and {estimate_hi:,} killed",
                    f"بین {estimate_lo} تا {estimate_hi} نفر کشته",
                    estimate_lo,
                    estimate_hi,
                    "nationwide",
                    statement_day + dt.timedelta(days=5),
                ),
            ),
            reliability="usually_reliable",
        ),
    )
    return lists + others
