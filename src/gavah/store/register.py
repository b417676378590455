"""Repositories of the victims register: list imports, review decisions and queue, link results.

Owns :class:`ListImportRepository` (which file versions were imported under a source),
:class:`ReviewRepository` (the append-only decision log and the queue of uncertain pairs) and
:class:`LinkResultRepository` (replacing the persons of the register with a new link's clusters,
keeping person ids stable where a cluster keeps its records). Must not decide who is the same
person (``gavah.linkage``) nor read files (``gavah.register``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from gavah.linkage.clusters import Decision, Judgement
from gavah.linkage.features import record_uid, split_uid
from gavah.linkage.scoring import Contribution, ScoredPair
from gavah.model import Person, RecordKey
from gavah.store.meta import MetaRepository
from gavah.store.persons import PersonRepository
from gavah.store.records import RecordRepository
from gavah.store.schema import PersonRow, RecordRow, StatusEventRow
from gavah.store.schema_register import ListImportRow, ReviewDecisionRow, ReviewPairRow
from gavah.store.session import storage_error

__all__ = [
    "LINK_VERSION_KEY",
    "ImportedVersion",
    "LinkResultRepository",
    "ListImportRepository",
    "ReviewRepository",
]

#: ``workspace_meta`` key counting the links stored (:meth:`LinkResultRepository.replace`): what
#: caches of persons (the memorial, the public pages) compare to notice a relink exactly.
LINK_VERSION_KEY = "link_version"


@dataclass(frozen=True, slots=True)
class ImportedVersion:
    """One imported version of a list file and what importing it did."""

    source_id: str
    sha256: str
    filename: str
    imported_at: dt.datetime
    rows: int
    added: int
    updated: int
    unchanged: int
    refused: int


class ListImportRepository:
    """File versions imported per source."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, source_id: str, sha256: str) -> ImportedVersion | None:
        """The import of this exact file under ``source_id``, if there was one."""
        row = self._session.scalars(
            select(ListImportRow).where(
                ListImportRow.source_id == source_id, ListImportRow.sha256 == sha256
            )
        ).first()
        return None if row is None else _version(row)

    def add(self, version: ImportedVersion) -> None:
        """Record an import.

        Raises:
            StorageError: the same file was already recorded for the source.
        """
        try:
            self._session.execute(
                insert(ListImportRow),
                [{name: getattr(version, name) for name in ImportedVersion.__slots__}],
            )
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc

    def history(self, source_id: str) -> list[ImportedVersion]:
        """The imports under ``source_id``, oldest first."""
        rows = self._session.scalars(
            select(ListImportRow)
            .where(ListImportRow.source_id == source_id)
            .order_by(ListImportRow.pk)
        )
        return [_version(row) for row in rows]


def _version(row: ListImportRow) -> ImportedVersion:
    return ImportedVersion(**{name: getattr(row, name) for name in ImportedVersion.__slots__})


def _pair_columns(left: str, right: str) -> dict[str, str]:
    left_source, left_record = split_uid(left)
    right_source, right_record = split_uid(right)
    return {
        "left_source": left_source,
        "left_record": left_record,
        "right_source": right_source,
        "right_record": right_record,
    }


def _uids(row: ReviewDecisionRow | ReviewPairRow) -> tuple[str, str]:
    return record_uid(row.left_source, row.left_record), record_uid(
        row.right_source, row.right_record
    )


class ReviewRepository:
    """The decision log (append-only) and the queue of pairs waiting for review."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def decide(self, decision: Decision) -> None:
        """Append ``decision`` to the log; it overrides earlier decisions on the same pair."""
        self._session.add(
            ReviewDecisionRow(
                **_pair_columns(decision.left, decision.right),
                judgement=decision.judgement.value,
                reviewer=decision.reviewer,
                decided_at=decision.decided_at,
                reason=decision.reason,
            )
        )
        self._session.flush()

    def log(self) -> list[Decision]:
        """Every decision, oldest first."""
        rows = self._session.scalars(select(ReviewDecisionRow).order_by(ReviewDecisionRow.pk))
        decisions = []
        for row in rows:
            left, right = _uids(row)
            decided_at = row.decided_at
            if decided_at.tzinfo is None:  # SQLite drops the zone; it was written in UTC
                decided_at = decided_at.replace(tzinfo=dt.UTC)
            decisions.append(
                Decision(
                    left, right, Judgement(row.judgement), row.reviewer, decided_at, row.reason
                )
            )
        return decisions

    def latest(self) -> list[Decision]:
        """The latest decision on each pair."""
        latest: dict[tuple[str, str], Decision] = {}
        for decision in self.log():
            latest[(decision.left, decision.right)] = decision
        return list(latest.values())

    def replace_queue(self, pairs: Iterable[ScoredPair]) -> int:
        """Make ``pairs`` the review queue (dropping the previous one); return how many."""
        self._session.execute(delete(ReviewPairRow))
        values: list[dict[str, Any]] = [
            {
                **_pair_columns(p.left, p.right),
                "match_weight": p.match_weight,
                "probability": p.probability,
                "contributions": [[c.comparison, c.level, c.weight] for c in p.contributions],
            }
            for p in pairs
        ]
        if values:
            self._session.execute(insert(ReviewPairRow), values)
        return len(values)

    def queue(self) -> list[ScoredPair]:
        """The pairs waiting for review, most uncertain (closest to even odds) first."""
        rows = self._session.scalars(select(ReviewPairRow))
        pairs = [
            ScoredPair(
                *_uids(row),
                row.match_weight,
                row.probability,
                tuple(Contribution(str(c), str(lv), float(w)) for c, lv, w in row.contributions),
            )
            for row in rows
        ]
        return sorted(pairs, key=lambda p: (abs(p.match_weight), p.left, p.right))


class LinkResultRepository:
    """Writes a link's persons: record assignments, person names and status histories."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def current_assignments(self) -> dict[str, str]:
        """Record uid → person id, for records linked now."""
        rows = self._session.execute(
            select(RecordRow.source_id, RecordRow.record_id, RecordRow.person_id).where(
                RecordRow.person_id.is_not(None)
            )
        )
        return {record_uid(s, r): str(p) for s, r, p in rows}

    def replace(self, persons: Sequence[Person], members: Mapping[str, Sequence[str]]) -> None:
        """Replace every person with ``persons``; ``members`` maps person id → record uids.

        Raises:
            StorageError: the database refused the change (the transaction then rolls back).
        """
        try:
            self._session.execute(update(RecordRow).values(person_id=None))
            self._session.execute(delete(StatusEventRow))
            self._session.execute(delete(PersonRow))
            PersonRepository(self._session).add_many(persons)
            assignments: dict[RecordKey, str | None] = {}
            for person_id, uids in members.items():
                for uid in uids:
                    assignments[RecordKey(*split_uid(uid))] = person_id
            RecordRepository(self._session).assign_persons(assignments)
            meta = MetaRepository(self._session)
            meta.set(LINK_VERSION_KEY, str(int(meta.get(LINK_VERSION_KEY) or "0") + 1))
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc
