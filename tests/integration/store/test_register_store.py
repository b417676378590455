"""The register's repositories: imports, the decision log, the review queue, link results."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.errors import StorageError
from gavah.linkage import Contribution, Decision, Judgement, ScoredPair, record_uid
from gavah.model import Person, PersonStatus, Source, StatusEvent
from gavah.store import PersonRepository, RecordRepository, Store
from gavah.store.register import (
    ImportedVersion,
    LinkResultRepository,
    ListImportRepository,
    ReviewRepository,
)
from tests.integration.store.factories import make_record

NOW = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)


def _version(source: Source, sha: str = "a" * 64) -> ImportedVersion:
    return ImportedVersion(source.id, sha, "list.csv", NOW, 3, 3, 0, 0, 1)


def test_an_import_is_found_by_its_hash_and_only_once(store: Store, source: Source) -> None:
    with store.session() as session:
        ListImportRepository(session).add(_version(source))
    with store.reader() as session:
        repo = ListImportRepository(session)
        found = repo.find(source.id, "a" * 64)
        assert found is not None
        assert (found.rows, found.refused) == (3, 1)
        assert repo.find(source.id, "b" * 64) is None
        assert len(repo.history(source.id)) == 1
    with pytest.raises(StorageError), store.session() as session:
        ListImportRepository(session).add(_version(source))


def test_decisions_are_logged_and_the_latest_counts(store: Store) -> None:
    a, b = record_uid("s1", "r1"), record_uid("s2", "r9")
    with store.session() as session:
        repo = ReviewRepository(session)
        repo.decide(Decision(a, b, Judgement.SAME, "ana", NOW, "same father"))
        repo.decide(Decision(a, b, Judgement.DIFFERENT, "bo", NOW + dt.timedelta(hours=1)))
    with store.reader() as session:
        repo = ReviewRepository(session)
        log = repo.log()
        latest = repo.latest()
    assert [d.judgement for d in log] == [Judgement.SAME, Judgement.DIFFERENT]
    assert log[0].reason == "same father"
    assert log[0].decided_at == NOW
    assert [(d.judgement, d.reviewer) for d in latest] == [(Judgement.DIFFERENT, "bo")]


def test_the_review_queue_is_replaced_by_each_link(store: Store) -> None:
    pair = ScoredPair(
        record_uid("s1", "a"),
        record_uid("s1", "b"),
        0.5,
        0.58,
        (Contribution("name", "similar", 2.5),),
    )
    other = ScoredPair(record_uid("s1", "c"), record_uid("s2", "d"), -1.0, 0.33)
    with store.session() as session:
        assert ReviewRepository(session).replace_queue([pair, other]) == 2
    with store.reader() as session:
        assert ReviewRepository(session).queue() == [pair, other]
    with store.session() as session:
        ReviewRepository(session).replace_queue([other])
    with store.reader() as session:
        assert ReviewRepository(session).queue() == [other]


def test_link_results_replace_persons_and_assign_records(store: Store, source: Source) -> None:
    records = [make_record(source, n) for n in range(3)]
    uids = [record_uid(r.source_id, r.record_id) for r in records]
    with store.session() as session:
        RecordRepository(session).add_many(records)
    first = Person("P1", "نام", "name", (StatusEvent(PersonStatus.KILLED, None, records[0].key),))
    with store.session() as session:
        LinkResultRepository(session).replace([first], {"P1": tuple(uids)})
    with store.reader() as session:
        assert LinkResultRepository(session).current_assignments() == dict.fromkeys(uids, "P1")
    second = [Person("P1"), Person("P2")]
    with store.session() as session:
        LinkResultRepository(session).replace(second, {"P1": (uids[0],), "P2": tuple(uids[1:])})
    with store.reader() as session:
        assert PersonRepository(session).ids() == ["P1", "P2"]
        assert RecordRepository(session).keys_of_person("P2") == sorted(r.key for r in records[1:])
        assert PersonRepository(session).get("P1") == Person("P1")
