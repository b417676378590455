"""Name search on SQLite FTS5 and PostgreSQL: one interface, same answers across scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.store import RecordRepository, SourceRepository, Store
from gavah.store.search import (
    SearchDocument,
    SearchFilter,
    SearchRepository,
    index_records,
    search_keys,
)
from tests.integration.store.factories import make_record, make_source

PRIVATE = SearchFilter(public_only=False)

DOCUMENTS = [
    SearchDocument(
        "person", "p1", "محمد حسینی", public=True, province="THR", day=dt.date(2026, 1, 8)
    ),
    SearchDocument("person", "p2", "Mohammad Ahmadi", public=True, province="ESF"),
    SearchDocument("person", "p3", "زهرا حسینی", public=False, province="THR"),
    SearchDocument("person", "p4", "عبد الله رضایی", public=True),
    SearchDocument(
        "record", "s/1", "Mohammad Hosseini", public=False, province="KRD", day=dt.date(2026, 1, 10)
    ),
]


@pytest.fixture
def indexed(store: Store) -> Store:
    with store.session() as session:
        assert SearchRepository(session).put(DOCUMENTS) == len(DOCUMENTS)
    return store


def _refs(store: Store, query: str, where: SearchFilter = PRIVATE) -> list[str]:
    with store.reader() as session:
        return [hit.ref for hit in SearchRepository(session).find(query, where)]


@pytest.mark.parametrize(
    "query",
    ["Mohammad Hosseini", "محمد حسيني", "Mohamad Hoseini", "محمد\u200cحسینی", "Hosseini, Mohammad"],
)
def test_spellings_and_scripts_find_the_same_person(indexed: Store, query: str) -> None:
    refs = _refs(indexed, query)
    assert set(refs) == {"p1", "s/1"}


def test_exact_spelling_ranks_first(indexed: Store) -> None:
    assert _refs(indexed, "Mohammad Hosseini")[0] == "s/1"
    assert _refs(indexed, "محمد حسینی")[0] == "p1"


def test_the_public_search_never_returns_a_private_document(indexed: Store) -> None:
    public = SearchFilter(public_only=True)
    assert _refs(indexed, "Hosseini", public) == ["p1"]
    assert "p3" in _refs(indexed, "Hosseini")


def test_filters_narrow_by_kind_province_and_date(indexed: Store) -> None:
    assert _refs(indexed, "Hosseini", SearchFilter(public_only=False, kinds=("record",))) == ["s/1"]
    assert set(_refs(indexed, "Hosseini", SearchFilter(public_only=False, province="THR"))) == {
        "p1",
        "p3",
    }
    since = SearchFilter(public_only=False, since=dt.date(2026, 1, 9))
    assert _refs(indexed, "Hosseini", since) == ["s/1"]
    until = SearchFilter(public_only=False, until=dt.date(2026, 1, 9))
    assert _refs(indexed, "Hosseini", until) == ["p1"]


def test_a_compound_name_is_found_joined_or_apart(indexed: Store) -> None:
    assert _refs(indexed, "Abdollah Rezaei") == ["p4"]


def test_query_syntax_is_never_interpreted(indexed: Store) -> None:
    for query in ['" OR 1', "skeleton:*", "NEAR(a b)", "'; DROP TABLE x; --", "", "۱۲۳"]:
        _refs(indexed, query)  # no error, whatever it finds


def test_putting_a_document_again_replaces_it(indexed: Store) -> None:
    with indexed.session() as session:
        SearchRepository(session).put([SearchDocument("person", "p2", "Reza Oveisi", public=True)])
    assert _refs(indexed, "Ahmadi") == []
    assert _refs(indexed, "اویسی") == ["p2"]
    with indexed.reader() as session:
        assert SearchRepository(session).count() == len(DOCUMENTS)


def test_the_derived_index_is_rebuilt_when_missing(indexed: Store) -> None:
    if indexed.backend != "sqlite":
        pytest.skip("the FTS5 table exists on SQLite only")
    with indexed.session() as session:
        session.connection().exec_driver_sql("DROP TABLE search_fts")
    with indexed.session() as session:
        SearchRepository(session).ensure_index()
    assert set(_refs(indexed, "Hosseini Mohammad")) == {"p1", "s/1"}


def test_search_keys_are_pure_and_cross_script() -> None:
    assert search_keys("محمد حسيني").skeletons == ("MHMD", "HSN", "MHMDHSN")
    assert search_keys("Mohamad Hoseini", joined=False).skeletons == ("MHMD", "HSN")
    assert search_keys("").skeletons == ()


def test_list_records_are_indexed_as_private_documents(store: Store) -> None:
    source = make_source()
    with store.session() as session:
        SourceRepository(session).add(source)
        RecordRepository(session).add_many(
            [make_record(source, 1, full_name="علی رضایی"), make_record(source, 2, full_name=None)]
        )
    assert index_records(store) == 1, "a record without a name is not indexed"
    assert _refs(store, "Ali Rezaei") == [f"{source.id}/1"]
    assert _refs(store, "Ali Rezaei", SearchFilter(public_only=True)) == []
    assert index_records(store) == 1, "indexing again replaces"
