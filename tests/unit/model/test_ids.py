"""Id factories: deterministic from the clock and rng handed in, sortable by time."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from gavah.model import hex_ids, ulid_ids
from gavah.model.ids import CROCKFORD_ALPHABET
from gavah.model.rules import check_id


def _clock(*moments: dt.datetime) -> object:
    it = iter(moments)
    return lambda: next(it)


def test_ulids_are_26_crockford_characters_ordered_by_time() -> None:
    t0 = dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC)
    moments = [t0 + dt.timedelta(milliseconds=k) for k in range(50)]
    make = ulid_ids(_clock(*moments), random.Random(1))  # type: ignore[arg-type]
    ids = [make() for _ in moments]
    assert all(len(i) == 26 and set(i) <= set(CROCKFORD_ALPHABET) for i in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    for i in ids:
        check_id("ulid", i)


def test_ulids_encode_the_timestamp() -> None:
    moment = dt.datetime(2026, 1, 8, tzinfo=dt.UTC)
    ulid = ulid_ids(lambda: moment, random.Random(0))()
    millis = 0
    for char in ulid[:10]:
        millis = millis * 32 + CROCKFORD_ALPHABET.index(char)
    assert millis == int(moment.timestamp() * 1000)


def test_the_same_seed_gives_the_same_ids() -> None:
    moment = dt.datetime(2026, 1, 8, tzinfo=dt.UTC)
    first = ulid_ids(lambda: moment, random.Random(7))
    second = ulid_ids(lambda: moment, random.Random(7))
    assert [first() for _ in range(3)] == [second() for _ in range(3)]
    assert hex_ids(random.Random(7))() == hex_ids(random.Random(7))()
    assert len(hex_ids(random.Random(7))()) == 32


def test_a_naive_clock_is_refused() -> None:
    naive = dt.datetime(2026, 1, 8)
    with pytest.raises(ValueError, match="timezone-aware"):
        ulid_ids(lambda: naive, random.Random(0))()
