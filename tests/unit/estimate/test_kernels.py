"""The compiled sampler's building blocks: exact multinomial draws and the sweep's bookkeeping."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from gavah.estimate import kernels


def draws(total: int, probs: list[float], order: list[int], n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    p = np.array(probs)
    o = np.array(order, dtype=np.int64)
    out = np.zeros(len(probs), dtype=np.int64)
    result = np.empty((n, len(probs)), dtype=np.int64)
    for i in range(n):
        kernels._multinomial(rng, total, p, o, out)
        result[i] = out
    return result


@pytest.mark.parametrize("total", [1, 3, 7, 8, 40, 1000])
@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]])
def test_multinomial_has_the_right_distribution_in_any_class_order(
    total: int, order: list[int]
) -> None:
    """Binomials for the first classes then categorical draws for the last few people is an
    exact decomposition: every class count must be Binomial(total, p_k), whatever the order."""
    probs = [0.5, 0.3, 0.15, 0.05, 0.0]
    x = draws(total, probs, order, 4000, seed=total + 7 * order[0])
    assert (x.sum(axis=1) == total).all()
    assert (x[:, 4] == 0).all(), "a class of probability zero never gets anyone"
    for k, p in enumerate(probs[:4]):
        mean = total * p
        sd = np.sqrt(total * p * (1 - p) / len(x))
        assert abs(x[:, k].mean() - mean) < 5 * sd
        assert x[:, k].var() == pytest.approx(total * p * (1 - p), rel=0.15)


def test_multinomial_small_totals_match_the_exact_pmf() -> None:
    probs = [0.6, 0.3, 0.1]
    x = draws(3, probs, [2, 0, 1], 20000, seed=11)
    observed = np.bincount(x[:, 0], minlength=4)
    expected = stats.binom.pmf(np.arange(4), 3, 0.6) * len(x)
    chi2 = float(((observed - expected) ** 2 / expected).sum())
    assert stats.chi2.sf(chi2, 3) > 0.001


def test_sweep_keeps_every_thin_th_draw_and_updates_the_state() -> None:
    rng = np.random.default_rng(5)
    on_start = np.array([0, 1, 2, 4], dtype=np.int64)
    on_lists = np.array([0, 1, 0, 2], dtype=np.int64)
    freq = np.array([30, 20, 10], dtype=np.int64)
    classes = 3
    lam = np.full((3, classes), 0.3)
    log_nu = np.log(np.full(classes, 1 / classes))
    count0 = np.zeros(classes, dtype=np.int64)
    scal = np.zeros(kernels.N_SCALARS)
    scal[kernels.ALPHA] = 1.0
    scal[kernels.A_ALPHA] = 0.25
    scal[kernels.B_ALPHA] = 0.25
    scal[kernels.UPDATE_ALPHA] = 1.0
    out_n = np.zeros(10, dtype=np.int64)
    out_alpha = np.zeros(10)
    out_k = np.zeros(10, dtype=np.int64)
    written = kernels.sweep_chunk(
        rng,
        on_start,
        on_lists,
        freq,
        60,
        lam,
        log_nu,
        count0,
        scal,
        50,
        5,
        out_n,
        out_alpha,
        out_k,
        0,
    )
    assert written == 10
    assert (out_n >= 60).all()
    assert (out_alpha > 0).all()
    assert ((out_k >= 1) & (out_k <= classes)).all()
    assert np.exp(log_nu).sum() == pytest.approx(1.0)
    assert ((lam > 0) & (lam < 1)).all()
    assert count0.sum() == scal[kernels.N0] == out_n[-1] - 60
