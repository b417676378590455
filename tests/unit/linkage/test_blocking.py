"""Blocking keys: blocks bounded in size, swapped keys meeting across their two sides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]

from gavah.linkage import features_of
from gavah.linkage.blocking import block_key_columns
from gavah.linkage.comparisons import BLOCK_MAX, BLOCKING_KEYS, BLOCKING_RULES
from gavah.linkage.features import FEATURE_COLUMNS, LinkageFeatures
from gavah.model import Record
from gavah.text import parse_date

_DAY = parse_date("2026-01-09")


def _table(features: Sequence[LinkageFeatures]) -> Any:
    types = {"age": pa.int32(), "day": pa.int32()}
    return pa.table(
        {
            name: pa.array([getattr(f, name) for f in features], type=types.get(name, pa.string()))
            for name in FEATURE_COLUMNS
        }
    )


def _person(number: int, given: str, family: str, *, age: int | None = 30) -> LinkageFeatures:
    return features_of(
        Record(
            f"s{number % 3}",
            f"r{number}",
            given_name=given,
            family_name=family,
            age=age,
            event_date=_DAY,
            province="IR-23",
        )
    )


def test_every_key_is_a_blocking_rule_on_its_columns() -> None:
    columns = block_key_columns(_table([_person(0, "Ali", "Karimi")]), duckdb.connect())
    for key in BLOCKING_KEYS:
        assert key.rule in BLOCKING_RULES
        assert key.column in columns
        assert (f"{key.column}_rev" in columns) is (key.right is not None)


def test_a_key_more_records_share_than_a_block_holds_is_dropped() -> None:
    common = [_person(i, "Mohammad", "Mohammadi", age=20 + i % 40) for i in range(BLOCK_MAX + 1)]
    pair = [_person(1000, "Bijan", "Zargar"), _person(1001, "بیژن", "زرگر")]
    lone = _person(1002, "Bijan", "Zargar", age=None)
    columns = block_key_columns(_table([*common, *pair, lone]), duckdb.connect())
    by_province = columns["block_name_province"].to_pylist()
    assert by_province[: len(common)] == [None] * len(common)
    assert by_province[-3] == by_province[-2] == by_province[-1] is not None
    # The common name still blocks where another field (the age) keeps its blocks small.
    by_age = columns["block_name_age"].to_pylist()
    assert None not in by_age[: len(common)]
    assert by_age[0] == by_age[40] != by_age[1]
    assert by_age[-3] == by_age[-2] is not None
    assert by_age[-1] is None  # a field missing: no key


def test_a_swapped_key_counts_the_records_on_both_sides() -> None:
    given_first = [_person(i, "Reza", "Tehrani") for i in range(BLOCK_MAX // 2 + 1)]
    family_first = [_person(100 + i, "Tehrani", "Reza") for i in range(BLOCK_MAX // 2 + 1)]
    columns = block_key_columns(_table([*given_first, *family_first]), duckdb.connect())
    swapped = columns["block_name_swapped_province"].to_pylist()
    assert swapped == [None] * len(swapped)
    few = block_key_columns(_table([given_first[0], family_first[0]]), duckdb.connect())
    assert few["block_name_swapped_province"][0] == few["block_name_swapped_province_rev"][1]
