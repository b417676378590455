"""Claims that cut against an attribution, for a narrative's last section.

Owns :func:`contradicting_claims` (for each attribution's supporting claims, the claims linked to
them by *contradicts*, in either direction) and :func:`contrary_facts` (the same, as the lines a
narrative shows under "information that cuts the other way", with each claim's grade). The
claims and grades come from the caller (the claims store and ``gavah.verify``); nothing is
dropped because it is weak or ungraded. No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gavah.accountability.attribution import Attribution
from gavah.accountability.narrative import Fact
from gavah.model import Claim

__all__ = ["Contradiction", "contradicting_claims", "contrary_facts"]


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Claim ``against`` contradicts claim ``supporting``, which backs ``attribution``."""

    attribution: Attribution
    supporting: str
    against: Claim


def contradicting_claims(
    attributions: Iterable[Attribution], claims: Mapping[str, Claim]
) -> list[Contradiction]:
    """Every claim in ``claims`` that contradicts a supporting claim of ``attributions``.

    A link counts whichever side recorded it. A supporting claim of the same attribution is not
    reported against it (the analyst already weighed the two together).
    """
    against: dict[str, list[str]] = {}
    for claim in claims.values():
        for target in claim.contradicts:
            against.setdefault(target, []).append(claim.id)
            against.setdefault(claim.id, []).append(target)
    found: list[Contradiction] = []
    seen: set[tuple[str, str, str]] = set()
    for attribution in attributions:
        for supporting in attribution.claim_ids:
            for other in sorted(set(against.get(supporting, ()))):
                key = (attribution.id, supporting, other)
                found_claim = claims.get(other)
                if found_claim is None or other in attribution.claim_ids or key in seen:
                    continue
                seen.add(key)
                found.append(Contradiction(attribution, supporting, found_claim))
    return found


def contrary_facts(
    attributions: Iterable[Attribution],
    claims: Mapping[str, Claim],
    grades: Mapping[str, str],
) -> list[Fact]:
    """The contradicting claims as narrative lines: what they say, their grade, whose claim."""
    return [
        Fact(
            f"Claim {c.against.id} [{grades.get(c.against.id, 'ungraded')}] contradicts claim "
            f"{c.supporting} [{grades.get(c.supporting, 'ungraded')}], which supports "
            f"attribution {c.attribution.id} (incident {c.attribution.incident_id}): "
            f"“{c.against.text}”",
            f"report {c.against.report_id}",
        )
        for c in contradicting_claims(attributions, claims)
    ]
