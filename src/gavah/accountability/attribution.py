"""Attribution: an incident or act linked to a unit or an official, with the claims behind it.

Owns :class:`Attribution`. The confidence is the analyst's; the supporting claims (ids in the
claims store, graded by ``gavah.verify``) and evidence items (ids in the vault) are what a reader
checks it against. This module does not read claims or grade them. No I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from gavah.accountability.sourcing import Confidence
from gavah.model.rules import check_id, check_optional_text, require, unique

__all__ = ["Attribution"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Incident ``incident_id`` (or one of its acts) is attributed to a unit and/or an official.

    Attributes:
        id: stable id.
        incident_id: the incident.
        act_id: the act within it, if the attribution is that narrow.
        unit_id: the unit held responsible, if any.
        official_id: the official held responsible directly, if any.
        confidence: how far the claims support the link.
        claim_ids: the claims that support it (at least one).
        evidence_ids: vault items that bear on it.
        note: free text (the analyst's reasoning).
    """

    id: str
    incident_id: str
    confidence: Confidence
    claim_ids: tuple[str, ...]
    unit_id: str | None = None
    official_id: str | None = None
    act_id: str | None = None
    evidence_ids: tuple[str, ...] = ()
    note: str | None = None

    def __post_init__(self) -> None:
        check_id("attribution id", self.id)
        check_id("attribution incident id", self.incident_id)
        require(isinstance(self.confidence, Confidence), f"unknown confidence {self.confidence!r}")
        require(
            self.unit_id is not None or self.official_id is not None,
            "an attribution names a unit or an official",
        )
        for name in ("unit_id", "official_id", "act_id"):
            value = getattr(self, name)
            if value is not None:
                check_id(f"attribution {name.replace('_', ' ')}", value)
        require(isinstance(self.claim_ids, tuple), "claim ids must be a tuple")
        require(len(self.claim_ids) > 0, "an attribution needs at least one supporting claim")
        require(isinstance(self.evidence_ids, tuple), "evidence ids must be a tuple")
        for claim_id in self.claim_ids:
            check_id("claim id", claim_id)
        for evidence_id in self.evidence_ids:
            check_id("evidence id", evidence_id)
        unique("attribution claim ids", self.claim_ids)
        unique("attribution evidence ids", self.evidence_ids)
        check_optional_text("attribution note", self.note)
