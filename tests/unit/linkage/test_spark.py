"""The Spark backend gives the same persons as the embedded DuckDB on the same records."""

from __future__ import annotations

import itertools

import pytest

from gavah.linkage import LinkOptions, LinkResult, link_records, pairwise_scores, record_uid
from gavah.linkage.spark import spark_available
from gavah.model import Record
from gavah.register import ListMapping, plan_import, read_table
from gavah.vocab import load_gazetteer
from tests.unit.linkage.otherlists import other_lists

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not spark_available(), reason="needs pyspark (gavah[spark]) and Java"),
]


@pytest.fixture(scope="module")
def lists() -> tuple[list[Record], dict[str, str]]:
    # About 2,000 records: 1,200 persons on three lists of other spellings and noise.
    texts, truth = other_lists(1200, seed=11)
    gazetteer = load_gazetteer()
    records: list[Record] = []
    for name, text in texts.items():
        plan = plan_import(name, read_table(text.encode(), f"{name}.csv"), ListMapping(), gazetteer)
        records.extend(plan.records)
    return records, {record_uid(s, r): p for (s, r), p in truth.items()}


def _link(records: list[Record], backend: str) -> LinkResult:
    counter = itertools.count()
    return link_records(records, [], {}, lambda: f"p{next(counter)}", LinkOptions(backend=backend))


def test_duckdb_and_spark_find_the_same_persons(
    lists: tuple[list[Record], dict[str, str]],
) -> None:
    records, truth = lists
    assert len(records) >= 2000
    duck, spark = _link(records, "duckdb"), _link(records, "spark")
    assert sorted(spark.members.values()) == sorted(duck.members.values())
    assert [(p.left, p.right, p.probability) for p in spark.review] == [
        (p.left, p.right, p.probability) for p in duck.review
    ]
    predicted = {uid: pid for pid, uids in spark.members.items() for uid in uids}
    assert pairwise_scores(predicted, truth).f1 >= 0.9
