"""Structure validation: each bad structure is reported with a clear message."""

from __future__ import annotations

import dataclasses

import pytest

from gavah.accountability import (
    Period,
    Posting,
    Problem,
    StructureError,
    UnitParent,
    find_problems,
    verify_structure,
)
from tests.unit.accountability.scenario import d, structure


def _codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def test_the_scenario_holds_together() -> None:
    assert find_problems(structure()) == []
    verify_structure(structure())


def test_a_handover_within_a_month_known_only_to_the_month_is_not_an_overlap() -> None:
    # p-a ends 2026-01 and p-b starts 2026-01 in the scenario: already checked above.
    base = structure()
    same_day = dataclasses.replace(
        base,
        postings=(
            Posting(
                "x1",
                "off-a",
                "basij-12",
                "فرمانده",
                commands=True,
                period=Period(d("2020-01-01"), d("2022-06-15")),
            ),
            Posting(
                "x2",
                "off-b",
                "basij-12",
                "فرمانده",
                commands=True,
                period=Period(d("2022-06-15"), d("2023-04-30")),
            ),
        ),
    )
    assert find_problems(same_day) == []


def test_a_posting_at_an_unknown_unit_is_reported() -> None:
    base = structure()
    bad = dataclasses.replace(
        base, postings=(*base.postings, Posting("p-x", "off-a", "sepah-mars", "commander"))
    )
    (problem,) = find_problems(bad)
    assert problem.code == "unknown-unit"
    assert str(problem) == "posting p-x: unknown unit 'sepah-mars'"


def test_a_posting_ending_before_it_starts_is_reported() -> None:
    base = structure()
    bad = dataclasses.replace(
        base,
        postings=(
            *base.postings,
            Posting("p-x", "off-c", "irgc", "معاون", period=Period(d("1404/10"), d("2025-01"))),
        ),
    )
    (problem,) = find_problems(bad)
    assert problem.code == "ends-before-start"
    assert "ends (2025-01) before it starts (2025-12-22/2026-01-20)" in str(problem)


def test_overlapping_holders_of_a_commanding_post_are_reported() -> None:
    base = structure()
    bad = dataclasses.replace(
        base,
        postings=(
            *base.postings,
            Posting(
                "p-x",
                "off-c",
                "corps-tehran",
                "commander",
                commands=True,
                period=Period(d("2025-06-01"), d("2025-08-01")),
            ),
        ),
    )
    (problem,) = find_problems(bad)
    assert problem.code == "overlapping-holders"
    assert "'off-a'" in problem.message
    assert "'off-c'" in problem.message


def test_overlapping_non_commanding_posts_are_allowed() -> None:
    base = structure()
    fine = dataclasses.replace(
        base,
        postings=(
            *base.postings,
            Posting("p-x", "off-c", "irgc", "deputy", period=Period(d("2026-03"), None)),
        ),
    )
    assert find_problems(fine) == []


def test_a_cycle_in_the_hierarchy_is_reported() -> None:
    base = structure()
    bad = dataclasses.replace(
        base, parents=(*base.parents, UnitParent("rel-x", "irgc", "basij-12", Period(d("2020"))))
    )
    codes = _codes(find_problems(bad))
    assert "hierarchy-cycle" in codes
    with pytest.raises(StructureError, match="cycle"):
        verify_structure(bad)


def test_a_cycle_that_never_holds_at_once_is_not_a_cycle() -> None:
    base = structure()
    fine = dataclasses.replace(
        base,
        parents=(
            UnitParent("r1", "corps-tehran", "irgc", Period(d("2010"), d("2015-12"))),
            UnitParent("r2", "irgc", "corps-tehran", Period(d("2016-01"), d("2016-06"))),
        ),
    )
    assert "hierarchy-cycle" not in _codes(find_problems(fine))


def test_a_unit_under_itself_is_a_cycle() -> None:
    base = structure()
    bad = dataclasses.replace(base, parents=(UnitParent("r", "irgc", "irgc"),))
    assert _codes(find_problems(bad)) == ["hierarchy-cycle"]


def test_two_parents_at_once_are_reported() -> None:
    base = structure()
    bad = dataclasses.replace(
        base, parents=(*base.parents, UnitParent("rel-x", "basij-12", "irgc", Period(d("2020"))))
    )
    assert _codes(find_problems(bad)) == ["two-parents"]


def test_duplicate_ids_and_unknown_officials_are_reported_together() -> None:
    base = structure()
    bad = dataclasses.replace(
        base,
        units=(*base.units, base.units[0]),
        postings=(*base.postings, Posting("p-y", "ghost", "irgc", "commander")),
    )
    with pytest.raises(StructureError) as caught:
        verify_structure(bad)
    assert _codes(list(caught.value.problems)) == ["duplicate-id", "unknown-official"]
    assert "(and 1 more problem)" in str(caught.value)
