"""Compiled inner loop of the LCMCR Gibbs sampler (numba ``@njit``).

Owns the arithmetic of the sampler sweeps (the random draws live in :mod:`gavah.estimate.draws`):
no I/O, no clock, no global random state. Each chain passes its own ``numpy.random.Generator``
and the four-word state of an inlined xoshiro256+ stream seeded from it (``gavah.estimate.lcmcr``
does this), so every chain is reproducible from its seed and chains can run in parallel threads
(the kernel releases the GIL). numba has no type stubs: typed wrappers live in
:mod:`gavah.estimate.lcmcr`.

The sweep follows the reference C++ implementation of Manrique-Vallier (2016), R package LCMCR
(``NPLCM_CR_Basic_Freq::Update``), step by step:

1. latent-class counts for each *distinct observed pattern* (one multinomial per pattern, not one
   draw per person);
2. capture probabilities ``lambda[j, k] ~ Beta(1 + on list, 1 + not on list)``, the unobserved
   people counting as "not on list";
3. stick-breaking weights ``nu`` on the log scale;
4. the number of unobserved people ``n0 ~ NegBin(n, 1 - p0)``, ``p0`` the probability of being on
   no list (the reference's prior ``p(N) ∝ 1/N``), and their classes;
5. the Dirichlet-process concentration ``alpha ~ Gamma(a + K - 1, rate b - log nu[K-1])``.

Exact shortcuts keep it fast: pattern weights are products of per-list odds computed once per
sweep (falling back to logs when a product leaves the range of doubles); a multinomial draws
conditional binomials only for the classes expecting a few people and places the rest by
categorical draws; binomials use inversion for small means and Hörmann's BTRS otherwise; Beta
and stick-breaking draws are ratios of gamma draws (sums of exponentials for small whole shapes,
Marsaglia & Tsang otherwise); uniforms come from xoshiro256+, inlined, not through a call into
numpy's bit generator. Only the negative binomial for ``n0`` (once per sweep) uses ``rng``.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from gavah.estimate.draws import (
    gamma,
    log_gamma_draw,
    multinomial,
    uniform,
)

__all__ = [
    "ALPHA",
    "A_ALPHA",
    "B_ALPHA",
    "N0",
    "N_SCALARS",
    "UPDATE_ALPHA",
    "sweep_chunk",
]

# Layout of the float64 scalar-state vector shared with lcmcr.py.
ALPHA = 0
N0 = 1
A_ALPHA = 2
B_ALPHA = 3
UPDATE_ALPHA = 4
N_SCALARS = 5

# lambda is kept strictly inside (0, 1) so that its odds and logs stay finite.
_LAMBDA_FLOOR = 1e-300
_LAMBDA_CEIL = 1.0 - 1e-16


@njit(nogil=True, cache=True)
def _pattern_weights(  # noqa: PLR0917 - numba kernels take arrays positionally
    lo: int,
    hi: int,
    on_lists: np.ndarray,
    base: np.ndarray,
    odds: np.ndarray,
    log_base: np.ndarray,
    lam: np.ndarray,
    weights: np.ndarray,
) -> None:
    """Normalised class probabilities of one pattern (linear scale, logs if out of range)."""
    k_classes = base.shape[0]
    total = 0.0
    for k in range(k_classes):
        w = base[k]
        for idx in range(lo, hi):
            w *= odds[on_lists[idx], k]
        weights[k] = w
        total += w
    if not (0.0 < total < np.inf):
        top = -np.inf
        for k in range(k_classes):
            w = log_base[k]
            for idx in range(lo, hi):
                v = lam[on_lists[idx], k]
                w += math.log(v) - math.log1p(-v)
            weights[k] = w
            top = max(top, w)
        total = 0.0
        for k in range(k_classes):
            weights[k] = math.exp(weights[k] - top)
            total += weights[k]
    inv = 1.0 / total
    for k in range(k_classes):
        weights[k] *= inv


@njit(nogil=True, cache=True)
def _log_not_captured(lam: np.ndarray, log_not: np.ndarray) -> None:
    """``log_not[k] = sum_j log(1 - lam[j, k])``, one log per class unless the product
    underflows."""
    for k in range(lam.shape[1]):
        prod = 1.0
        for j in range(lam.shape[0]):
            prod *= 1.0 - lam[j, k]
        if prod > 1e-280:
            log_not[k] = math.log(prod)
        else:
            acc = 0.0
            for j in range(lam.shape[0]):
                acc += math.log1p(-lam[j, k])
            log_not[k] = acc


@njit(nogil=True, cache=True)
def sweep_chunk(  # noqa: PLR0912, PLR0915, PLR0917 - one Gibbs sweep, one ordered recipe
    rng: np.random.Generator,
    s: np.ndarray,
    on_start: np.ndarray,
    on_lists: np.ndarray,
    freq: np.ndarray,
    n_observed: int,
    lam: np.ndarray,
    log_nu: np.ndarray,
    count0: np.ndarray,
    scal: np.ndarray,
    n_iter: int,
    thin: int,
    out_n: np.ndarray,
    out_alpha: np.ndarray,
    out_kstar: np.ndarray,
    out_offset: int,
) -> int:
    """Run ``n_iter`` Gibbs sweeps in place; record every ``thin``-th draw from ``out_offset``.

    Data: pattern ``m`` is on the lists ``on_lists[on_start[m]:on_start[m + 1]]`` and has
    ``freq[m]`` people. State, updated in place: ``s`` (the four uint64 words of the
    xoshiro256+ stream; not all zero), ``lam`` (J x K capture probabilities), ``log_nu``
    (K log class weights), ``count0`` (classes of the unobserved), ``scal`` (alpha, n0 and the
    prior; see the module constants). ``thin = 0`` records nothing. Returns the number of
    draws written.
    """
    n_cells = freq.shape[0]
    n_lists = lam.shape[0]
    k_classes = lam.shape[1]
    odds = np.empty((n_lists, k_classes))
    log_not = np.empty(k_classes)
    log_base = np.empty(k_classes)
    base = np.empty(k_classes)
    weights = np.empty(k_classes)
    draw = np.empty(k_classes, dtype=np.int64)
    class_total = np.empty(k_classes, dtype=np.int64)
    ones = np.empty((n_lists, k_classes), dtype=np.int64)
    scratch = np.empty(k_classes, dtype=np.int64)
    for j in range(n_lists):
        for k in range(k_classes):
            odds[j, k] = lam[j, k] / (1.0 - lam[j, k])
    _log_not_captured(lam, log_not)
    n_written = 0
    for it in range(n_iter):
        # 1. classes of the observed people, one multinomial per distinct pattern
        top = -np.inf
        for k in range(k_classes):
            w = log_nu[k] + log_not[k]
            log_base[k] = w
            top = max(top, w)
            class_total[k] = count0[k]
            for j in range(n_lists):
                ones[j, k] = 0
        for k in range(k_classes):
            base[k] = math.exp(log_base[k] - top)
        for m in range(n_cells):
            lo = on_start[m]
            hi = on_start[m + 1]
            _pattern_weights(lo, hi, on_lists, base, odds, log_base, lam, weights)
            multinomial(s, freq[m], weights, scratch, draw)
            for k in range(k_classes):
                c = draw[k]
                if c > 0:
                    class_total[k] += c
                    for idx in range(lo, hi):
                        ones[on_lists[idx], k] += c
        # 2. capture probabilities, Beta(1 + on, 1 + off) as a ratio of two gamma draws
        for k in range(k_classes):
            tot = class_total[k]
            for j in range(n_lists):
                if tot == 0:
                    v = uniform(s)  # Beta(1, 1)
                else:
                    g_on = gamma(s, 1.0 + ones[j, k])
                    g_off = gamma(s, 1.0 + (tot - ones[j, k]))
                    v = g_on / (g_on + g_off)
                v = min(max(v, _LAMBDA_FLOOR), _LAMBDA_CEIL)
                lam[j, k] = v
                odds[j, k] = v / (1.0 - v)
        _log_not_captured(lam, log_not)
        # 3. stick-breaking weights, V_k ~ Beta(1 + n_k, alpha + n_{>k}), on the log scale
        alpha = scal[ALPHA]
        n_all = scal[N0] + n_observed
        acc = 0.0
        log_rest = 0.0
        for k in range(k_classes - 1):
            acc += class_total[k]
            rest = alpha + (n_all - acc)
            if class_total[k] == 0:  # V ~ Beta(1, rest): 1 - V = U^(1/rest), exactly
                log_off = math.log(uniform(s)) / rest
                log_nu[k] = math.log(-math.expm1(log_off)) + log_rest
                log_rest += log_off
            elif rest >= 1.0:  # both gamma draws are safely away from zero
                g1 = gamma(s, 1.0 + class_total[k])
                g2 = gamma(s, rest)
                lsum = math.log(g1 + g2)
                log_nu[k] = math.log(g1) - lsum + log_rest
                log_rest += math.log(g2) - lsum
            else:
                lg1 = log_gamma_draw(s, 1.0 + class_total[k])
                lg2 = log_gamma_draw(s, rest)
                hi_g = max(lg1, lg2)
                lsum = hi_g + math.log(math.exp(lg1 - hi_g) + math.exp(lg2 - hi_g))
                log_nu[k] = lg1 - lsum + log_rest
                log_rest += lg2 - lsum
        log_nu[k_classes - 1] = log_rest
        # 4. probability of being on no list; the unobserved people and their classes
        p0 = 0.0
        for k in range(k_classes):
            weights[k] = math.exp(log_nu[k] + log_not[k])
            p0 += weights[k]
        p0 = min(p0, 1.0 - 1e-12)
        n0_draw = rng.negative_binomial(n_observed, 1.0 - p0)
        scal[N0] = n0_draw
        if n0_draw > 0 and p0 > 0.0:
            for k in range(k_classes):
                weights[k] /= p0
            multinomial(s, n0_draw, weights, scratch, draw)
            for k in range(k_classes):
                count0[k] = draw[k]
        else:
            for k in range(k_classes):
                count0[k] = 0
        # 5. concentration of the Dirichlet process
        if scal[UPDATE_ALPHA] > 0.0:
            rate = scal[B_ALPHA] - log_nu[k_classes - 1]
            scal[ALPHA] = gamma(s, scal[A_ALPHA] + k_classes - 1.0) / rate
        if thin > 0 and (it + 1) % thin == 0:
            kstar = 0
            for k in range(k_classes):
                if class_total[k] > 0:
                    kstar += 1
            out_n[out_offset + n_written] = n_observed + n0_draw
            out_alpha[out_offset + n_written] = scal[ALPHA]
            out_kstar[out_offset + n_written] = kstar
            n_written += 1
    return n_written
