"""Compiled inner loop of the LCMCR Gibbs sampler (numba ``@njit``).

Owns the arithmetic of the sampler sweeps and nothing else: no I/O, no clock, no global random
state. Randomness comes from the ``numpy.random.Generator`` passed in (one per chain), so every
chain is reproducible from its seed and chains can run in parallel threads (the kernel releases
the GIL). numba has no type stubs: typed wrappers live in :mod:`gavah.estimate.lcmcr`.

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

Two exact shortcuts keep it fast: pattern weights are products of per-list odds computed once
per sweep (falling back to logs when a product leaves the range of doubles), and multinomials
visit classes by decreasing weight and place the last few people by categorical draws.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

__all__ = ["ALPHA", "A_ALPHA", "B_ALPHA", "N0", "N_SCALARS", "UPDATE_ALPHA", "sweep_chunk"]

# Layout of the float64 scalar-state vector shared with lcmcr.py.
ALPHA = 0
N0 = 1
A_ALPHA = 2
B_ALPHA = 3
UPDATE_ALPHA = 4
N_SCALARS = 5

# lambda is kept strictly inside (0, 1) so that its logs stay finite.
_LAMBDA_FLOOR = 1e-300
_LAMBDA_CEIL = 1.0 - 1e-16
# Below this many people left, a multinomial places each one by a categorical draw.
_CATEGORICAL_BELOW = 8


@njit(nogil=True, cache=True)
def _multinomial(
    rng: np.random.Generator, total: int, probs: np.ndarray, order: np.ndarray, out: np.ndarray
) -> None:
    """``out ~ Multinomial(total, probs)`` (probs sum to one), classes visited in ``order``.

    Conditional binomials for the first classes, then one categorical draw per remaining person:
    an exact decomposition that avoids a binomial per near-empty class.
    """
    n_classes = probs.shape[0]
    for k in range(n_classes):
        out[k] = 0
    remaining = total
    mass = 1.0
    pos = 0
    while remaining >= _CATEGORICAL_BELOW and pos < n_classes - 1:
        k = order[pos]
        p = probs[k]
        pos += 1
        if p <= 0.0:
            continue
        if p >= mass:
            out[k] += remaining
            return
        got = rng.binomial(remaining, p / mass)
        out[k] += got
        remaining -= got
        mass -= p
        if mass <= 0.0:  # rounding: recompute what is left
            mass = 0.0
            for q in range(pos, n_classes):
                mass += probs[order[q]]
    if remaining >= _CATEGORICAL_BELOW:  # only the last class is left
        out[order[n_classes - 1]] += remaining
        return
    fallback = order[n_classes - 1]
    for q in range(pos, n_classes):
        if probs[order[q]] > 0.0:
            fallback = order[q]
    for _ in range(remaining):
        u = rng.random() * mass
        acc = 0.0
        chosen = fallback  # used only if rounding leaves u past the last positive class
        for q in range(pos, n_classes):
            k = order[q]
            acc += probs[k]
            if u < acc:
                chosen = k
                break
        out[chosen] += 1


@njit(nogil=True, cache=True)
def _log_gamma_draw(rng: np.random.Generator, shape: float) -> float:
    """log of a Gamma(shape, 1) draw, finite even for tiny shapes (Marsaglia & Tsang 2000)."""
    if shape >= 1.0:
        return math.log(rng.standard_gamma(shape))
    u = rng.random()
    while u <= 0.0:
        u = rng.random()
    return math.log(rng.standard_gamma(shape + 1.0)) + math.log(u) / shape


@njit(nogil=True, cache=True)
def _order_by_weight(log_nu: np.ndarray, order: np.ndarray) -> None:
    """Class indices by decreasing weight (insertion sort: K is small)."""
    for i in range(order.shape[0]):
        order[i] = i
    for i in range(1, order.shape[0]):
        cur = order[i]
        j = i - 1
        while j >= 0 and log_nu[order[j]] < log_nu[cur]:
            order[j + 1] = order[j]
            j -= 1
        order[j + 1] = cur


@njit(nogil=True, cache=True)
def _pattern_weights(  # noqa: PLR0917 - numba kernels take arrays positionally
    lo: int,
    hi: int,
    on_lists: np.ndarray,
    base: np.ndarray,
    odds: np.ndarray,
    log_base: np.ndarray,
    log_odds: np.ndarray,
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
                w += log_odds[on_lists[idx], k]
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
def sweep_chunk(  # noqa: PLR0912, PLR0915, PLR0917 - one Gibbs sweep, one ordered recipe
    rng: np.random.Generator,
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
    ``freq[m]`` people. State, updated in place: ``lam`` (J x K capture probabilities),
    ``log_nu`` (K log class weights), ``count0`` (classes of the unobserved), ``scal`` (alpha,
    n0 and the prior; see the module constants). ``thin = 0`` records nothing. Returns the
    number of draws written.
    """
    n_cells = freq.shape[0]
    n_lists = lam.shape[0]
    k_classes = lam.shape[1]
    log_not = np.empty((n_lists, k_classes))
    log_odds = np.empty((n_lists, k_classes))
    odds = np.empty((n_lists, k_classes))
    log_base = np.empty(k_classes)
    base = np.empty(k_classes)
    weights = np.empty(k_classes)
    draw = np.empty(k_classes, dtype=np.int64)
    class_total = np.empty(k_classes, dtype=np.int64)
    ones = np.empty((n_lists, k_classes), dtype=np.int64)
    order = np.empty(k_classes, dtype=np.int64)
    for j in range(n_lists):
        for k in range(k_classes):
            log_not[j, k] = math.log1p(-lam[j, k])
            log_odds[j, k] = math.log(lam[j, k]) - log_not[j, k]
            odds[j, k] = math.exp(log_odds[j, k])
    n_written = 0
    for it in range(n_iter):
        # 1. classes of the observed people, one multinomial per distinct pattern
        _order_by_weight(log_nu, order)
        top = -np.inf
        for k in range(k_classes):
            w = log_nu[k]
            for j in range(n_lists):
                w += log_not[j, k]
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
            _pattern_weights(lo, hi, on_lists, base, odds, log_base, log_odds, weights)
            _multinomial(rng, freq[m], weights, order, draw)
            for k in range(k_classes):
                c = draw[k]
                if c > 0:
                    class_total[k] += c
                    for idx in range(lo, hi):
                        ones[on_lists[idx], k] += c
        # 2. capture probabilities
        for k in range(k_classes):
            tot = class_total[k]
            for j in range(n_lists):
                if tot == 0:
                    v = rng.random()  # Beta(1, 1)
                else:
                    v = rng.beta(1.0 + ones[j, k], 1.0 + (tot - ones[j, k]))
                v = min(max(v, _LAMBDA_FLOOR), _LAMBDA_CEIL)
                lam[j, k] = v
                log_not[j, k] = math.log1p(-v)
                log_odds[j, k] = math.log(v) - log_not[j, k]
                odds[j, k] = v / (1.0 - v)
        # 3. stick-breaking weights, V_k ~ Beta(1 + n_k, alpha + n_{>k}), on the log scale
        alpha = scal[ALPHA]
        n_all = scal[N0] + n_observed
        acc = 0.0
        log_rest = 0.0
        for k in range(k_classes - 1):
            acc += class_total[k]
            g1 = _log_gamma_draw(rng, 1.0 + class_total[k])
            g2 = _log_gamma_draw(rng, alpha + (n_all - acc))
            hi_g = max(g1, g2)
            lsum = hi_g + math.log(math.exp(g1 - hi_g) + math.exp(g2 - hi_g))
            log_nu[k] = g1 - lsum + log_rest
            log_rest += g2 - lsum
        log_nu[k_classes - 1] = log_rest
        # 4. probability of being on no list; the unobserved people and their classes
        p0 = 0.0
        for k in range(k_classes):
            w = log_nu[k]
            for j in range(n_lists):
                w += log_not[j, k]
            weights[k] = math.exp(w)
            p0 += weights[k]
        p0 = min(p0, 1.0 - 1e-12)
        n0_draw = rng.negative_binomial(n_observed, 1.0 - p0)
        scal[N0] = n0_draw
        if n0_draw > 0 and p0 > 0.0:
            for k in range(k_classes):
                weights[k] /= p0
            _order_by_weight(log_nu, order)
            _multinomial(rng, n0_draw, weights, order, draw)
            for k in range(k_classes):
                count0[k] = draw[k]
        else:
            for k in range(k_classes):
                count0[k] = 0
        # 5. concentration of the Dirichlet process
        if scal[UPDATE_ALPHA] > 0.0:
            rate = scal[B_ALPHA] - log_nu[k_classes - 1]
            scal[ALPHA] = rng.standard_gamma(scal[A_ALPHA] + k_classes - 1.0) / rate
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
