"""Name search on SQLite FTS5 and PostgreSQL: one interface, same answers across scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.model import Person, PersonStatus, RecordKey, StatusEvent
from gavah.store import PersonRepository, RecordRepository, SourceRepository, Store
from gavah.store.search import (
    SearchDocument,
    SearchFilter,
    SearchRepository,
    facet_token,
    index_records,
    index_workspace,
    nobody_published,
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


FACETED = [
    SearchDocument("person", "k1", "Mohammad Hosseini", status="killed", grade="confirmed"),
    SearchDocument("person", "k2", "محمد حسینی", status="detained", grade="weak"),
    SearchDocument("person", "k3", "Mohamad Hoseini", status="executed", grade="fair"),
]


@pytest.fixture
def faceted(store: Store) -> Store:
    with store.session() as session:
        SearchRepository(session).put(FACETED)
    return store


@pytest.mark.parametrize(
    ("statuses", "grades", "expected"),
    [
        (("killed",), (), {"k1"}),
        (("killed", "executed"), (), {"k1", "k3"}),
        ((), ("weak",), {"k2"}),
        (("killed", "detained"), ("weak", "fair"), {"k2"}),
        (("released",), (), set()),
    ],
)
def test_status_and_grade_filters_narrow_the_match(
    faceted: Store, statuses: tuple[str, ...], grades: tuple[str, ...], expected: set[str]
) -> None:
    where = SearchFilter(public_only=False, statuses=statuses, grades=grades)
    assert set(_refs(faceted, "محمد حسيني", where)) == expected


def test_hits_carry_their_status_and_grade(faceted: Store) -> None:
    with faceted.reader() as session:
        hits = SearchRepository(session).find("Hosseini", PRIVATE)
    assert {(h.ref, h.status, h.grade) for h in hits} == {
        (d.ref, d.status, d.grade) for d in FACETED
    }


def test_a_facet_token_is_never_a_name() -> None:
    token = facet_token("status", "killed")
    assert token == "XFACETSTATUSKILLED"
    assert token not in search_keys("Xfacet Statuskilled XFACETSTATUSKILLED").skeletons


def test_every_spelling_of_a_document_finds_it(store: Store) -> None:
    document = SearchDocument(
        "person",
        "p9",
        "علی رضایی / Ali Rezaei",
        names=("Aly Rezaee", "رضائي علي", "Hossein Karimi"),
    )
    with store.session() as session:
        SearchRepository(session).put([document])
    for query in ["Ali Rezaei", "Aly Rezaee", "Karimi", "کریمی حسین"]:
        assert _refs(store, query) == ["p9"], query


def _linked_person(store: Store) -> tuple[str, str]:
    source = make_source()
    person = Person(
        id="person-1",
        name_fa="زهرا کاظمی",
        name_latin="Zahra Kazemi",
        history=(StatusEvent(PersonStatus.DETAINED),),
    )
    records = [
        make_record(source, 1, full_name="زهرا كاظمي", province="IR-23"),
        make_record(source, 2, full_name="Zahra Kazemy", province="IR-08"),
        make_record(source, 3, full_name="Reza Kazemi"),
    ]
    with store.session() as session:
        SourceRepository(session).add(source)
        RecordRepository(session).add_many(records)
        PersonRepository(session).add(person)
        RecordRepository(session).assign_persons(
            {RecordKey(source.id, "1"): person.id, RecordKey(source.id, "2"): person.id}
        )
    return person.id, source.id


def test_persons_are_indexed_with_every_spelling_status_and_grade(store: Store) -> None:
    person_id, source_id = _linked_person(store)
    indexed = index_workspace(store, grades={person_id: "fair"})
    assert indexed == 2, "one person and one source (the unlinked record is not a person)"
    for query in ["Zahra Kazemi", "زهرا کاظمی", "Zahra Kazemy", "زهرا كاظمي"]:
        where = SearchFilter(public_only=False, kinds=("person",))
        assert _refs(store, query, where) == [person_id], query
    with store.reader() as session:
        (hit,) = SearchRepository(session).find("Kazemi", SearchFilter(public_only=False))
    assert (hit.title, hit.status, hit.grade) == ("زهرا کاظمی / Zahra Kazemi", "detained", "fair")
    assert _refs(store, "list-a", PRIVATE) == [source_id], "sources are found by name"
    assert _refs(store, "list-a", SearchFilter(public_only=True)) == [], "sources never public"


def test_the_publication_hook_decides_who_is_public(store: Store) -> None:
    person_id, _ = _linked_person(store)
    assert nobody_published(person_id) is False
    index_workspace(store)
    assert _refs(store, "Zahra Kazemi", SearchFilter(public_only=True)) == []
    assert index_workspace(store, is_public=lambda pid: pid == person_id) == 2, "replaces"
    assert _refs(store, "Zahra Kazemi", SearchFilter(public_only=True)) == [person_id]
