"""The claims board: competing claims about the same quantity, side by side.

Owns :class:`BoardEntry`, :class:`BoardRow` and :func:`claims_board`. Each row is one quantity
(killed in a town on a day; killed nationwide) with every count claimed for it: the claim, its
source, the report's date, the range and the grade, strongest grade first. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gavah.model.claim import Claim
from gavah.model.incident import Incident
from gavah.model.source import Report, Source
from gavah.verify.policy import GRADE_ORDER, Grade
from gavah.verify.quantity import PlaceNormaliser, Quantity, plain_place, quantity_of

__all__ = ["BoardEntry", "BoardRow", "claims_board", "format_range"]


def format_range(low: int, high: int | None) -> str:
    """``40``, ``40-55`` or ``at least 40``."""
    if high is None:
        return f"at least {low}"
    return str(low) if high == low else f"{low}–{high}"


@dataclass(frozen=True, slots=True)
class BoardEntry:
    """One claimed count about a quantity."""

    claim_id: str
    source: str
    date: str
    low: int
    high: int | None
    grade: Grade
    text: str
    stance: str = "affirms"

    def as_json(self) -> dict[str, Any]:
        """The entry as JSON-ready data."""
        return {
            "claim": self.claim_id,
            "source": self.source,
            "date": self.date or None,
            "min": self.low,
            "max": self.high,
            "grade": self.grade.value,
            "text": self.text,
            "stance": self.stance,
        }


@dataclass(frozen=True, slots=True)
class BoardRow:
    """A quantity and the claims about it."""

    quantity: Quantity
    entries: tuple[BoardEntry, ...]

    @property
    def competing(self) -> bool:
        """Whether the claims disagree on the number (more than one distinct range)."""
        return len({(e.low, e.high) for e in self.entries}) > 1

    def as_json(self) -> dict[str, Any]:
        """The row as JSON-ready data."""
        q = self.quantity
        return {
            "quantity": q.label(),
            "kind": q.kind,
            "status": q.status,
            "province": q.province or None,
            "place": q.place or None,
            "date": q.date or None,
            "competing": self.competing,
            "claims": [e.as_json() for e in self.entries],
        }


def claims_board(
    claims: Iterable[Claim],
    *,
    grades: Mapping[str, Grade],
    reports: Mapping[str, Report],
    sources: Mapping[str, Source],
    incidents: Mapping[str, Incident],
    normalise: PlaceNormaliser = plain_place,
) -> list[BoardRow]:
    """Group count claims by quantity; national quantities first, then by place and day."""
    rows: dict[Quantity, list[BoardEntry]] = {}
    for claim in claims:
        incident = None if claim.incident_id is None else incidents.get(claim.incident_id)
        quantity = quantity_of(claim, incident, normalise)
        if quantity is None or claim.count is None:
            continue
        report = reports.get(claim.report_id)
        source = None if report is None else sources.get(report.source_id)
        date = (
            "" if report is None or report.reported_on is None else report.reported_on.isoformat()
        )
        rows.setdefault(quantity, []).append(
            BoardEntry(
                claim_id=claim.id,
                source="?" if source is None else source.name,
                date=date,
                low=claim.count.low,
                high=claim.count.high,
                grade=grades.get(claim.id, Grade.DISCOUNTED),
                text=claim.text,
                stance=claim.stance.value,
            )
        )
    rank = {g: i for i, g in enumerate(GRADE_ORDER)}
    return [
        BoardRow(q, tuple(sorted(entries, key=lambda e: (rank[e.grade], e.date, e.claim_id))))
        for q, entries in sorted(
            rows.items(), key=lambda kv: (kv[0].kind != "national_count", kv[0])
        )
    ]
