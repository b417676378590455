"""Publication decisions on SQLite and PostgreSQL: the rule, relinks, references, search flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from gavah.errors import StorageError
from gavah.linkage import record_uid
from gavah.model import Person, PersonStatus, Record, RecordKey, Source, StatusEvent
from gavah.store import RecordRepository, Store
from gavah.store.publication import (
    APPROVED,
    WITHHELD,
    PersonDecision,
    PublicationRepository,
    public_person_ids,
    sync_search,
)
from gavah.store.register import LinkResultRepository
from gavah.store.search import SearchDocument, SearchFilter, SearchRepository
from tests.integration.store.factories import make_record

NOW = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
PUBLIC_ONLY = SearchFilter(public_only=True)


def _link(store: Store, groups: dict[str, list[Record]]) -> None:
    """Replace the persons as `gavah link` does: ``groups`` maps a new person id → records."""
    persons = [
        Person(
            pid, f"نام {pid}", f"name {pid}", (StatusEvent(PersonStatus.KILLED, None, rs[0].key),)
        )
        for pid, rs in groups.items()
    ]
    members = {
        pid: tuple(record_uid(r.source_id, r.record_id) for r in rs) for pid, rs in groups.items()
    }
    with store.session() as session:
        LinkResultRepository(session).replace(persons, members)


@pytest.fixture
def records(store: Store, source: Source) -> list[Record]:
    made = [make_record(source, n) for n in range(4)]
    with store.session() as session:
        RecordRepository(session).add_many(made)
    _link(store, {"P1": made[:2], "P2": made[2:3], "P3": made[3:]})
    return made


def _public(store: Store) -> set[str]:
    with store.reader() as session:
        return public_person_ids(session)


def test_a_person_is_public_when_one_record_is_approved_and_none_withheld(
    store: Store, records: list[Record]
) -> None:
    assert _public(store) == set()
    with store.session() as session:
        made = PublicationRepository(session).decide(
            [records[0].key], APPROVED, by="analyst", at=NOW, reason="graded confirmed"
        )
    assert [(d.decided_by, d.decided_at, d.reason) for d in made] == [
        ("analyst", NOW, "graded confirmed")
    ]
    assert _public(store) == {"P1"}
    with store.session() as session:
        PublicationRepository(session).decide([records[1].key], WITHHELD, by="analyst", at=NOW)
    assert _public(store) == set()


def test_approval_survives_a_relink_and_follows_the_records(
    store: Store, records: list[Record]
) -> None:
    with store.session() as session:
        PublicationRepository(session).decide_person("P1", APPROVED, by="a", at=NOW)
        PublicationRepository(session).decide_person("P3", WITHHELD, by="a", at=NOW)
    with store.reader() as session:
        before = {p.person_id: p.ref for p in PublicationRepository(session).public_persons()}
    assert set(before) == {"P1"}
    # The relink makes new persons: P1's records now belong to X9, and P2 joins P3's record.
    _link(store, {"X9": records[:2], "X7": records[2:]})
    with store.reader() as session:
        after = {p.person_id: p.ref for p in PublicationRepository(session).public_persons()}
    assert after == {"X9": before["P1"]}


def test_a_reference_finds_its_person_and_withholding_hides_it(
    store: Store, records: list[Record]
) -> None:
    with store.session() as session:
        PublicationRepository(session).decide_person("P1", APPROVED, by="a", at=NOW)
    with store.reader() as session:
        repository = PublicationRepository(session)
        (person,) = repository.public_persons()
        found = repository.public_person(person.ref)
    assert found is not None
    assert (found.person_id, found.name_fa, len(found.records)) == ("P1", "نام P1", 2)
    with store.session() as session:
        again = PublicationRepository(session).decide_person("P1", WITHHELD, by="a", at=NOW)
    assert person.ref in {d.public_ref for d in again}  # the reference is kept
    with store.reader() as session:
        assert PublicationRepository(session).public_person(person.ref) is None
        assert PublicationRepository(session).public_person("nosuchref") is None


def test_the_version_changes_with_every_decision_and_relink(
    store: Store, records: list[Record]
) -> None:
    with store.reader() as session:
        first = PublicationRepository(session).version()
    with store.session() as session:
        PublicationRepository(session).decide([records[2].key], APPROVED, by="a", at=NOW)
    with store.reader() as session:
        second = PublicationRepository(session).version()
    _link(store, {"Z1": records})
    with store.reader() as session:
        third = PublicationRepository(session).version()
    assert len({first, second, third}) == 3


def test_candidates_page_with_their_decisions(store: Store, records: list[Record]) -> None:
    with store.session() as session:
        PublicationRepository(session).decide([records[0].key], APPROVED, by="a", at=NOW)
        PublicationRepository(session).decide([records[1].key], WITHHELD, by="a", at=NOW)
    with store.reader() as session:
        total, page = PublicationRepository(session).candidates(status="killed", offset=0, limit=2)
    assert total == 3
    assert [(c.person_id, c.approved, c.withheld, c.public) for c in page] == [
        ("P1", 1, 1, False),
        ("P2", 0, 0, False),
    ]


def test_bad_decisions_are_refused(store: Store, records: list[Record]) -> None:
    with store.session() as session:
        repository = PublicationRepository(session)
        with pytest.raises(StorageError, match="unknown publication decision"):
            repository.decide([records[0].key], "maybe", by="a", at=NOW)
        with pytest.raises(StorageError, match="time zone"):
            repository.decide([records[0].key], APPROVED, by="a", at=NOW.replace(tzinfo=None))
        with pytest.raises(StorageError, match="no record"):
            repository.decide(
                [RecordKey(records[0].source_id, "missing")], APPROVED, by="a", at=NOW
            )
        with pytest.raises(StorageError, match="no person"):
            repository.decide_person("P404", APPROVED, by="a", at=NOW)


def test_sync_search_sets_the_public_flag_of_person_documents(
    store: Store, records: list[Record]
) -> None:
    with store.session() as session:
        SearchRepository(session).put(
            [SearchDocument("person", p, f"name {p}", public=True) for p in ("P1", "P2", "P3")]
        )
        PublicationRepository(session).decide_person("P2", APPROVED, by="a", at=NOW)
        assert sync_search(session) == 1
    with store.reader() as session:
        repository = SearchRepository(session)
        public = {h.ref for h in repository.find("name", PUBLIC_ONLY, limit=10)}
    assert public == {"P2"}
    with store.session() as session:
        PublicationRepository(session).decide_person("P2", WITHHELD, by="a", at=NOW)
        assert sync_search(session, ["P2"]) == 0
    with store.reader() as session:
        assert SearchRepository(session).find("name", PUBLIC_ONLY, limit=10) == []


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements the store's engine runs inside the block."""
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def test_many_persons_are_decided_at_once_with_who_when_why_and_kept_refs(
    store: Store, records: list[Record]
) -> None:
    later = NOW + dt.timedelta(hours=1)
    with store.session() as session:
        repository = PublicationRepository(session)
        first = repository.decide([records[0].key], WITHHELD, by="a", at=NOW)
        version = repository.version()
        made = repository.decide_persons(
            [
                PersonDecision("P1", APPROVED, "graded fair"),
                PersonDecision("P3", WITHHELD, "the family asked"),
            ],
            by="analyst",
            at=later,
        )
        assert repository.version() != version
        # The loaded row of the earlier decision is not stale after the bulk update.
        current = {(d.source_id, d.record_id): d for d in repository.decisions()}
    keys = {(r.source_id, r.record_id) for r in (records[0], records[1], records[3])}
    assert {(d.source_id, d.record_id) for d in made} == keys
    assert current.keys() == keys
    assert {(d.decision, d.decided_by, d.decided_at, d.reason) for d in current.values()} == {
        (APPROVED, "analyst", later, "graded fair"),
        (WITHHELD, "analyst", later, "the family asked"),
    }
    assert current[(records[0].source_id, records[0].record_id)].public_ref == first[0].public_ref
    assert len({d.public_ref for d in made}) == 3
    assert _public(store) == {"P1"}


def test_deciding_many_persons_runs_a_few_statements_not_a_few_per_person(
    store: Store, source: Source
) -> None:
    made = [make_record(source, n) for n in range(1200)]
    with store.session() as session:
        RecordRepository(session).add_many(made)
    _link(store, {f"M{n:04d}": made[2 * n : 2 * n + 2] for n in range(600)})
    wanted = [PersonDecision(f"M{n:04d}", APPROVED) for n in range(0, 600, 2)]
    with store.session() as session:
        PublicationRepository(session).decide_persons(wanted[:100], by="a", at=NOW)
    with _statements(store) as seen, store.session() as session:
        decided = PublicationRepository(session).decide_persons(wanted, by="a", at=NOW)
    assert len(decided) == 2 * len(wanted)
    assert len(seen) <= 12, seen
    assert len(_public(store)) == len(wanted)


def test_bad_bulk_decisions_are_refused_and_write_nothing(
    store: Store, records: list[Record]
) -> None:
    with store.session() as session:
        repository = PublicationRepository(session)
        with pytest.raises(StorageError, match="unknown publication decision"):
            repository.decide_persons([PersonDecision("P1", "maybe")], by="a", at=NOW)
        with pytest.raises(StorageError, match="time zone"):
            repository.decide_persons(
                [PersonDecision("P1", APPROVED)], by="a", at=NOW.replace(tzinfo=None)
            )
        with pytest.raises(StorageError, match="no person P404"):
            repository.decide_persons(
                [PersonDecision("P1", APPROVED), PersonDecision("P404", APPROVED)],
                by="a",
                at=NOW,
            )
        assert repository.decide_persons([], by="a", at=NOW) == []
        assert repository.decisions() == []
