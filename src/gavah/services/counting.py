"""Counts by grade over a workspace, as ``gavah counts`` and the public figures make them.

Owns :func:`named_victims` (the register's persons as counting sees them: the first dated record
gives the place and day), :class:`LatestEstimate` / :func:`latest_estimate` (the latest stored
estimate of the total, when it can be read) and :class:`CountBasis` / :func:`count_basis`
(everything :func:`gavah.verify.count_by_grade` needs, read and graded once, then counted by
any field). The counting rules live in :mod:`gavah.verify`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gavah.services.grading import Loaded, load, place_normaliser
from gavah.store import Store
from gavah.store.estimates import EstimateRepository
from gavah.store.grades import VictimFact, victim_facts
from gavah.verify import (
    ClaimGrade,
    Counts,
    Estimate,
    GradingPolicy,
    GroupBy,
    NamedVictim,
    StreamIndex,
    Witness,
    claim_witness,
    count_by_grade,
)
from gavah.verify.quantity import PlaceNormaliser

__all__ = [
    "CountBasis",
    "LatestEstimate",
    "count_basis",
    "latest_estimate",
    "named_victims",
]


def named_victims(rows: list[VictimFact], normalise: PlaceNormaliser) -> list[NamedVictim]:
    """The register's persons as ``gavah counts`` sees them (first dated record gives place)."""
    by_person: dict[str, list[VictimFact]] = {}
    for fact in rows:
        by_person.setdefault(fact.person_id, []).append(fact)
    named = []
    for person_id, facts in by_person.items():
        dated = [f for f in facts if f.date is not None]
        first = dated[0] if dated else facts[0]
        named.append(
            NamedVictim(
                person_id=person_id,
                status=facts[0].status or "",
                province=first.province or "",
                place=normalise(first.city, first.province) if first.city else "",
                date="" if first.date is None else first.date.isoformat(),
                witnesses=tuple(
                    Witness(label=f"record {f.source_id}:{f.record_id}", source_id=f.source_id)
                    for f in facts
                ),
            )
        )
    return named


@dataclass(frozen=True, slots=True)
class LatestEstimate:
    """The latest stored estimate: the figure counts sit beside, how many lists, when made."""

    estimate: Estimate
    lists: int | None
    made: dt.datetime


def latest_estimate(store: Store) -> LatestEstimate | None:
    """The latest stored estimate of the total (``gavah estimate``), or ``None``.

    A stored result that cannot be read as an estimate counts as none.
    """
    with store.reader() as session:
        stored = EstimateRepository(session).latest()
    if stored is None:
        return None
    result = stored.result
    try:
        low, high = (float(x) for x in result["interval"])
        lists = result.get("lists")
        estimate = Estimate(
            estimate=float(result["estimate"]),
            low=low,
            high=high,
            level=float(result.get("level", 0.95)),
            method=str(result.get("method") or stored.method),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return LatestEstimate(estimate, len(lists) if isinstance(lists, list) else None, stored.created)


@dataclass(frozen=True, slots=True)
class CountBasis:
    """What counting reads, graded once under ``policy``: count it by any field."""

    loaded: Loaded
    grades: dict[str, ClaimGrade]
    named: list[NamedVictim]
    policy: GradingPolicy
    normalise: PlaceNormaliser

    def count(
        self, *, status: str | None, by: GroupBy | None, estimate: Estimate | None = None
    ) -> Counts:
        """Counts by grade of ``status`` (every status when ``None``), broken down ``by``."""
        reports = {r.id: r for r in self.loaded.reports}
        claims = self.loaded.claims
        return count_by_grade(
            named=self.named,
            claims=claims,
            grades=self.grades,
            witnesses={c.id: claim_witness(c, reports.get(c.report_id)) for c in claims},
            incidents=self.loaded.incidents,
            index=StreamIndex(self.loaded.sources),
            policy=self.policy,
            status=status,
            by=by,
            normalise=self.normalise,
            estimate=estimate,
        )


def count_basis(store: Store, policy: GradingPolicy) -> CountBasis:
    """Read the claims and the register's persons, and grade the claims under ``policy``.

    Raises:
        StorageError: the database cannot be read.
    """
    loaded = load(store, acts=False)
    with store.reader() as session:
        facts = victim_facts(session)
    normalise = place_normaliser()
    return CountBasis(
        loaded=loaded,
        grades=loaded.grade(policy),
        named=named_victims(facts, normalise),
        policy=policy,
        normalise=normalise,
    )
