"""Log-linear fits against published Rcapture results, profile intervals and invariances."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from gavah.estimate import (
    CaptureTable,
    LoglinearModel,
    NotEstimableError,
    fit_model,
    loglinear,
    profile_interval,
)
from gavah.estimate.design import design_matrix
from gavah.estimate.glm import fit_poisson

from .mse_data import published


def test_two_lists_independence_is_lincoln_petersen() -> None:
    """With two lists the independence model gives N = n1 n2 / m (Seber 1982, p.107 data)."""
    table = CaptureTable.from_rows(["a", "b"], [((1, 1), 167), ((1, 0), 781), ((0, 1), 254)])
    fit = fit_model(table, LoglinearModel())
    n1, n2, m = 167 + 781, 167 + 254, 167
    assert fit.estimate == pytest.approx(n1 * n2 / m, rel=1e-9)
    # Rcapture's closedp.t on these data prints Mt: abundance 2389.9, s.e. 130.4
    assert fit.estimate == pytest.approx(2389.9, abs=0.05)
    assert fit.stderr == pytest.approx(130.4, abs=0.05)


@pytest.mark.parametrize(
    ("model", "abundance", "stderr", "deviance", "df", "aic"),
    [
        (LoglinearModel(common_capture=True), 75.4, 3.5, 68.516, 61, 154.707),
        (LoglinearModel(), 75.1, 3.4, 58.314, 56, 154.505),
        (
            LoglinearModel(common_capture=True, heterogeneity="poisson2"),
            81.5,
            5.7,
            59.107,
            60,
            147.298,
        ),
        (
            LoglinearModel(common_capture=True, heterogeneity="darroch"),
            90.4,
            11.6,
            61.600,
            60,
            149.791,
        ),
        (
            LoglinearModel(common_capture=True, heterogeneity="gamma3.5"),
            100.6,
            21.7,
            62.771,
            60,
            150.961,
        ),
        (LoglinearModel(heterogeneity="poisson2"), 81.1, 5.6, 48.137, 55, 146.327),
        (LoglinearModel(heterogeneity="darroch"), 90.5, 11.7, 50.706, 55, 148.896),
        (LoglinearModel(heterogeneity="gamma3.5"), 101.6, 22.4, 51.956, 55, 150.147),
    ],
    ids=["M0", "Mt", "MhP", "MhD", "MhG", "MthP", "MthD", "MthG"],
)
def test_snowshoe_hares_match_rcapture(  # noqa: PLR0917 - one parameter per printed column
    model: LoglinearModel, abundance: float, stderr: float, deviance: float, df: int, aic: float
) -> None:
    """Hare data (Cormack 1989; Agresti 1994): Rcapture's ``closedp(hare)`` table, as printed in
    its reference output (Baillargeon & Rivest 2007, J. Stat. Softw. 19(5); Rcapture-Ex.Rout)."""
    fit = fit_model(published("rcapture_hare_6occasions.csv"), model)
    assert round(fit.estimate, 1) == abundance
    assert round(fit.stderr, 1) == stderr
    assert round(fit.deviance, 3) == deviance
    assert fit.df == df
    assert round(fit.aic, 3) == aic


def test_hare_profile_interval_matches_rcapture() -> None:
    """``closedpCI.t(hare, m="Mth", h="Poisson")``: multinomial 80.1 (71.8, 93.8) (Rcapture)."""
    table = published("rcapture_hare_6occasions.csv")
    fit = fit_model(table, LoglinearModel(heterogeneity="poisson2"))
    interval = profile_interval(table, fit)
    assert round(interval.mle, 1) == 80.1
    assert round(interval.lower, 1) == 71.8
    assert round(interval.upper, 1) == 93.8


def test_hiv_rome_matches_rcapture() -> None:
    """HIV in Rome, four sources (Abeni, Brancato & Perucci 1994, Epidemiology 5:410-414):
    Rcapture's ``closedpCI.t(HIV, mX = ~ . + c1:c2)`` gives 12318.5 (s.e. 1188.7), deviance
    7.614 on 9 df, AIC 86.65, multinomial 12308 (10266, 14992.3); with all two-way terms
    23443.5 (9594.9), profile 23269.8 (10027.6, 50046.3)."""
    table = published("rcapture_hiv_rome_4lists.csv")
    fit = fit_model(table, LoglinearModel(((0, 1),)))
    assert round(fit.estimate, 1) == 12318.5
    assert round(fit.stderr, 1) == 1188.7
    assert round(fit.deviance, 3) == 7.614
    assert fit.df == 9
    assert round(fit.aic, 2) == 86.65
    interval = profile_interval(table, fit)
    assert round(interval.mle) == 12308
    assert round(interval.lower) == 10266
    assert round(interval.upper, 1) == pytest.approx(14992.3, abs=0.1)
    full = fit_model(table, LoglinearModel(tuple(itertools.combinations(range(4), 2))))
    assert round(full.estimate, 1) == 23443.5
    assert round(full.stderr, 1) == 9594.9
    wide = profile_interval(table, full)
    assert round(wide.mle, 1) == pytest.approx(23269.8, abs=0.1)
    assert round(wide.lower, 1) == pytest.approx(10027.6, abs=0.1)
    assert round(wide.upper, 1) == pytest.approx(50046.3, abs=0.1)


def test_interval_contains_the_estimate_and_narrows_with_more_data(uk5: CaptureTable) -> None:
    fit = fit_model(uk5, LoglinearModel(((0, 1),)))
    interval = profile_interval(uk5, fit)
    assert interval.lower < fit.estimate < interval.upper
    bigger = uk5.scaled(4)
    big_interval = profile_interval(bigger, fit_model(bigger, LoglinearModel(((0, 1),))))
    assert (big_interval.upper - big_interval.lower) < 4 * (interval.upper - interval.lower)
    with pytest.raises(ValueError, match="level"):
        profile_interval(uk5, fit, level=1.0)


def test_an_upper_bound_beyond_the_search_is_infinite(monkeypatch: pytest.MonkeyPatch) -> None:
    """One shared person between two lists of 51: N = 2601 but the upper bound is near 44,000;
    when the search stops at 3 N (Rcapture's limit) the bound is reported as not reached."""
    table = CaptureTable.from_rows(["a", "b"], [((1, 0), 50), ((0, 1), 50), ((1, 1), 1)])
    fit = fit_model(table, LoglinearModel())
    assert 40_000 < profile_interval(table, fit).upper < 50_000
    monkeypatch.setattr(loglinear, "_UPPER_FACTORS", (3.0,))
    assert profile_interval(table, fit).upper == float("inf")


def test_permuting_lists_changes_nothing_exactly(uk5: CaptureTable) -> None:
    """Invariance: the lists' order is arbitrary, so the estimate must not depend on it."""
    model = LoglinearModel(((0, 1), (1, 3), (2, 4)))
    base = fit_model(uk5, model)
    order = [3, 0, 4, 2, 1]
    where = {old: new for new, old in enumerate(order)}
    moved_model = LoglinearModel(
        tuple(sorted(tuple(sorted((where[a], where[b]))) for a, b in model.interactions))
    )
    moved = fit_model(uk5.permuted(order), moved_model)
    assert moved.estimate == pytest.approx(base.estimate, rel=1e-9)
    assert moved.aic == pytest.approx(base.aic, rel=1e-9)


def test_doubling_every_count_doubles_the_estimate(uk5: CaptureTable) -> None:
    model = LoglinearModel(((0, 1), (1, 3)))
    assert fit_model(uk5.scaled(2), model).estimate == pytest.approx(
        2 * fit_model(uk5, model).estimate, rel=1e-8
    )


def test_model_validation() -> None:
    with pytest.raises(ValueError, match="sub-interaction"):
        LoglinearModel(((0, 1, 2),)).validate(3)
    with pytest.raises(ValueError, match="bad interaction"):
        LoglinearModel(((0, 3),)).validate(3)
    with pytest.raises(ValueError, match="repeated"):
        LoglinearModel(((0, 1), (0, 1))).validate(3)
    with pytest.raises(ValueError, match="heterogeneity"):
        LoglinearModel(heterogeneity="chao").validate(3)
    model = LoglinearModel(((0, 1), (0, 2), (1, 2), (0, 1, 2)))
    model.validate(4)
    assert model.n_params(4) == 9
    assert model.describe(["a", "b", "c", "d"]).endswith("a:b:c")
    assert model.without_term((0, 1, 2)).with_term((0, 1, 2)) == model


def test_design_refuses_too_many_lists() -> None:
    with pytest.raises(NotEstimableError, match="at most 15 lists"):
        design_matrix(16, LoglinearModel())


def test_warm_started_fit_recovers_from_a_far_start() -> None:
    """IRLS from a start far from the optimum halves its steps instead of diverging."""
    table = published("rcapture_hiv_rome_4lists.csv")
    model = LoglinearModel(tuple(itertools.combinations(range(4), 2)))
    x = design_matrix(4, model, include_unobserved=True)
    y = table.dense()
    y[0] = 21_000.0
    cold = fit_poisson(x, y)
    y_zero = y.copy()
    y_zero[0] = 0.0
    far = fit_poisson(x, y_zero).coef
    warm = fit_poisson(x, y, start=far)
    assert warm.converged
    assert warm.deviance == pytest.approx(cold.deviance, rel=1e-8, abs=1e-8)
    np.testing.assert_allclose(warm.coef, cold.coef, rtol=1e-5, atol=1e-7)


def test_profile_intervals_cover_the_truth_when_the_model_holds() -> None:
    """Independent, homogeneous capture on four lists (N = 1,000): the independence model is
    true, and its 95% profile intervals must cover N in about 95% of 40 replicates (>= 34)."""
    covered = 0
    for seed in range(40):
        rng = np.random.default_rng(seed)
        on = rng.random((1000, 4)) < np.array([0.3, 0.25, 0.2, 0.35])
        counts = np.bincount((on * (1 << np.arange(4))).sum(axis=1), minlength=16)
        table = CaptureTable.from_cells(
            list("abcd"), {m: int(c) for m, c in enumerate(counts) if m}
        )
        interval = profile_interval(table, fit_model(table, LoglinearModel()))
        covered += interval.lower <= 1000 <= interval.upper
    assert covered >= 34
