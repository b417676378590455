"""The capture tables and the pooled table both adapters build (gavah.services.estimating)."""

from __future__ import annotations

from gavah.estimate import CaptureTable
from gavah.services.estimating import capture_tables, pooled_table

MEMBERSHIPS = [
    ("p1", "A", "north"),
    ("p1", "B", "north"),
    ("p2", "A", "south"),
    ("p3", "B", "south"),
    ("p4", "C", "south"),
]


def test_the_chosen_lists_only_make_the_table() -> None:
    table = capture_tables(MEMBERSHIPS, ["A", "B"], None)
    assert isinstance(table, CaptureTable)
    assert table.lists == ("A", "B")
    assert sum(count for _, count in table.cells) == 3, "p4 is only on list C"


def test_the_strata_pool_back_into_the_unstratified_table() -> None:
    by_stratum = capture_tables(MEMBERSHIPS, ["A", "B", "C"], "region")
    assert isinstance(by_stratum, dict)
    assert set(by_stratum) == {"north", "south"}
    whole = capture_tables(MEMBERSHIPS, ["A", "B", "C"], None)
    assert isinstance(whole, CaptureTable)
    assert pooled_table(by_stratum) == whole


def test_a_single_table_pools_to_itself() -> None:
    table = capture_tables(MEMBERSHIPS, ["A", "B"], None)
    assert isinstance(table, CaptureTable)
    assert pooled_table(table) is table
