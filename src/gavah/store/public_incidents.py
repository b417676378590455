"""The reads of the public incident pages: a page of incidents, their acts, counts by grade.

Owns :class:`IncidentFacts`, :class:`ActFacts`, :class:`GradedCount` and :func:`incident_page`,
:func:`incident_facts`. Only what may be public is read: place, time span, description, acts'
types and victim counts, and the count claims' ranges grouped by their latest grade — never a
claim's text, its report or source, a witness or an act's named victim. Indexed queries with
``LIMIT``: the cost of a page does not grow with the workspace. Must not grade or count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.store.schema import ActRow, ClaimRow, IncidentRow
from gavah.store.schema_claims import ClaimGradeRow

__all__ = ["ActFacts", "GradedCount", "IncidentFacts", "incident_facts", "incident_page"]


@dataclass(frozen=True, slots=True)
class ActFacts:
    """One act of an incident: its type and, when counted, the victims' range."""

    act_type: str
    victims_low: int | None
    victims_high: int | None


@dataclass(frozen=True, slots=True)
class GradedCount:
    """The affirming count claims about an incident under one grade: their range and number."""

    grade: str
    low: int
    high: int | None
    claims: int


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    """What the public may read about an incident."""

    id: str
    place: str
    province: str | None
    start: dt.date | None
    start_precision: str | None
    end: dt.date | None
    end_precision: str | None
    description: str | None
    acts: tuple[ActFacts, ...]
    counts: tuple[GradedCount, ...]


def _facts(session: Session, rows: Sequence[IncidentRow]) -> list[IncidentFacts]:
    ids = [r.id for r in rows]
    acts: dict[str, list[ActFacts]] = {i: [] for i in ids}
    if ids:
        for incident_id, act_type, low, high in session.execute(
            select(ActRow.incident_id, ActRow.act_type, ActRow.victims_low, ActRow.victims_high)
            .where(ActRow.incident_id.in_(ids))
            .order_by(ActRow.incident_id, ActRow.id)
        ):
            acts[incident_id].append(ActFacts(act_type, low, high))
    counts: dict[str, dict[str, list[tuple[int, int | None]]]] = {i: {} for i in ids}
    if ids:
        for claim_incident, grade, low, high in session.execute(
            select(
                ClaimRow.incident_id, ClaimGradeRow.grade, ClaimRow.count_low, ClaimRow.count_high
            )
            .join(ClaimGradeRow, ClaimGradeRow.claim_id == ClaimRow.id)
            .where(
                ClaimRow.incident_id.in_(ids),
                ClaimRow.count_low.is_not(None),
                ClaimRow.stance == "affirms",
            )
        ):
            if claim_incident is not None and low is not None:
                counts[claim_incident].setdefault(grade, []).append((low, high))
    found: list[IncidentFacts] = []
    for row in rows:
        graded = []
        for grade, ranges in counts[row.id].items():
            highs = [h for _, h in ranges]
            high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
            graded.append(GradedCount(grade, min(lo for lo, _ in ranges), high, len(ranges)))
        found.append(
            IncidentFacts(
                id=row.id,
                place=row.place_name,
                province=row.province,
                start=row.start_date,
                start_precision=row.start_precision,
                end=row.end_date,
                end_precision=row.end_precision,
                description=row.description,
                acts=tuple(acts[row.id]),
                counts=tuple(graded),
            )
        )
    return found


def incident_page(
    session: Session, *, offset: int, limit: int, province: str | None = None
) -> tuple[int, list[IncidentFacts]]:
    """How many incidents there are (in ``province``), and one page of them, newest first."""
    query = select(IncidentRow)
    counting = select(func.count()).select_from(IncidentRow)
    if province:
        query = query.where(IncidentRow.province == province)
        counting = counting.where(IncidentRow.province == province)
    total = session.scalar(counting) or 0
    rows = list(
        session.scalars(
            query.order_by(
                IncidentRow.start_date.is_(None), IncidentRow.start_date.desc(), IncidentRow.id
            )
            .offset(offset)
            .limit(limit)
        )
    )
    return total, _facts(session, rows)


def incident_facts(session: Session, incident_id: str) -> IncidentFacts | None:
    """The public facts of one incident, or ``None``."""
    row = session.get(IncidentRow, incident_id)
    return None if row is None else _facts(session, [row])[0]
