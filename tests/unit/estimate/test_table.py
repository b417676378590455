"""Capture-history tables: validation, views, transformations, memberships and the input hash."""

from __future__ import annotations

import pytest

from gavah.errors import ParseError
from gavah.estimate import (
    MAX_LISTS,
    CaptureTable,
    canonical_inputs,
    canonical_text,
    input_sha256,
    table_from_memberships,
    table_sha256,
    tables_by_stratum,
)
from gavah.estimate.table import MISSING_STRATUM


def small() -> CaptureTable:
    return CaptureTable.from_rows(
        ["A", "B", "C"],
        [((1, 0, 0), 10), ((0, 1, 0), 20), ((1, 1, 0), 5), ((0, 0, 1), 7), ((1, 0, 1), 3)],
    )


def test_views_count_people_by_list_and_overlap() -> None:
    table = small()
    assert table.k == 3
    assert table.observed == 45
    assert table.list_totals() == (18, 25, 10)
    assert table.overlap(0, 1) == 5
    assert table.overlap(0, 2) == 3
    assert table.overlap(1, 2) == 0
    assert table.count(0b011) == 5
    assert table.count(0b110) == 0
    dense = table.dense()
    assert dense.shape == (8,)
    assert dense[0] == 0
    assert dense.sum() == 45


def test_rows_with_count_zero_are_dropped_and_all_zero_row_with_zero_is_accepted() -> None:
    table = CaptureTable.from_rows(["A", "B"], [((0, 0), 0), ((1, 0), 3), ((1, 1), 0)])
    assert table.cells == ((0b01, 3),)


@pytest.mark.parametrize(
    ("lists", "rows", "message"),
    [
        (["A"], [((1,), 4)], "at least 2 lists"),
        (["A", "B"], [((1, 2), 4)], "not 0 or 1"),
        (["A", "B"], [((1, 0), -1)], "negative"),
        (["A", "B"], [((0, 0), 5)], "on no list"),
        (["A", "B"], [((1, 0), 0), ((0, 1), 0)], "no observed people"),
        (["A", "B"], [((1, 0), 1), ((1, 0), 2)], "repeats the pattern 10"),
        (["A", "B"], [((1, 0, 1), 1)], "expected 2"),
        (["A", "A"], [((1, 0), 1)], "repeat"),
        (["A", " "], [((1, 0), 1)], "empty name"),
    ],
)
def test_malformed_tables_raise_parse_error(
    lists: list[str], rows: list[tuple[tuple[int, ...], int]], message: str
) -> None:
    with pytest.raises(ParseError, match=message):
        CaptureTable.from_rows(lists, rows)


def test_duplicates_can_be_summed_when_asked() -> None:
    table = CaptureTable.from_rows(["A", "B"], [((1, 0), 1), ((1, 0), 2)], duplicates="sum")
    assert table.count(0b01) == 3


def test_forty_lists_is_a_clear_error_and_twenty_is_fine() -> None:
    with pytest.raises(ParseError, match=f"more than the {MAX_LISTS}"):
        CaptureTable.from_cells([f"L{i}" for i in range(40)], {1: 1})
    twenty = CaptureTable.from_cells([f"L{i}" for i in range(20)], {1: 1, 1 << 19: 2})
    assert twenty.k == 20


def test_the_constructor_rejects_unsorted_or_out_of_range_cells() -> None:
    with pytest.raises(ParseError):
        CaptureTable(("A", "B"), ((2, 1), (1, 1)))
    with pytest.raises(ParseError):
        CaptureTable(("A", "B"), ((4, 1),))
    with pytest.raises(ParseError):
        CaptureTable(("A", "B"), ((1, 0),))


def test_permuting_lists_moves_the_bits_and_back() -> None:
    table = small()
    moved = table.permuted([2, 0, 1])
    assert moved.lists == ("C", "A", "B")
    assert moved.list_totals() == (10, 18, 25)
    assert moved.overlap(1, 2) == table.overlap(0, 1)
    assert moved.permuted([1, 2, 0]) == table
    with pytest.raises(ValueError, match="permutation"):
        table.permuted([0, 0, 1])


def test_scaling_and_dropping_lists() -> None:
    table = small()
    assert table.scaled(2).observed == 90
    with pytest.raises(ValueError, match="positive"):
        table.scaled(0)
    without_c = table.without_lists([2])
    assert without_c.lists == ("A", "B")
    assert without_c.observed == 38  # the 7 only on C are gone; the 3 on A and C stay on A
    assert without_c.count(0b01) == 13


def test_empty_lists_are_reported() -> None:
    table = CaptureTable.from_cells(["A", "B", "C"], {0b001: 3, 0b010: 4})
    assert table.empty_lists() == (2,)


def test_canonical_text_and_hash_ignore_row_order_and_zero_rows() -> None:
    a = CaptureTable.from_rows(["A", "B"], [((1, 0), 3), ((0, 1), 4), ((1, 1), 0)])
    b = CaptureTable.from_rows(["A", "B"], [((0, 1), 4), ((1, 0), 3)])
    assert canonical_text(a) == "A,B,count\n1,0,3\n0,1,4\n"
    assert table_sha256(a) == table_sha256(b)
    assert table_sha256(a) != table_sha256(a.scaled(2))
    strata = {"north": a, "south": b}
    assert canonical_text(strata).splitlines()[0] == "stratum,A,B,count"
    assert table_sha256(strata) != table_sha256(a)


def test_memberships_become_a_table_with_one_person_counted_once() -> None:
    memberships = [
        ("p1", "A", "x"),
        ("p1", "B", "x"),
        ("p1", "B", "x"),  # listed twice on B: still one person on B
        ("p2", "A", "y"),
        ("p3", "C", None),
    ]
    table = table_from_memberships(memberships)
    assert table.lists == ("A", "B", "C")
    assert table.observed == 3
    assert table.count(0b011) == 1
    fixed = table_from_memberships(memberships, lists=["C", "B", "A"])
    assert fixed.lists == ("C", "B", "A")
    assert fixed.count(0b110) == 1


def test_memberships_by_stratum_keep_every_list() -> None:
    memberships = [("p1", "A", "x"), ("p2", "B", "y"), ("p3", "B", " "), ("p4", "C", "x")]
    strata = tables_by_stratum(memberships)
    assert sorted(strata) == [MISSING_STRATUM, "x", "y"]
    assert all(t.lists == ("A", "B", "C") for t in strata.values())
    assert strata["x"].empty_lists() == (1,)


def test_membership_errors() -> None:
    with pytest.raises(ParseError, match="two strata"):
        table_from_memberships([("p1", "A", "x"), ("p1", "B", "y")])
    with pytest.raises(ParseError, match="not one of the systems"):
        table_from_memberships([("p1", "Z", None)], lists=["A", "B"])


def test_input_hash_covers_the_table_and_every_setting() -> None:
    a = CaptureTable.from_cells(["A", "B"], {0b01: 3, 0b10: 4, 0b11: 1})
    settings = {"method": "lcmcr", "seed": 7, "level": 0.95, "classes": None}
    assert canonical_inputs(a, settings).endswith(
        '{"classes":null,"level":0.95,"method":"lcmcr","seed":7}\n'
    )
    assert canonical_inputs(a, settings).startswith(canonical_text(a))
    digest = input_sha256(a, settings)
    assert digest == input_sha256(a, dict(reversed(list(settings.items()))))
    assert digest != input_sha256(a, {**settings, "seed": 8})
    assert digest != input_sha256(a.scaled(2), settings)
    assert digest != table_sha256(a)
