"""Repository of grades, and the register facts that counts by grade need.

Owns :class:`StoredGrade`, :class:`GradeRepository` (record a grading run under its policy,
replacing every claim's latest grade; read the latest grades, those of given claims, and the
runs) and :func:`victim_facts` (each person of the register with their status and the records
that name them: source, province, town, day). Must not grade or count: ``gavah.verify`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.store.codec import to_utc
from gavah.store.schema import PersonRow, RecordRow
from gavah.store.schema_claims import ClaimGradeRow, GradingRunRow
from gavah.store.session import flush

__all__ = ["GradeRepository", "StoredGrade", "VictimFact", "victim_facts"]

# Ids per ``IN (…)`` query: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredGrade:
    """A claim's latest stored grade, its explanation (JSON) and the run that gave it."""

    claim_id: str
    grade: str
    explanation: Mapping[str, Any]
    run: int


@dataclass(frozen=True, slots=True)
class VictimFact:
    """One record naming a person: the person, their status, and the record's source and place."""

    person_id: str
    status: str | None
    source_id: str
    record_id: str
    province: str | None
    city: str | None
    date: dt.date | None


class GradeRepository:
    """Grading runs and the latest grade of each claim."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record_run(
        self,
        *,
        graded_at: dt.datetime,
        policy_name: str,
        policy_digest: str,
        policy: Mapping[str, Any],
        grades: Iterable[tuple[str, str, Mapping[str, Any]]],
        changes: list[dict[str, Any]],
    ) -> int:
        """Store a run and make its ``(claim id, grade, explanation)`` the latest; return its id.

        Raises:
            StorageError: ``graded_at`` has no time zone, or a claim is missing.
        """
        if graded_at.tzinfo is None:
            raise StorageError("a grading time needs a time zone")
        batch = list(grades)
        run = GradingRunRow(
            graded_at=to_utc(graded_at),
            policy_name=policy_name,
            policy_digest=policy_digest,
            policy=dict(policy),
            claims=len(batch),
            changes=changes,
        )
        self._session.add(run)
        flush(self._session)
        self._session.execute(delete(ClaimGradeRow))
        self._session.add_all(
            ClaimGradeRow(claim_id=c, run_pk=run.pk, grade=g, explanation=dict(e))
            for c, g, e in batch
        )
        flush(self._session)
        return run.pk

    def latest(self) -> dict[str, StoredGrade]:
        """Claim id → its latest stored grade."""
        rows = self._session.scalars(select(ClaimGradeRow).order_by(ClaimGradeRow.claim_id))
        return {r.claim_id: StoredGrade(r.claim_id, r.grade, r.explanation, r.run_pk) for r in rows}

    def grades_of(self, claim_ids: Iterable[str]) -> dict[str, str]:
        """Claim id → its latest grade, for those of ``claim_ids`` that have one."""
        wanted = sorted(set(claim_ids))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), _CHUNK):
            rows = self._session.execute(
                select(ClaimGradeRow.claim_id, ClaimGradeRow.grade).where(
                    ClaimGradeRow.claim_id.in_(wanted[start : start + _CHUNK])
                )
            )
            found.update((claim_id, grade) for claim_id, grade in rows)
        return found

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first: id, time, policy name and digest, claims, changes."""
        rows = self._session.scalars(select(GradingRunRow).order_by(GradingRunRow.pk))
        return [
            {
                "run": r.pk,
                "graded_at": r.graded_at.isoformat(),
                "policy": r.policy_name,
                "policy_digest": r.policy_digest,
                "claims": r.claims,
                "changes": r.changes,
            }
            for r in rows
        ]


def victim_facts(session: Session) -> list[VictimFact]:
    """Every record linked to a person, with the person's status, by person then record."""
    query = (
        select(
            PersonRow.id,
            PersonRow.status,
            RecordRow.source_id,
            RecordRow.record_id,
            RecordRow.province,
            RecordRow.city,
            RecordRow.event_date,
        )
        .join(RecordRow, RecordRow.person_id == PersonRow.id)
        .order_by(PersonRow.id, RecordRow.source_id, RecordRow.record_id)
    )
    return [VictimFact(*row) for row in session.execute(query)]
