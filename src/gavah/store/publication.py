"""Repository of publication decisions, and the reads the memorial and its review need.

Owns :class:`Decision`, :class:`RecordFacts`, :class:`PublicPerson`, :class:`Candidate` and
:class:`PublicationRepository`: record a decision (``approved`` or ``withheld``) for records or
for every record of a person, list the decisions, read the persons that are public now and a
page of candidates for review, and a cheap :meth:`PublicationRepository.version` that changes
when any of that may have changed.

The rule (the only place it is written): **a person is public when at least one of its records
is approved and none is withheld.** Decisions are kept on records (source + record id), which
survive ``gavah link``; persons do not. Must not decide who may approve (``gavah.web`` and the
CLI do) nor grade anything (``gavah.verify`` does).
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.model import RecordKey
from gavah.store.codec import from_utc, to_utc
from gavah.store.meta import MetaRepository
from gavah.store.register import LINK_VERSION_KEY
from gavah.store.schema import PersonRow, RecordRow
from gavah.store.schema_publication import (
    APPROVED,
    DECISIONS,
    REF_LENGTH,
    WITHHELD,
    PublicationRow,
)
from gavah.store.schema_web import SearchDocumentRow
from gavah.store.session import flush

__all__ = [
    "APPROVED",
    "WITHHELD",
    "Candidate",
    "Decision",
    "PersonDecision",
    "PublicPerson",
    "PublicationRepository",
    "RecordFacts",
    "public_person_ids",
    "sync_search",
]

#: A decision's row joined to its record (decisions are keyed on the record's identity).
_SAME_RECORD = (RecordRow.source_id == PublicationRow.source_id) & (
    RecordRow.record_id == PublicationRow.record_id
)

#: The kind of the search documents of persons (``ref``: the person id), whose ``public`` flag
#: follows the rule (:func:`sync_search`).
SEARCH_KIND = "person"

#: Bumped by every decision, so caches of the public site know to rebuild.
VERSION_KEY = "publication_version"
# Ids per ``IN (…)`` query: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Decision:
    """The current decision about one record: who made it, when and why."""

    source_id: str
    record_id: str
    decision: str
    public_ref: str
    decided_by: str
    decided_at: dt.datetime
    reason: str | None


@dataclass(frozen=True, slots=True)
class PersonDecision:
    """A decision to take about every record of one person, for a bulk ``decide_persons``."""

    person_id: str
    decision: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What one record of a person says that the public may see (no name, note or row)."""

    source_id: str
    age: int | None
    city: str | None
    province: str | None
    day: dt.date | None
    precision: str | None


@dataclass(frozen=True, slots=True)
class PublicPerson:
    """A person approved for publication, under the reference of its first approved record."""

    ref: str
    person_id: str
    name_fa: str | None
    name_latin: str | None
    status: str | None
    records: tuple[RecordFacts, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person as the review page shows it: its records and the decisions about them."""

    person_id: str
    name_fa: str | None
    name_latin: str | None
    status: str | None
    records: tuple[RecordFacts, ...]
    approved: int
    withheld: int

    @property
    def public(self) -> bool:
        """The rule: at least one record approved and none withheld."""
        return self.approved > 0 and self.withheld == 0


@dataclass(frozen=True, slots=True)
class _PersonColumns:
    id: str
    name_fa: str | None
    name_latin: str | None
    status: str | None


def _new_ref() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()
    return raw[:REF_LENGTH]


def _decision(row: PublicationRow) -> Decision:
    return Decision(
        row.source_id,
        row.record_id,
        row.decision,
        row.public_ref,
        row.decided_by,
        from_utc(row.decided_at),  # SQLite hands back naive times
        row.reason,
    )


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _by_source(keys: Sequence[RecordKey]) -> Iterable[tuple[str, Sequence[str]]]:
    """Record ids grouped by source, in chunks: ``(source, record_id) IN`` scans on SQLite."""
    grouped: dict[str, list[str]] = {}
    for key in keys:
        grouped.setdefault(key.source_id, []).append(key.record_id)
    for source_id, ids in sorted(grouped.items()):
        for chunk in _chunks(ids):
            yield source_id, chunk


class PublicationRepository:
    """Publication decisions. Writes belong in :meth:`gavah.store.Store.session`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def decide(
        self,
        keys: Iterable[RecordKey],
        decision: str,
        *,
        by: str,
        at: dt.datetime,
        reason: str | None = None,
    ) -> list[Decision]:
        """Make ``decision`` the current one for each record of ``keys``; return them.

        A record keeps its public reference when its decision changes.

        Raises:
            StorageError: an unknown decision, a time without a time zone, or a missing record.
        """
        if decision not in DECISIONS:
            raise StorageError(f"unknown publication decision {decision!r}")
        if at.tzinfo is None:
            raise StorageError("a decision time needs a time zone")
        wanted = sorted(set(keys))
        if not wanted:
            return []
        found = self._existing_records(wanted)
        missing = [k for k in wanted if k not in found]
        if missing:
            raise StorageError(f"no record {missing[0].source_id}:{missing[0].record_id}")
        rows = {(r.source_id, r.record_id): r for r in self._rows_of(wanted)}
        made = []
        for key in wanted:
            row = rows.get((key.source_id, key.record_id))
            if row is None:
                row = PublicationRow(
                    source_id=key.source_id, record_id=key.record_id, public_ref=_new_ref()
                )
                self._session.add(row)
            row.decision = decision
            row.decided_by = by
            row.decided_at = to_utc(at)
            row.reason = reason
            made.append(row)
        self._bump()
        flush(self._session)
        return [_decision(r) for r in made]

    def decide_person(
        self,
        person_id: str,
        decision: str,
        *,
        by: str,
        at: dt.datetime,
        reason: str | None = None,
    ) -> list[Decision]:
        """Make ``decision`` the current one for every record of a person (the web page's way).

        Raises:
            StorageError: no such person (or one without records), or as :meth:`decide`.
        """
        return self.decide_persons([PersonDecision(person_id, decision, reason)], by=by, at=at)

    def decide_persons(
        self, decisions: Iterable[PersonDecision], *, by: str, at: dt.datetime
    ) -> list[Decision]:
        """Take many persons' decisions at once: every record of each person, in bulk.

        Reads the records and their current decisions by ``person_id`` (an indexed column, in
        chunks) and writes with one bulk ``INSERT`` and one bulk ``UPDATE``, so deciding tens of
        thousands of persons costs seconds, not a query scan per person. A later decision for
        the same person replaces an earlier one; records keep their public reference.

        Raises:
            StorageError: an unknown decision, a time without a time zone, or a person without
                records (nothing is written then).
        """
        wanted: dict[str, PersonDecision] = {}
        for item in decisions:
            if item.decision not in DECISIONS:
                raise StorageError(f"unknown publication decision {item.decision!r}")
            wanted[item.person_id] = item
        if at.tzinfo is None:
            raise StorageError("a decision time needs a time zone")
        if not wanted:
            return []
        ids = sorted(wanted)
        records, current = self._records_of_persons(ids)
        empty = next((p for p in ids if not records[p]), None)
        if empty is not None:
            raise StorageError(f"no person {empty} with records")
        when = to_utc(at)
        made: list[Decision] = []
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for person_id in ids:
            item = wanted[person_id]
            for source_id, record_id in sorted(records[person_id]):
                values: dict[str, Any] = {
                    "decision": item.decision,
                    "decided_by": by,
                    "decided_at": when,
                    "reason": item.reason,
                }
                known = current.get((source_id, record_id))
                if known is None:
                    ref = _new_ref()
                    inserts.append(
                        {"source_id": source_id, "record_id": record_id, "public_ref": ref} | values
                    )
                else:
                    ref = known[1]
                    updates.append({"pk": known[0]} | values)
                made.append(
                    Decision(source_id, record_id, item.decision, ref, by, when, item.reason)
                )
        self._write(inserts, updates)
        return made

    def _records_of_persons(
        self, ids: Sequence[str]
    ) -> tuple[dict[str, list[tuple[str, str]]], dict[tuple[str, str], tuple[int, str]]]:
        """The records of each person, and the (pk, reference) of those already decided."""
        records: dict[str, list[tuple[str, str]]] = {p: [] for p in ids}
        current: dict[tuple[str, str], tuple[int, str]] = {}
        for chunk in _chunks(ids):
            for person_id, source_id, record_id in self._session.execute(
                select(RecordRow.person_id, RecordRow.source_id, RecordRow.record_id).where(
                    RecordRow.person_id.in_(chunk)
                )
            ):
                if person_id is not None:
                    records[person_id].append((source_id, record_id))
            for source_id, record_id, pk, ref in self._session.execute(
                select(
                    PublicationRow.source_id,
                    PublicationRow.record_id,
                    PublicationRow.pk,
                    PublicationRow.public_ref,
                )
                .join(RecordRow, _SAME_RECORD)
                .where(RecordRow.person_id.in_(chunk))
            ):
                current[(source_id, record_id)] = (pk, ref)
        return records, current

    def _write(self, inserts: list[dict[str, Any]], updates: list[dict[str, Any]]) -> None:
        """Apply prepared rows in bulk (executemany), bump the version and flush."""
        flush(self._session)
        if inserts:
            self._session.execute(insert(PublicationRow), inserts)
        if updates:
            self._session.execute(update(PublicationRow), updates)
            for row in list(self._session.identity_map.values()):
                if isinstance(row, PublicationRow):  # loaded rows may now be stale
                    self._session.expire(row)
        self._bump()
        flush(self._session)

    def _existing_records(self, keys: Sequence[RecordKey]) -> set[RecordKey]:
        """The keys that name a record: ``record_id IN (…)`` per source (the unique index)."""
        found: set[RecordKey] = set()
        for source_id, chunk in _by_source(keys):
            rows = self._session.scalars(
                select(RecordRow.record_id).where(
                    RecordRow.source_id == source_id, RecordRow.record_id.in_(chunk)
                )
            )
            found.update(RecordKey(source_id, r) for r in rows)
        return found

    def _rows_of(self, keys: Sequence[RecordKey]) -> list[PublicationRow]:
        rows: list[PublicationRow] = []
        for source_id, chunk in _by_source(keys):
            rows += self._session.scalars(
                select(PublicationRow).where(
                    PublicationRow.source_id == source_id, PublicationRow.record_id.in_(chunk)
                )
            )
        return rows

    def _bump(self) -> None:
        meta = MetaRepository(self._session)
        current = meta.get(VERSION_KEY)
        meta.set(VERSION_KEY, str(int(current or "0") + 1))

    def decisions(self, decision: str | None = None) -> list[Decision]:
        """Every current decision (or those of one kind), newest first."""
        query = select(PublicationRow).order_by(
            PublicationRow.decided_at.desc(), PublicationRow.pk.desc()
        )
        if decision is not None:
            query = query.where(PublicationRow.decision == decision)
        return [_decision(r) for r in self._session.scalars(query)]

    def version(self) -> str:
        """A token that changes with every decision and every stored link (exact: two counters)."""
        meta = MetaRepository(self._session)
        decisions = meta.get(VERSION_KEY) or "0"
        links = meta.get(LINK_VERSION_KEY) or "0"
        return f"{decisions}:{links}"

    def public_persons(self) -> list[PublicPerson]:
        """Every person that is public under the rule, by reference (a heavy read: cache it)."""
        rows = self._session.execute(
            select(
                RecordRow.person_id,
                PublicationRow.pk,
                PublicationRow.decision,
                PublicationRow.public_ref,
            )
            .join(RecordRow, _SAME_RECORD)
            .where(RecordRow.person_id.is_not(None))
            .order_by(PublicationRow.pk)
        )
        refs: dict[str, str] = {}
        withheld: set[str] = set()
        for person_id, _, decision, ref in rows:
            if person_id is None:  # pragma: no cover - the query keeps linked records only
                continue
            if decision == WITHHELD:
                withheld.add(person_id)
            elif decision == APPROVED:
                refs.setdefault(person_id, ref)
        public = {p: r for p, r in refs.items() if p not in withheld}
        persons = self._persons(sorted(public))
        facts = self._facts(sorted(public))
        return sorted(
            (
                PublicPerson(public[p.id], p.id, p.name_fa, p.name_latin, p.status, facts[p.id])
                for p in persons
            ),
            key=lambda person: person.ref,
        )

    def public_person(self, ref: str) -> PublicPerson | None:
        """The public person whose reference is ``ref`` (any of its approved records' refs)."""
        row = self._session.scalars(
            select(PublicationRow).where(PublicationRow.public_ref == ref)
        ).first()
        if row is None or row.decision != APPROVED:
            return None
        person_id = self._session.scalar(
            select(RecordRow.person_id).where(
                RecordRow.source_id == row.source_id, RecordRow.record_id == row.record_id
            )
        )
        if person_id is None:
            return None
        states = self._session.execute(
            select(PublicationRow.decision, PublicationRow.public_ref)
            .join(RecordRow, _SAME_RECORD)
            .where(RecordRow.person_id == person_id)
            .order_by(PublicationRow.pk)
        ).all()
        if any(decision == WITHHELD for decision, _ in states):
            return None
        first = next(r for d, r in states if d == APPROVED)
        person = self._session.get(PersonRow, person_id)
        if person is None:  # pragma: no cover - a record's person always exists
            return None
        records = self._facts([person_id])[person_id]
        return PublicPerson(
            first, person_id, person.name_fa, person.name_latin, person.status, records
        )

    def candidates(
        self, *, status: str | None, offset: int, limit: int
    ) -> tuple[int, list[Candidate]]:
        """How many persons have ``status`` (``None``: any), and one page of them by id."""
        query = select(PersonRow)
        counting = select(func.count()).select_from(PersonRow)
        if status is not None:
            query = query.where(PersonRow.status == status)
            counting = counting.where(PersonRow.status == status)
        total = self._session.scalar(counting) or 0
        persons = list(
            self._session.scalars(query.order_by(PersonRow.id).offset(offset).limit(limit))
        )
        ids = [p.id for p in persons]
        facts = self._facts(ids)
        approved: dict[str, int] = {}
        withheld: dict[str, int] = {}
        for chunk in _chunks(ids):
            rows = self._session.execute(
                select(RecordRow.person_id, PublicationRow.decision)
                .join(RecordRow, _SAME_RECORD)
                .where(RecordRow.person_id.in_(chunk))
            )
            for person_id, decision in rows:
                if person_id is None:  # pragma: no cover - linked records only
                    continue
                tally = approved if decision == APPROVED else withheld
                tally[person_id] = tally.get(person_id, 0) + 1
        return total, [
            Candidate(
                p.id,
                p.name_fa,
                p.name_latin,
                p.status,
                facts[p.id],
                approved.get(p.id, 0),
                withheld.get(p.id, 0),
            )
            for p in persons
        ]

    def _persons(self, ids: Sequence[str]) -> list[_PersonColumns]:
        found: list[_PersonColumns] = []
        for chunk in _chunks(ids):
            rows = self._session.execute(
                select(
                    PersonRow.id, PersonRow.name_fa, PersonRow.name_latin, PersonRow.status
                ).where(PersonRow.id.in_(chunk))
            )
            found += [_PersonColumns(*row) for row in rows]
        return found

    def _facts(self, ids: Sequence[str]) -> dict[str, tuple[RecordFacts, ...]]:
        facts: dict[str, list[RecordFacts]] = {i: [] for i in ids}
        for chunk in _chunks(ids):
            rows = self._session.execute(
                select(
                    RecordRow.person_id,
                    RecordRow.source_id,
                    RecordRow.age,
                    RecordRow.city,
                    RecordRow.province,
                    RecordRow.event_date,
                    RecordRow.event_date_precision,
                )
                .where(RecordRow.person_id.in_(chunk))
                .order_by(RecordRow.person_id, RecordRow.source_id, RecordRow.record_id)
            )
            for person_id, source_id, age, city, province, day, precision in rows:
                if person_id is not None:
                    facts[person_id].append(
                        RecordFacts(source_id, age, city, province, day, precision)
                    )
        return {k: tuple(v) for k, v in facts.items()}


def public_person_ids(session: Session) -> set[str]:
    """The ids of the persons public now (for :data:`gavah.store.search.PublicPolicy`)."""
    return {p.person_id for p in PublicationRepository(session).public_persons()}


def sync_search(session: Session, person_ids: Iterable[str] | None = None) -> int:
    """Make the ``public`` flag of person search documents agree with the rule.

    ``person_ids`` limits the work to those persons (after a decision); ``None`` does everyone.
    Only the flag changes (the full-text index holds no flag); returns how many documents are
    public among those looked at.

    Raises:
        StorageError: the database failed.
    """
    person = SearchDocumentRow.kind == SEARCH_KIND
    if person_ids is None:
        public = sorted(public_person_ids(session))
        session.execute(update(SearchDocumentRow).where(person).values(public=False))
    else:
        wanted = sorted(set(person_ids))
        decided: dict[str, list[str]] = {p: [] for p in wanted}
        for chunk in _chunks(wanted):
            rows = session.execute(
                select(RecordRow.person_id, PublicationRow.decision)
                .join(RecordRow, _SAME_RECORD)
                .where(RecordRow.person_id.in_(chunk))
            )
            for person_id, decision in rows:
                if person_id is not None:
                    decided[person_id].append(decision)
        public = [p for p, d in decided.items() if APPROVED in d and WITHHELD not in d]
        hidden = [p for p in wanted if p not in set(public)]
        for chunk in _chunks(hidden):
            session.execute(
                update(SearchDocumentRow)
                .where(person, SearchDocumentRow.ref.in_(chunk))
                .values(public=False)
            )
    for chunk in _chunks(public):
        session.execute(
            update(SearchDocumentRow)
            .where(person, SearchDocumentRow.ref.in_(chunk))
            .values(public=True)
        )
    flush(session)
    return len(public)
