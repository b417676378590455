"""The compiled sampler's building blocks: exact draws, and the sweep against an exact posterior."""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit
from scipy import special, stats

from gavah.estimate import draws as rd
from gavah.estimate import kernels


def stream(seed: int) -> np.ndarray:
    """A xoshiro256+ state for the kernel, as lcmcr.py seeds it."""
    return np.random.default_rng(seed).bit_generator.random_raw(4)


@njit(cache=False)
def _binomials(s: np.ndarray, n: int, p: float, size: int) -> np.ndarray:
    out = np.empty(size, dtype=np.int64)
    for i in range(size):
        out[i] = rd.binomial(s, n, p)
    return out


@njit(cache=False)
def _gammas(s: np.ndarray, shape: float, size: int) -> np.ndarray:
    out = np.empty(size)
    for i in range(size):
        out[i] = rd.gamma(s, shape)
    return out


@njit(cache=False)
def _normals(s: np.ndarray, size: int) -> np.ndarray:
    out = np.empty(size)
    for i in range(size):
        out[i] = rd.normal(s)
    return out


@njit(cache=False)
def _uniforms(s: np.ndarray, size: int) -> np.ndarray:
    out = np.empty(size)
    for i in range(size):
        out[i] = rd.uniform(s)
    return out


def draws(total: int, probs: list[float], n: int, seed: int) -> np.ndarray:
    s = stream(seed)
    p = np.array(probs)
    scratch = np.zeros(len(probs), dtype=np.int64)
    out = np.zeros(len(probs), dtype=np.int64)
    result = np.empty((n, len(probs)), dtype=np.int64)
    for i in range(n):
        rd.multinomial(s, total, p, scratch, out)
        result[i] = out
    return result


def chi2_pvalue(x: np.ndarray, pmf: np.ndarray) -> float:
    """Pearson's test of integer draws ``x`` against ``pmf`` (cells expecting < 5 pooled)."""
    observed = np.bincount(x, minlength=pmf.shape[0]).astype(float)
    expected = pmf * x.shape[0]
    keep = expected >= 5
    o = np.append(observed[keep], observed[~keep].sum())
    e = np.append(expected[keep], expected[~keep].sum())
    if e[-1] < 5:
        o[-2] += o[-1]
        e[-2] += e[-1]
        o, e = o[:-1], e[:-1]
    return float(stats.chi2.sf(((o - e) ** 2 / e).sum(), o.shape[0] - 1))


def test_uniforms_are_strictly_inside_the_unit_interval() -> None:
    u = _uniforms(stream(1), 200_000)
    assert ((u > 0) & (u < 1)).all()
    assert stats.kstest(u, "uniform").pvalue > 0.001
    assert not np.array_equal(u, _uniforms(stream(2), 200_000))
    np.testing.assert_array_equal(u, _uniforms(stream(1), 200_000))


def test_normals_match_the_normal_distribution_tails_included() -> None:
    """The ziggurat: overall (KS) and in the tail beyond its last layer (3.654...)."""
    x = _normals(stream(3), 1_000_000)
    assert stats.kstest(x, "norm").pvalue > 0.001
    assert abs(x.mean()) < 5 / 1000
    assert x.var() == pytest.approx(1.0, abs=0.01)
    beyond = int((np.abs(x) > rd.ZIG_R).sum())
    expected = 2 * stats.norm.sf(rd.ZIG_R) * x.shape[0]
    assert abs(beyond - expected) < 5 * np.sqrt(expected)
    tail = np.abs(x[np.abs(x) > rd.ZIG_R])
    conditional = stats.truncnorm(rd.ZIG_R, np.inf).cdf
    assert stats.kstest(tail, conditional).pvalue > 0.001


@pytest.mark.parametrize(
    ("n", "p"),
    [
        (1, 0.3),
        (12, 0.9),
        (40, 0.2),
        (30, 0.35),
        (100, 0.1),
        (1131, 0.75),
        (5000, 0.003),
        (5000, 0.5),
        (300, 0.97),
    ],
)
def test_binomial_matches_the_exact_pmf(n: int, p: float) -> None:
    """Inversion (small means), BTRS (large means) and the flip for p > 1/2."""
    x = _binomials(stream(n), n, p, 100_000)
    assert x.min() >= 0
    assert x.max() <= n
    assert chi2_pvalue(x, stats.binom.pmf(np.arange(n + 1), n, p)) > 0.001


@pytest.mark.parametrize("shape", [0.05, 0.3, 1.0, 3.0, 6.0, 7.5, 40.0, 5000.0])
def test_gamma_matches_its_distribution(shape: float) -> None:
    x = _gammas(stream(int(shape * 100)), shape, 100_000)
    assert (x >= 0).all()
    assert stats.kstest(x, stats.gamma(shape).cdf).pvalue > 0.001


@pytest.mark.parametrize("total", [1, 3, 7, 8, 40, 1000])
@pytest.mark.parametrize(
    "probs",
    [[0.5, 0.3, 0.15, 0.05, 0.0], [0.0, 0.05, 0.15, 0.3, 0.5], [0.15, 0.0, 0.5, 0.05, 0.3]],
)
def test_multinomial_has_the_right_marginals_whatever_the_class_order(
    total: int, probs: list[float]
) -> None:
    """Binomials for the classes expecting a few people, categorical draws for the rest: an
    exact decomposition, so every class count must be Binomial(total, p_k)."""
    x = draws(total, probs, 4000, seed=total + int(100 * probs[0]))
    assert (x.sum(axis=1) == total).all()
    for k, p in enumerate(probs):
        if p == 0.0:
            assert (x[:, k] == 0).all(), "a class of probability zero never gets anyone"
            continue
        mean = total * p
        sd = np.sqrt(total * p * (1 - p) / len(x))
        assert abs(x[:, k].mean() - mean) < 5 * sd
        assert x[:, k].var() == pytest.approx(total * p * (1 - p), rel=0.15)


@pytest.mark.parametrize("total", [3, 60])
def test_multinomial_joint_counts_match_the_exact_pmf(total: int) -> None:
    """Joint test on three classes: (n_0, n_1) against the multinomial pmf, for a total where
    every class is drawn by categorical draws (3) and one where binomials come first (60)."""
    probs = [0.6, 0.3, 0.1]
    x = draws(total, probs, 20_000, seed=11 + total)
    cell = x[:, 0] * (total + 1) + x[:, 1]
    pmf = np.zeros((total + 1) * (total + 1))
    for a in range(total + 1):
        for b in range(total + 1 - a):
            pmf[a * (total + 1) + b] = stats.multinomial.pmf([a, b, total - a - b], total, probs)
    assert chi2_pvalue(cell, pmf) > 0.001


def sweep_state(
    classes: int, n_lists: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    lam = np.full((n_lists, classes), 0.3)
    log_nu = np.log(np.full(classes, 1 / classes))
    count0 = np.zeros(classes, dtype=np.int64)
    scal = np.zeros(kernels.N_SCALARS)
    scal[kernels.ALPHA] = 1.0
    scal[kernels.A_ALPHA] = 0.25
    scal[kernels.B_ALPHA] = 0.25
    scal[kernels.UPDATE_ALPHA] = 1.0
    return lam, log_nu, count0, scal


def test_sweep_keeps_every_thin_th_draw_and_updates_the_state() -> None:
    rng = np.random.default_rng(5)
    on_start = np.array([0, 1, 2, 4], dtype=np.int64)
    on_lists = np.array([0, 1, 0, 2], dtype=np.int64)
    freq = np.array([30, 20, 10], dtype=np.int64)
    classes = 3
    lam, log_nu, count0, scal = sweep_state(classes, 3)
    out_n = np.zeros(10, dtype=np.int64)
    out_alpha = np.zeros(10)
    out_k = np.zeros(10, dtype=np.int64)
    s = stream(5)
    before = s.copy()
    written = kernels.sweep_chunk(
        rng,
        s,
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
    assert not np.array_equal(s, before), "the stream's state advances in place"
    assert (out_n >= 60).all()
    assert (out_alpha > 0).all()
    assert ((out_k >= 1) & (out_k <= classes)).all()
    assert np.exp(log_nu).sum() == pytest.approx(1.0)
    assert ((lam > 0) & (lam < 1)).all()
    assert count0.sum() == scal[kernels.N0] == out_n[-1] - 60


def test_one_class_sweep_matches_the_exact_posterior_of_n() -> None:
    """With one latent class LCMCR is the independence model with Beta(1, 1) capture
    probabilities and p(N) ∝ 1/N, whose posterior is exact:
    p(N | data) ∝ (1/N) N!/(N - n)! prod_j B(n_j + 1, N - n_j + 1). The whole sweep (Beta draws,
    negative binomial for n0) must reproduce it: quantiles within Monte Carlo error."""
    # Three lists: patterns 001, 010, 011, 100, 101, 110, 111 (bit j = on list j).
    masks = [1, 2, 3, 4, 5, 6, 7]
    counts = [60, 50, 20, 40, 15, 12, 6]
    on = [[j for j in range(3) if m >> j & 1] for m in masks]
    on_start = np.cumsum([0] + [len(o) for o in on]).astype(np.int64)
    on_lists = np.array([j for o in on for j in o], dtype=np.int64)
    freq = np.array(counts, dtype=np.int64)
    n = int(freq.sum())
    on_list = [sum(c for m, c in zip(masks, counts, strict=True) if m >> j & 1) for j in range(3)]
    big_n = np.arange(n, 5 * n)
    logp = -np.log(big_n) + special.gammaln(big_n + 1) - special.gammaln(big_n - n + 1)
    for nj in on_list:
        logp += special.betaln(nj + 1, big_n - nj + 1)
    post = np.exp(logp - logp.max())
    cdf = np.cumsum(post) / post.sum()
    exact = [big_n[np.searchsorted(cdf, q)] for q in (0.1, 0.5, 0.9)]

    keep = 40_000
    lam, log_nu, count0, scal = sweep_state(1, 3)
    out_n = np.zeros(keep, dtype=np.int64)
    args = (np.zeros(keep), np.zeros(keep, dtype=np.int64), 0)
    rng = np.random.default_rng(2026)
    s = stream(2026)
    kernels.sweep_chunk(
        rng, s, on_start, on_lists, freq, n, lam, log_nu, count0, scal, 2_000, 0, out_n, *args
    )
    kernels.sweep_chunk(
        rng, s, on_start, on_lists, freq, n, lam, log_nu, count0, scal, keep * 5, 5, out_n, *args
    )
    sampled = np.quantile(out_n, [0.1, 0.5, 0.9])
    spread = exact[2] - exact[0]
    for got, want in zip(sampled, exact, strict=True):
        assert abs(got - want) < 0.04 * spread, (sampled, exact)
