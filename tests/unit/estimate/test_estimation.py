"""The estimate entry point: methods, strata, warnings and the estimate JSON."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from gavah.estimate import (
    CaptureTable,
    EstimateOptions,
    LcmcrSettings,
    NotEstimableError,
    estimate,
    input_sha256,
    planned_sweeps,
    table_sha256,
)
from gavah.estimate.result import EstimateResult

SHORT = LcmcrSettings(burnin=1_000, iterations=4_000, thin=4, chains=2)
DESIGN_KEYS = {"method", "lists", "observed", "estimate", "interval", "level", "strata"}


def two_strata(kosovo: CaptureTable) -> dict[str, CaptureTable]:
    half = CaptureTable.from_cells(kosovo.lists, {m: c // 2 for m, c in kosovo.cells})
    rest = CaptureTable.from_cells(kosovo.lists, {m: c - c // 2 for m, c in kosovo.cells})
    return {"north": half, "south": rest}


def test_loglinear_json_has_the_design_contract(uk5: CaptureTable) -> None:
    """UK 2013 (Silverman 2014): the JSON of design.md plus diagnostics and the input hash."""
    result = estimate(uk5, EstimateOptions(method="loglinear"), seed=0)
    data = result.to_json()
    assert set(data) >= DESIGN_KEYS
    assert data["method"] == "loglinear"
    assert data["estimate"] == 11313.0
    assert data["strata"] == []
    assert data["level"] == 0.95
    assert data["input_sha256"] == input_sha256(uk5, result.settings)
    assert data["table_sha256"] == table_sha256(uk5)
    diagnostics = data["diagnostics"]
    assert isinstance(diagnostics, dict)
    assert diagnostics["verdict"] == "estimable"
    assert "LA:NG" in str(diagnostics["model"])
    json.dumps(data)  # plain JSON types only


def test_lcmcr_json_carries_chains_rhat_ess_and_verdict(kosovo: CaptureTable) -> None:
    result = estimate(kosovo, EstimateOptions(lcmcr=SHORT), seed=4, workers=2)
    data = result.to_json()
    diagnostics = data["diagnostics"]
    assert isinstance(diagnostics, dict)
    assert diagnostics["chains"] == 2
    assert len(diagnostics["chain_medians"]) == 2
    assert diagnostics["verdict"] in ("converged", "not converged")
    assert (diagnostics["verdict"] == "converged") == (
        diagnostics["rhat"] < 1.01 and diagnostics["ess_bulk"] > 400
    )
    settings = data["settings"]
    assert isinstance(settings, dict)
    assert settings["seed"] == 4
    assert settings["thin"] == 4
    interval = data["interval"]
    assert isinstance(interval, list)
    assert interval[0] <= data["estimate"] <= interval[1]
    assert result.draws is not None
    assert result.draws.shape == (2, 1000)


def test_lcmcr_strata_are_summed_draw_by_draw(kosovo: CaptureTable) -> None:
    strata = two_strata(kosovo)
    result = estimate(strata, EstimateOptions(lcmcr=SHORT), seed=9, workers=2, strata_field="g")
    assert [s.name for s in result.strata] == ["north", "south"]
    assert result.observed == kosovo.observed
    parts = [s.draws for s in result.strata]
    assert all(p is not None for p in parts)
    assert result.draws is not None
    np.testing.assert_array_equal(result.draws, sum(p for p in parts if p is not None))
    assert result.estimate == pytest.approx(np.median(result.draws))
    data = result.to_json()
    assert data["settings"]["strata_field"] == "g"  # type: ignore[index]
    assert len(data["strata"]) == 2  # type: ignore[arg-type]
    assert data["input_sha256"] == input_sha256(strata, result.settings)
    assert data["table_sha256"] == table_sha256(strata)


def test_a_stratums_draws_do_not_depend_on_the_other_strata(kosovo: CaptureTable) -> None:
    strata = two_strata(kosovo)
    both = estimate(strata, EstimateOptions(lcmcr=SHORT), seed=9, workers=2)
    alone = estimate({"north": strata["north"]}, EstimateOptions(lcmcr=SHORT), seed=9, workers=2)
    assert both.strata[0].draws is not None
    assert alone.strata[0].draws is not None
    np.testing.assert_array_equal(both.strata[0].draws, alone.strata[0].draws)


def test_loglinear_strata_add_estimates_and_bounds(kosovo: CaptureTable) -> None:
    result = estimate(two_strata(kosovo), EstimateOptions(method="loglinear"), seed=0)
    assert result.estimate == pytest.approx(sum(s.estimate for s in result.strata))
    assert result.lower == pytest.approx(sum(s.lower for s in result.strata))
    assert result.upper == pytest.approx(sum(s.upper for s in result.strata))
    assert "conservative" in str(result.diagnostics["interval_method"])


def test_thin_strata_and_empty_lists_are_warned_about() -> None:
    big = CaptureTable.from_rows(
        ["a", "b", "c", "d"],
        [
            ((1, 0, 0, 0), 60),
            ((0, 1, 0, 0), 50),
            ((0, 0, 1, 0), 40),
            ((1, 1, 0, 0), 20),
            ((0, 1, 1, 0), 15),
            ((1, 0, 1, 0), 12),
            ((1, 1, 1, 0), 5),
            ((0, 0, 0, 1), 9),
            ((1, 0, 0, 1), 4),
            ((0, 1, 0, 1), 3),
        ],
    )
    small = CaptureTable.from_rows(
        ["a", "b", "c", "d"],
        [
            ((1, 0, 0, 0), 10),
            ((0, 1, 0, 0), 9),
            ((0, 0, 1, 0), 8),
            ((1, 1, 0, 0), 4),
            ((0, 1, 1, 0), 3),
            ((1, 0, 1, 0), 2),
            ((1, 1, 1, 0), 1),
        ],
    )
    result = estimate({"big": big, "small": small}, EstimateOptions(method="loglinear"), seed=0)
    warnings = " | ".join(result.warnings)
    assert "stratum 'small': nobody is on 'd': dropped" in warnings
    assert "stratum 'small': only 37 people observed" in warnings
    assert result.strata[1].lists == ("a", "b", "c")


FINE = CaptureTable.from_rows(
    ["a", "b", "c"],
    [
        ((1, 0, 0), 50),
        ((0, 1, 0), 40),
        ((1, 1, 0), 10),
        ((0, 0, 1), 30),
        ((1, 0, 1), 8),
        ((0, 1, 1), 6),
    ],
)
APART = CaptureTable.from_rows(["a", "b", "c"], [((1, 0, 0), 50), ((0, 1, 0), 40), ((0, 0, 1), 30)])
TINY = CaptureTable.from_rows(["a", "b", "c"], [((1, 0, 0), 3), ((1, 1, 0), 2), ((0, 1, 1), 1)])
ONE_LIST = CaptureTable.from_cells(["a", "b", "c"], {0b001: 40})


@pytest.mark.parametrize("method", ["loglinear", "lcmcr"])
def test_strata_that_cannot_be_estimated_are_left_out_and_named(method: str) -> None:
    strata = {"east": APART, "west": FINE, "tiny": TINY, "solo": ONE_LIST}
    options = EstimateOptions(method=method, lcmcr=SHORT)  # type: ignore[arg-type]
    result = estimate(strata, options, seed=3, workers=1, strata_field="region")
    assert [s.name for s in result.strata] == ["west"]
    left = {s.name: s for s in result.skipped}
    assert set(left) == {"east", "tiny", "solo"}
    assert "nobody is on more than one list" in left["east"].reason
    assert "only 6 people observed" in left["tiny"].reason
    assert "fewer than 2 lists" in left["solo"].reason
    assert left["east"].observed == 120
    assert result.observed == FINE.observed  # only the strata in the total
    assert result.observed_left_out == 120 + 6 + 40
    data = result.to_json()
    assert data["observed_left_out"] == 166
    assert [s.name for s in result.skipped] == ["east", "solo", "tiny"]
    assert data["strata_left_out"] == [s.to_json() for s in result.skipped]
    warnings = " | ".join(result.warnings)
    assert "holding 166 observed people" in warnings
    assert "left out of the total: stratum 'east'" in warnings
    assert result.estimate == pytest.approx(result.strata[0].estimate)


def test_every_stratum_failing_is_one_error_naming_each() -> None:
    with pytest.raises(NotEstimableError, match=r"no stratum could be estimated.*'east'.*'solo'"):
        estimate({"east": APART, "solo": ONE_LIST}, EstimateOptions(method="loglinear"), seed=0)


def test_a_single_table_that_cannot_be_estimated_is_an_error() -> None:
    with pytest.raises(NotEstimableError, match="fewer than 2 lists"):
        estimate(ONE_LIST, EstimateOptions(method="loglinear"), seed=0)
    with pytest.raises(NotEstimableError, match="more than one list"):
        estimate(APART, EstimateOptions(method="lcmcr", lcmcr=SHORT), seed=0)


def test_planned_sweeps_and_bad_options(kosovo: CaptureTable) -> None:
    assert planned_sweeps(kosovo, EstimateOptions(method="loglinear")) == 0
    assert planned_sweeps(two_strata(kosovo), EstimateOptions(lcmcr=SHORT)) == 2 * 2 * 5_500
    with pytest.raises(ValueError, match="method"):
        estimate(kosovo, EstimateOptions(method="bayes"), seed=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="level"):
        estimate(kosovo, EstimateOptions(level=1.5), seed=0)
    with pytest.raises(ValueError, match="no strata"):
        estimate({}, EstimateOptions(), seed=0)


def test_an_open_upper_bound_is_null_in_json() -> None:
    result = EstimateResult(
        method="loglinear",
        lists=("a", "b"),
        observed=10,
        estimate=20.0,
        lower=12.0,
        upper=math.inf,
        level=0.95,
        strata=(),
        diagnostics={},
        settings={},
        input_sha256="0" * 64,
    )
    assert result.to_json()["interval"] == [12.0, None]
