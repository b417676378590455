"""Integrity on every backend: constraints refuse bad writes, failures write nothing, bulk works."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from sqlalchemy import insert, text

from gavah.errors import StorageError
from gavah.model import (
    DatePrecision,
    PartialDate,
    Person,
    PersonStatus,
    Record,
    RecordKey,
    Source,
    StatusEvent,
)
from gavah.store import (
    ClaimRepository,
    EvidenceRepository,
    PersonRepository,
    RecordRepository,
    SourceRepository,
    Store,
)
from gavah.store.schema import ActRow, IncidentRow, RecordRow
from tests.integration.store.factories import make_evidence, make_record, make_source


def _one_line(error: BaseException) -> str:
    message = str(error)
    assert "\n" not in message
    return message


def test_the_same_record_id_twice_in_a_source_is_refused(store: Store, source: Source) -> None:
    with store.session() as session:
        RecordRepository(session).add_many([make_record(source, 1)])
    with pytest.raises(StorageError) as caught, store.session() as session:
        RecordRepository(session).add_many([make_record(source, 2), make_record(source, 1)])
    assert "refused" in _one_line(caught.value)
    with store.reader() as session:
        assert RecordRepository(session).count() == 1  # record 2 was rolled back with it


def test_a_repeated_record_id_within_one_batch_is_refused(store: Store, source: Source) -> None:
    with pytest.raises(StorageError, match="appears twice"), store.session() as session:
        RecordRepository(session).add_many([make_record(source, 1), make_record(source, 1)])


def test_the_same_record_id_in_two_sources_is_fine(store: Store, source: Source) -> None:
    other = make_source("list-b")
    with store.session() as session:
        SourceRepository(session).add(other)
        RecordRepository(session).add_many([make_record(source, 1), make_record(other, 1)])
    assert store.counts()["records"] == 2


def test_duplicate_source_names_and_evidence_digests_are_refused(
    store: Store, source: Source
) -> None:
    with pytest.raises(StorageError), store.session() as session:
        SourceRepository(session).add(Source("src-other-id", source.name))
    item = make_evidence(source)
    with store.session() as session:
        EvidenceRepository(session).add(item)
    with pytest.raises(StorageError) as caught, store.session() as session:
        EvidenceRepository(session).add(dataclasses.replace(item, id="ev-again"))
    assert "sha256" in _one_line(caught.value)
    assert store.counts()["evidence_items"] == 1


def test_foreign_keys_are_enforced(store: Store, source: Source) -> None:
    orphan = make_record(Source("src-missing", "missing"), 1)
    with pytest.raises(StorageError) as caught, store.session() as session:
        RecordRepository(session).add_many([orphan])
    _one_line(caught.value)
    with pytest.raises(StorageError), store.session() as session:
        PersonRepository(session).add(
            Person("p-1", history=(StatusEvent(PersonStatus.KILLED, record=RecordKey("x", "1")),))
        )

    def link_to_nobody() -> None:
        with store.session() as session:
            RecordRepository(session).add_many([make_record(source, 1)])
            RecordRepository(session).assign_persons({RecordKey(source.id, "1"): "p-nobody"})

    with pytest.raises(StorageError):
        link_to_nobody()
    counts = store.counts()
    assert (counts["records"], counts["persons"]) == (0, 0)


def test_check_constraints_guard_rows_written_around_the_model(store: Store) -> None:
    """The database refuses what the domain would refuse, even from raw SQL."""
    with store.session() as session:
        session.execute(insert(IncidentRow).values(id="inc-1", place_name="x"))
    bad_rows = [
        {"id": "a-1", "incident_id": "inc-1", "act_type": "killing", "victims_low": -1},
        {
            "id": "a-2",
            "incident_id": "inc-1",
            "act_type": "killing",
            "victims_low": 5,
            "victims_high": 2,
        },
    ]
    for row in bad_rows:
        with pytest.raises(StorageError), store.session() as session:
            session.execute(insert(ActRow).values(**row))
    with pytest.raises(StorageError), store.session() as session:
        session.execute(
            insert(RecordRow).values(source_id="nope", record_id="1", raw={}, revision=1, age=200)
        )
    assert store.counts()["acts"] == 0


def test_a_failed_transaction_leaves_nothing_half_written(store: Store) -> None:
    fresh = make_source("list-new")

    def interrupted() -> None:
        with store.session() as session:
            SourceRepository(session).add(fresh)
            RecordRepository(session).add_many(make_record(fresh, n) for n in range(500))
            PersonRepository(session).add(Person("p-1"))
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        interrupted()
    assert all(count == 0 for count in store.counts().values())


def test_a_refused_write_at_the_end_rolls_back_the_whole_transaction(store: Store) -> None:
    fresh = make_source("list-new")

    def refused_at_the_end() -> None:
        with store.session() as session:
            SourceRepository(session).add(fresh)
            RecordRepository(session).add_many(make_record(fresh, n) for n in range(100))
            ClaimRepository(session).add_many([])
            SourceRepository(session).add(dataclasses.replace(fresh, id="src-dup"))  # same name

    with pytest.raises(StorageError, match="refused"):
        refused_at_the_end()
    assert store.counts()["sources"] == 0
    assert store.counts()["records"] == 0


def test_write_sessions_do_not_nest(store: Store) -> None:
    with store.session(), pytest.raises(RuntimeError, match="already open"):  # noqa: SIM117
        with store.session():
            pass


def test_concurrent_writers_are_serialised(store: Store, source: Source) -> None:
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            with store.session() as session:
                RecordRepository(session).add_many(
                    make_record(source, offset + n) for n in range(200)
                )
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k * 1000,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.counts()["records"] == 800


def test_bulk_insert_of_20k_records(store: Store, source: Source) -> None:
    records = [make_record(source, n) for n in range(20_000)]
    with store.session() as session:
        assert RecordRepository(session).add_many(records) == 20_000
    with store.reader() as session:
        repository = RecordRepository(session)
        assert repository.count(source.id) == 20_000
        assert repository.get(RecordKey(source.id, "12345")) == records[12345]
        skeletons = session.execute(
            text("SELECT COUNT(DISTINCT skeleton) FROM records WHERE province = 'IR-01'")
        ).scalar()
        assert skeletons == len({r.skeleton for r in records if r.province == "IR-01"})


def test_reimport_adds_updates_and_keeps_earlier_versions(store: Store, source: Source) -> None:
    first = [make_record(source, n) for n in range(3)]
    with store.session() as session:
        counts = RecordRepository(session).upsert_many(first)
        PersonRepository(session).add(Person("p-0"))
        RecordRepository(session).assign_persons({first[0].key: "p-0"})
    assert (counts.added, counts.updated, counts.unchanged) == (3, 0, 0)

    with store.session() as session:
        again = RecordRepository(session).upsert_many(first)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)

    changed = Record(
        source.id,
        "0",
        raw={**first[0].raw, "full_name": "Person Zero"},
        full_name="شخص صفر",
        event_date=PartialDate(2026, 1, 9, DatePrecision.DAY),
    )
    with store.session() as session:
        second = RecordRepository(session).upsert_many(
            [changed, first[1], first[2], make_record(source, 3)]
        )
    assert (second.added, second.updated, second.unchanged) == (1, 1, 2)
    with store.reader() as session:
        repository = RecordRepository(session)
        now = repository.get(changed.key)
        assert now == dataclasses.replace(changed, revision=2)
        assert repository.revisions(changed.key) == [(1, dict(first[0].raw))]
        assert repository.person_of(changed.key) == "p-0"  # the link survives the update
        assert repository.count() == 4
