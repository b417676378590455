"""The quantity a count claim is about: what happened, where, when (for boards and counts).

Owns :class:`Quantity` and :func:`quantity_of`. Two count claims are about the same quantity
when they count the same status (killed, detained, ...) at the same place on the same day; all
national counts of a status are one quantity. A claim's place and day come from its subject
(``province``, ``city``, ``date``), else from its incident. Place names are compared after the
caller's normaliser (the CLI passes the gazetteer's canonical name), else casefolded. Pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gavah.model.claim import Claim
from gavah.model.incident import Incident
from gavah.model.vocabulary import ClaimKind, PersonStatus
from gavah.text.dates import DatePrecision

__all__ = ["PlaceNormaliser", "Quantity", "claim_status", "plain_place", "quantity_of"]

PlaceNormaliser = Callable[[str, str | None], str]
"""(place text, province code or None) → the place's canonical name."""


def plain_place(text: str, province: str | None) -> str:
    """The default normaliser: trimmed and casefolded."""
    del province
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True, order=True)
class Quantity:
    """What a count counts: ``kind`` (count or national_count), status, province, place, day."""

    kind: str
    status: str
    province: str
    place: str
    date: str

    def label(self) -> str:
        """The quantity in words ("killed in ایلام / آبدانان on 2026-01-09")."""
        if self.kind == ClaimKind.NATIONAL_COUNT.value:
            return f"{self.status}, nationwide"
        where = " / ".join(p for p in (self.province, self.place) if p) or "an unknown place"
        when = f" on {self.date}" if self.date else ""
        return f"{self.status} in {where}{when}"


def claim_status(claim: Claim) -> str:
    """The status a claim counts or asserts (``subject["status"]``, default killed)."""
    value = claim.subject.get("status")
    return str(value) if isinstance(value, str) and value else PersonStatus.KILLED.value


def _incident_day(incident: Incident | None) -> str:
    if incident is None or incident.span.start is None:
        return ""
    start, end = incident.span.start, incident.span.end
    if start.precision is not DatePrecision.DAY or (end is not None and end != start):
        return ""
    return start.to_date().isoformat()


def quantity_of(
    claim: Claim, incident: Incident | None, normalise: PlaceNormaliser = plain_place
) -> Quantity | None:
    """The quantity a count or national-count claim is about; ``None`` for other claims."""
    if claim.kind not in (ClaimKind.COUNT, ClaimKind.NATIONAL_COUNT):
        return None
    status = claim_status(claim)
    if claim.kind is ClaimKind.NATIONAL_COUNT:
        return Quantity(claim.kind.value, status, "", "", "")
    subject = claim.subject
    province = subject.get("province")
    if not isinstance(province, str) or not province:
        province = "" if incident is None else (incident.place.province or "")
    place = subject.get("city") or subject.get("place")
    if not isinstance(place, str) or not place:
        place = "" if incident is None else incident.place.name
    date = subject.get("date")
    if not isinstance(date, str) or not date:
        date = _incident_day(incident)
    return Quantity(
        claim.kind.value,
        status,
        province,
        normalise(place, province or None) if place else "",
        date,
    )
