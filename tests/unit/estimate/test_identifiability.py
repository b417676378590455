"""Existence and identifiability of the MLE: the Fienberg-Rinaldo linear program and friends."""

from __future__ import annotations

import pytest

from gavah.estimate import (
    CaptureTable,
    LoglinearModel,
    NotEstimableError,
    check_estimable,
    fit_model,
)

from .mse_data import published


def test_artificial_three_list_table_of_chan_silverman_vincent() -> None:
    """SparseMSE's ``Artificial_3`` (Chan, Silverman & Vincent 2019, arXiv:1902.05156, Table 2):
    A and B overlap (6 people) yet any model with the A:B term has no MLE, because the margins
    force the A:C, B:C and A:B:C cells to zero; the linear program must see it although no
    margin is zero. Models with A:C or B:C have a zero margin. Main effects are fine."""
    table = published("sparsemse_artificial_3.csv")
    ab = check_estimable(table, LoglinearModel(((0, 1),)))
    assert not ab.exists
    assert "does not exist" in ab.reason
    ac = check_estimable(table, LoglinearModel(((0, 2),)))
    assert not ac.ok
    assert "nobody is on both 'A' and 'C'" in ac.reason
    everything = check_estimable(table, LoglinearModel(((0, 1), (0, 2), (1, 2))))
    assert not everything.ok
    assert check_estimable(table, LoglinearModel()).ok


def test_lists_that_never_overlap_get_a_message_not_a_number() -> None:
    table = CaptureTable.from_rows(
        ["a", "b", "c"], [((1, 0, 0), 40), ((0, 1, 0), 30), ((0, 0, 1), 20)]
    )
    verdict = check_estimable(table, LoglinearModel())
    assert not verdict.exists
    with pytest.raises(NotEstimableError, match="does not exist"):
        fit_model(table, LoglinearModel())


def test_a_saturated_model_is_not_identifiable() -> None:
    """All two-way terms on three lists leave 7 parameters for 7 observable cells, but the
    three-way term would make 8: the rank check must refuse it."""
    table = published("dga_madigan_york_3lists.csv")
    saturated = LoglinearModel(((0, 1), (0, 2), (1, 2), (0, 1, 2)))
    verdict = check_estimable(table, saturated)
    assert not verdict.identifiable
    assert "identify only 7" in verdict.reason
    assert check_estimable(table, LoglinearModel(((0, 1), (0, 2), (1, 2)))).ok


def test_an_empty_list_has_no_finite_main_effect() -> None:
    table = CaptureTable.from_cells(["a", "b", "c"], {0b011: 5, 0b001: 7, 0b010: 9})
    verdict = check_estimable(table, LoglinearModel())
    assert not verdict.exists
    assert "'c' has nobody" in verdict.reason
    assert check_estimable(table, LoglinearModel(common_capture=True)).exists


def test_published_tables_with_full_overlaps_pass(uk5: CaptureTable) -> None:
    assert check_estimable(published("kosovo_1999_lcmcr.csv"), LoglinearModel(((0, 1),))).ok
    assert check_estimable(uk5, LoglinearModel(((0, 1), (1, 3)))).ok
    lagp = check_estimable(uk5, LoglinearModel(((0, 4),)))
    assert "nobody is on both 'LA' and 'GP'" in lagp.reason
