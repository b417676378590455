"""Stored estimates: add, get, list, latest, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.errors import StorageError
from gavah.store import EstimateRepository, Store, StoredEstimate
from gavah.store.estimates import latest as latest_estimate

TEHRAN = dt.timezone(dt.timedelta(hours=3, minutes=30))
RESULT = {
    "method": "lcmcr",
    "lists": ["فهرست‌الف", "B", "C"],
    "observed": 120,
    "estimate": 181.0,
    "interval": [150.0, None],
    "level": 0.95,
    "strata": [],
}


def _add(store: Store, method: str, when: dt.datetime, digest: str = "a" * 64) -> int:
    with store.session() as session:
        return EstimateRepository(session).add(
            created=when,
            method=method,
            input_sha256=digest,
            table_csv="A,B,count\n1,0,3\n",
            result={**RESULT, "method": method},
            strata="province" if method == "loglinear" else None,
        )


def test_an_estimate_round_trips(store: Store) -> None:
    when = dt.datetime(2026, 1, 8, 10, 0, tzinfo=TEHRAN)
    new_id = _add(store, "lcmcr", when)
    with store.reader() as session:
        repo = EstimateRepository(session)
        got = repo.get(new_id)
        assert repo.table_csv(new_id) == "A,B,count\n1,0,3\n"
    assert got == StoredEstimate(
        id=new_id,
        created=when.astimezone(dt.UTC),
        method="lcmcr",
        input_sha256="a" * 64,
        result=RESULT,
        strata=None,
    )
    assert got.result["lists"][0] == "فهرست‌الف"
    assert got.result["interval"] == [150.0, None]


def test_latest_and_list_follow_the_order_of_adding(store: Store) -> None:
    with store.reader() as session:
        assert EstimateRepository(session).latest() is None
    t = dt.datetime(2026, 1, 8, tzinfo=dt.UTC)
    first = _add(store, "lcmcr", t)
    second = _add(store, "loglinear", t, "b" * 64)
    third = _add(store, "lcmcr", t + dt.timedelta(hours=1), "c" * 64)
    with store.reader() as session:
        repo = EstimateRepository(session)
        assert [e.id for e in repo.list()] == [first, second, third]
        assert [e.id for e in repo.list("loglinear")] == [second]
        latest = repo.latest()
        by_method = repo.latest(method="loglinear")
        assert latest_estimate(session) == latest
        assert latest_estimate(session, "loglinear") == by_method
    assert latest is not None
    assert latest.id == third
    assert by_method is not None
    assert by_method.strata == "province"


def test_missing_ids_and_naive_times_are_refused(store: Store) -> None:
    with store.reader() as session, pytest.raises(StorageError, match="no stored estimate 7"):
        EstimateRepository(session).get(7)
    with store.reader() as session, pytest.raises(StorageError, match="no stored estimate 7"):
        EstimateRepository(session).table_csv(7)
    with pytest.raises(StorageError, match="time zone"):
        _add(store, "lcmcr", dt.datetime(2026, 1, 8))
