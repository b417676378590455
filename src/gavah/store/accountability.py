"""Repository for the accountability structure and attributions.

Owns mapping :class:`~gavah.accountability.Structure` (units and officials with their field-level
sourcing, parent links, postings, organisations and their links) and
:class:`~gavah.accountability.Attribution` to and from the tables of
:mod:`gavah.store.schema_accountability`. Saving a record whose id exists replaces it. Must not
decide whether a structure holds together (``gavah.accountability.validation`` does, before
anything is saved). :func:`claim_context` reads what a narrative says about the claims behind
attributions: their latest grades, and the claims that contradict them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gavah.accountability import (
    Attribution,
    Confidence,
    FieldSources,
    Organization,
    OrgKind,
    OrgRelation,
    Period,
    Posting,
    Sourcing,
    Structure,
    UnitParent,
)
from gavah.model import Claim, ClaimRelation, Official, Unit, UnitKind
from gavah.store.claims import ClaimRepository
from gavah.store.codec import date_columns, date_from_columns, to_enum
from gavah.store.grades import GradeRepository
from gavah.store.schema import ClaimLinkRow, OfficialRow, UnitRow
from gavah.store.schema_accountability import (
    AttributionRow,
    OrganizationRow,
    OrgRelationRow,
    PostingRow,
    UnitParentRow,
)
from gavah.store.session import flush

__all__ = [
    "AccountabilityRepository",
    "ClaimContext",
    "claim_context",
    "sources_from_json",
    "sources_to_json",
]

# Ids per ``IN (…)`` query: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500
# Up to this many claims are read one by one; more, with one read of every claim.
_ONE_BY_ONE = 200


def sources_to_json(sources: FieldSources) -> dict[str, Any]:
    """Field-level sourcing as the JSON stored in a ``sources`` column."""
    return {
        name: {
            "citations": list(s.citations),
            "confidence": s.confidence.value,
            "first_cited": s.first_cited.isoformat() if s.first_cited else None,
            "last_cited": s.last_cited.isoformat() if s.last_cited else None,
        }
        for name, s in sorted(sources.items())
    }


def sources_from_json(value: Mapping[str, Any] | None) -> dict[str, Sourcing]:
    """The field-level sourcing stored in a ``sources`` column.

    Raises:
        StorageError: a confidence is not in the vocabulary.
    """
    result = {}
    for name, item in (value or {}).items():
        first, last = item.get("first_cited"), item.get("last_cited")
        result[name] = Sourcing(
            citations=tuple(item["citations"]),
            confidence=to_enum(Confidence, item["confidence"]),
            first_cited=dt.date.fromisoformat(first) if first else None,
            last_cited=dt.date.fromisoformat(last) if last else None,
        )
    return result


def _period_columns(period: Period) -> dict[str, Any]:
    start = date_columns(period.start)
    end = date_columns(period.end)
    return {
        "start_date": start[0],
        "start_precision": start[1],
        "start_calendar": start[2],
        "end_date": end[0],
        "end_precision": end[1],
        "end_calendar": end[2],
    }


def _period(row: UnitParentRow | PostingRow | OrgRelationRow) -> Period:
    return Period(
        date_from_columns(row.start_date, row.start_precision, row.start_calendar),
        date_from_columns(row.end_date, row.end_precision, row.end_calendar),
    )


class AccountabilityRepository:
    """Units over time, postings, organisations and attributions."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, structure: Structure) -> None:
        """Insert the records of ``structure``, replacing any with the same id.

        Raises:
            StorageError: a foreign key does not hold.
        """
        merge = self._session.merge
        for unit in structure.units:
            merge(
                UnitRow(
                    id=unit.id,
                    name_fa=unit.name_fa,
                    name_en=unit.name_en,
                    kind=unit.kind.value,
                    description=unit.description,
                    sources=sources_to_json(structure.unit_sources.get(unit.id, {})),
                )
            )
        for official in structure.officials:
            merge(
                OfficialRow(
                    id=official.id,
                    name_fa=official.name_fa,
                    name_en=official.name_en,
                    description=official.description,
                    sources=sources_to_json(structure.official_sources.get(official.id, {})),
                )
            )
        for org in structure.organizations:
            merge(
                OrganizationRow(
                    id=org.id,
                    name=org.name,
                    kind=org.kind.value,
                    country=org.country,
                    description=org.description,
                    sources=sources_to_json(org.sources),
                )
            )
        flush(self._session)
        for relation in structure.parents:
            merge(
                UnitParentRow(
                    id=relation.id,
                    unit_id=relation.unit_id,
                    parent_id=relation.parent_id,
                    sources=sources_to_json(relation.sources),
                    **_period_columns(relation.period),
                )
            )
        for posting in structure.postings:
            merge(
                PostingRow(
                    id=posting.id,
                    official_id=posting.official_id,
                    unit_id=posting.unit_id,
                    title=posting.title,
                    rank=posting.rank,
                    commands=posting.commands,
                    sources=sources_to_json(posting.sources),
                    **_period_columns(posting.period),
                )
            )
        for link in structure.org_relations:
            merge(
                OrgRelationRow(
                    id=link.id,
                    org_id=link.org_id,
                    target_id=link.target_id,
                    relation=link.relation,
                    sources=sources_to_json(link.sources),
                    **_period_columns(link.period),
                )
            )
        flush(self._session)

    def structure(self) -> Structure:
        """Everything stored, as one structure (records by id)."""
        scalars = self._session.scalars
        unit_rows = list(scalars(select(UnitRow).order_by(UnitRow.id)))
        official_rows = list(scalars(select(OfficialRow).order_by(OfficialRow.id)))
        return Structure(
            units=tuple(
                Unit(
                    row.id,
                    row.name_fa,
                    row.name_en,
                    to_enum(UnitKind, row.kind),
                    row.description,
                )
                for row in unit_rows
            ),
            officials=tuple(
                Official(row.id, row.name_fa, row.name_en, row.description) for row in official_rows
            ),
            parents=tuple(
                UnitParent(
                    row.id, row.unit_id, row.parent_id, _period(row), sources_from_json(row.sources)
                )
                for row in scalars(select(UnitParentRow).order_by(UnitParentRow.id))
            ),
            postings=tuple(
                Posting(
                    row.id,
                    row.official_id,
                    row.unit_id,
                    row.title,
                    row.rank,
                    row.commands,
                    _period(row),
                    sources_from_json(row.sources),
                )
                for row in scalars(select(PostingRow).order_by(PostingRow.id))
            ),
            organizations=tuple(
                Organization(
                    row.id,
                    row.name,
                    to_enum(OrgKind, row.kind),
                    row.country,
                    row.description,
                    sources_from_json(row.sources),
                )
                for row in scalars(select(OrganizationRow).order_by(OrganizationRow.id))
            ),
            org_relations=tuple(
                OrgRelation(
                    row.id,
                    row.org_id,
                    row.target_id,
                    row.relation,
                    _period(row),
                    sources_from_json(row.sources),
                )
                for row in scalars(select(OrgRelationRow).order_by(OrgRelationRow.id))
            ),
            unit_sources={row.id: sources_from_json(row.sources) for row in unit_rows},
            official_sources={row.id: sources_from_json(row.sources) for row in official_rows},
        )

    def save_attributions(self, attributions: Iterable[Attribution]) -> int:
        """Insert attributions, replacing any with the same id; return how many.

        Raises:
            StorageError: the incident, act, unit or official does not exist.
        """
        count = 0
        for attribution in attributions:
            self._session.merge(
                AttributionRow(
                    id=attribution.id,
                    incident_id=attribution.incident_id,
                    act_id=attribution.act_id,
                    unit_id=attribution.unit_id,
                    official_id=attribution.official_id,
                    confidence=attribution.confidence.value,
                    claim_ids=list(attribution.claim_ids),
                    evidence_ids=list(attribution.evidence_ids),
                    note=attribution.note,
                )
            )
            count += 1
        flush(self._session)
        return count

    def attributions(self, incident_id: str | None = None) -> list[Attribution]:
        """Every attribution (of one incident, when given), by id."""
        query = select(AttributionRow).order_by(AttributionRow.id)
        if incident_id is not None:
            query = query.where(AttributionRow.incident_id == incident_id)
        return [
            Attribution(
                id=row.id,
                incident_id=row.incident_id,
                confidence=to_enum(Confidence, row.confidence),
                claim_ids=tuple(row.claim_ids),
                unit_id=row.unit_id,
                official_id=row.official_id,
                act_id=row.act_id,
                evidence_ids=tuple(row.evidence_ids),
                note=row.note,
            )
            for row in self._session.scalars(query)
        ]


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """The claims behind some attributions, those that contradict them, and their grades.

    Attributes:
        claims: claim id → claim, for the supporting claims and every claim linked to one of
            them by ``contradicts`` (in either direction).
        grades: claim id → latest stored grade, for those of ``claims`` that were graded.
    """

    claims: dict[str, Claim]
    grades: dict[str, str]


def claim_context(session: Session, attributions: Iterable[Attribution]) -> ClaimContext:
    """The supporting claims of ``attributions``, the claims contradicting them, and grades."""
    supporting = sorted({claim for a in attributions for claim in a.claim_ids})
    wanted = set(supporting)
    contradicts = ClaimRelation.CONTRADICTS.value
    for start in range(0, len(supporting), _CHUNK):
        chunk = supporting[start : start + _CHUNK]
        rows = session.execute(
            select(ClaimLinkRow.claim_id, ClaimLinkRow.target_id).where(
                ClaimLinkRow.relation == contradicts,
                or_(ClaimLinkRow.claim_id.in_(chunk), ClaimLinkRow.target_id.in_(chunk)),
            )
        )
        for claim_id, target_id in rows:
            wanted.update((claim_id, target_id))
    repo = ClaimRepository(session)
    if len(wanted) > _ONE_BY_ONE:  # two queries for the whole table beat two per claim
        claims = {claim.id: claim for claim in repo.all() if claim.id in wanted}
    else:
        claims = {claim_id: claim for claim_id in sorted(wanted) if (claim := repo.get(claim_id))}
    return ClaimContext(claims, GradeRepository(session).grades_of(claims))
