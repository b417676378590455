"""Capture-history memberships from the register, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from gavah.errors import StorageError
from gavah.model import Person
from gavah.store import PersonRepository, RecordRepository, SourceRepository, Store
from tests.integration.store.factories import make_record, make_source


def _seed(store: Store) -> None:
    a, b = make_source("list-a"), make_source("list-b")
    records = [
        make_record(a, 1, province="IR-12"),
        make_record(a, 2, province="IR-12"),  # a duplicate within list-a of person p-1
        make_record(b, 1, province="IR-05"),
        make_record(a, 3, province="IR-23"),
        make_record(b, 2, province="IR-05"),
        make_record(b, 3),  # unlinked: left out
    ]
    with store.session() as session:
        SourceRepository(session).add(a)
        SourceRepository(session).add(b)
        RecordRepository(session).add_many(records)
        for pid in ("p-1", "p-2"):
            PersonRepository(session).add(Person(pid))
        RecordRepository(session).assign_persons(
            {
                records[0].key: "p-1",
                records[1].key: "p-1",
                records[2].key: "p-1",
                records[3].key: "p-2",
                records[4].key: "p-2",
            }
        )


def test_memberships_count_a_person_once_per_list(store: Store) -> None:
    _seed(store)
    with store.reader() as session:
        got = RecordRepository(session).memberships()
    assert got == [
        ("p-1", "list-a", None),
        ("p-1", "list-b", None),
        ("p-2", "list-a", None),
        ("p-2", "list-b", None),
    ]


def test_a_person_is_in_the_stratum_most_of_their_records_give(store: Store) -> None:
    _seed(store)
    with store.reader() as session:
        got = {(p, s): st for p, s, st in RecordRepository(session).memberships("province")}
    assert got[("p-1", "list-a")] == "IR-12"  # two records say IR-12, one IR-05
    assert got[("p-1", "list-b")] == "IR-12"
    assert got[("p-2", "list-a")] == "IR-05"  # a tie between IR-23 and IR-05: the smaller


def test_only_register_fields_can_stratify(store: Store) -> None:
    with store.reader() as session, pytest.raises(StorageError, match="cannot stratify"):
        RecordRepository(session).memberships("raw")
