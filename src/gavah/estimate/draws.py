"""Random draws for the compiled LCMCR sampler (numba ``@njit``), from an inlined xoshiro256+.

Owns the small draws a Gibbs sweep makes many times: uniforms, normals (ziggurat), gammas,
binomials (inversion and Hörmann's BTRS) and multinomials. Each takes the chain's four-word
xoshiro256+ state ``s`` and advances it; nothing reads global random state, the clock or any file.
The sweep itself lives in :mod:`gavah.estimate.kernels`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, uint64

__all__ = [
    "ZIG_R",
    "binomial",
    "gamma",
    "log_gamma_draw",
    "multinomial",
    "next_u64",
    "normal",
    "uniform",
]

# A class expecting fewer people than this gets them by categorical draws, not a binomial.
_BINOMIAL_FROM = 4.0

# The small draws (uniforms, normals, gammas, small binomials) come from an inlined xoshiro256+
# stream, a few times cheaper than a call through numpy's bit generator; its four-word state is
# seeded from the chain's Generator, so a seed still fixes every draw.
_TWO_M52 = 1.0 / 4503599627370496.0
# Binomials with min(np, n(1-p)) below this use inversion, the others BTRS.
_INVERSION_BELOW = 10.0
# Gamma draws of whole shape up to this are sums of exponentials (one log).
_SUM_OF_EXPONENTIALS = 6.0
# 1/x for the inversion recursion (x <= 10 + 10 sqrt(11) < 64): a multiply, not a division.
_RECIP = np.concatenate((np.zeros(1), 1.0 / np.arange(1.0, 64.0)))
# log k! minus its Stirling approximation, k = 0..9 (Hörmann 1993; as in TensorFlow's BTRS).
_STIRLING_TAIL = np.array(
    [
        0.0810614667953272,
        0.0413406959554092,
        0.0276779256849983,
        0.02079067210376509,
        0.0166446911898211,
        0.0138761288230707,
        0.0118967099458917,
        0.0104112652619720,
        0.00925546218271273,
        0.00833056343336287,
    ]
)


def _ziggurat_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Marsaglia & Tsang's (2000) 256-layer normal ziggurat on 52 bits, built as numpy's is."""
    m1 = 2.0**52
    dn = ZIG_R
    tn = dn
    vn = 0.00492867323399  # area of each layer
    ki = np.zeros(256)
    wi = np.zeros(256)
    fi = np.zeros(256)
    q = vn / math.exp(-0.5 * dn * dn)
    ki[0] = (dn / q) * m1
    wi[0] = q / m1
    wi[255] = dn / m1
    fi[0] = 1.0
    fi[255] = math.exp(-0.5 * dn * dn)
    for i in range(254, 0, -1):
        dn = math.sqrt(-2.0 * math.log(vn / dn + math.exp(-0.5 * dn * dn)))
        ki[i + 1] = (dn / tn) * m1
        tn = dn
        fi[i] = math.exp(-0.5 * dn * dn)
        wi[i] = dn / m1
    return ki, wi, fi


ZIG_R = 3.6541528853610088  # start of the tail
_ZIG_KI, _ZIG_WI, _ZIG_FI = _ziggurat_tables()


@njit(nogil=True, cache=True, inline="always")
def next_u64(s: np.ndarray) -> np.uint64:
    """The next 64 bits of the xoshiro256+ stream ``s`` (Blackman & Vigna 2018), in place."""
    s0 = s[0]
    s1 = s[1]
    s2 = s[2]
    s3 = s[3]
    result = s0 + s3
    t = s1 << uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << uint64(45)) | (s3 >> uint64(19))
    s[0] = s0
    s[1] = s1
    s[2] = s2
    s[3] = s3
    return result  # type: ignore[no-any-return]


@njit(nogil=True, cache=True, inline="always")
def uniform(s: np.ndarray) -> float:
    """A double in (0, 1), never 0 or 1: the stream's top 52 bits, centred in their cell."""
    return (float(next_u64(s) >> uint64(12)) + 0.5) * _TWO_M52


@njit(nogil=True, cache=True)
def normal(s: np.ndarray) -> float:
    """A standard normal draw: numpy's ziggurat (``random_standard_normal``) on our stream."""
    while True:
        r = next_u64(s)
        idx = r & uint64(0xFF)
        r >>= uint64(8)
        negative = r & uint64(1)
        rabs = (r >> uint64(1)) & uint64(0x000FFFFFFFFFFFFF)
        x = float(rabs) * float(_ZIG_WI[idx])
        if negative:
            x = -x
        if float(rabs) < _ZIG_KI[idx]:
            return x  # inside a layer's rectangle: most draws
        if idx == 0:  # the tail beyond ZIG_R (Marsaglia 1964)
            while True:
                xx = -math.log(uniform(s)) / ZIG_R
                yy = -math.log(uniform(s))
                if yy + yy > xx * xx:
                    return -(ZIG_R + xx) if (rabs >> uint64(8)) & uint64(1) else ZIG_R + xx
        elif (_ZIG_FI[idx - 1] - _ZIG_FI[idx]) * uniform(s) + _ZIG_FI[idx] < math.exp(-0.5 * x * x):
            return x


@njit(nogil=True, cache=True)
def gamma(s: np.ndarray, shape: float) -> float:
    """A Gamma(shape, 1) draw: a sum of exponentials for small whole shapes, else Marsaglia &
    Tsang (2000), boosted by ``U^(1/shape)`` below shape 1."""
    if shape <= _SUM_OF_EXPONENTIALS and shape == math.floor(shape):
        prod = 1.0
        for _ in range(int(shape)):
            prod *= uniform(s)
        return -math.log(prod)
    boost = 1.0
    if shape < 1.0:
        boost = math.exp(math.log(uniform(s)) / shape)
        shape += 1.0
    d = shape - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        x = normal(s)
        v = 1.0 + c * x
        if v <= 0.0:
            continue
        v = v * v * v
        u = uniform(s)
        x2 = x * x
        if u < 1.0 - 0.0331 * x2 * x2:
            return d * v * boost
        if math.log(u) < 0.5 * x2 + d * (1.0 - v + math.log(v)):
            return d * v * boost


@njit(nogil=True, cache=True)
def _stirling_tail(k: float) -> float:
    """``log k!`` minus Stirling's approximation of it (the remainder BTRS corrects by)."""
    if k < 10.0:
        return float(_STIRLING_TAIL[int(k)])
    kp1sq = (k + 1.0) * (k + 1.0)
    return (1.0 / 12.0 - (1.0 / 360.0 - 1.0 / 1260.0 / kp1sq) / kp1sq) / (k + 1.0)


@njit(nogil=True, cache=True)
def _binomial_btrs(s: np.ndarray, n: int, p: float) -> int:
    """Binomial(n, p) for ``p <= 1/2`` and ``n p >= 10``: Hörmann's (1993) transformed rejection
    with squeeze (BTRS); about one pair of uniforms and no logarithm for most draws."""
    q = 1.0 - p
    spq = math.sqrt(n * p * q)
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    inv_b = 1.0 / b
    v_r = 0.92 - 4.2 * inv_b
    while True:
        u = uniform(s) - 0.5
        v = uniform(s)
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + c)
        if us >= 0.07 and v <= v_r:
            return int(k)
        if k < 0.0 or k > n:
            continue
        # the squeeze failed (about one draw in four): the exact acceptance test
        r = p / q
        alpha = (2.83 + 5.1 * inv_b) * spq
        m = math.floor((n + 1) * p)
        v = math.log(v * alpha / (a / (us * us) + b))
        bound = (
            (m + 0.5) * math.log((m + 1.0) / (r * (n - m + 1.0)))
            + (n + 1.0) * math.log((n - m + 1.0) / (n - k + 1.0))
            + (k + 0.5) * math.log(r * (n - k + 1.0) / (k + 1.0))
            + _stirling_tail(m)
            + _stirling_tail(n - m)
            - _stirling_tail(k)
            - _stirling_tail(n - k)
        )
        if v <= bound:
            return int(k)


@njit(nogil=True, cache=True)
def binomial(s: np.ndarray, n: int, p: float) -> int:
    """A Binomial(n, p) draw: inversion when the smaller mean is below 10, else BTRS.

    Inversion is numpy's (``random_binomial_inversion``, restarting past mean + 10 sd) with the
    recursion's division replaced by a table of reciprocals.
    """
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    flip = p > 0.5
    r = 1.0 - p if flip else p
    if n * r >= _INVERSION_BELOW:
        y = _binomial_btrs(s, n, r)
    else:
        q = 1.0 - r
        qn = math.exp(n * math.log1p(-r))
        ratio = r / q
        mean = n * r
        bound = min(float(n), mean + 10.0 * math.sqrt(mean * q + 1.0))
        n1 = float(n + 1)
        y = 0
        px = qn
        u = uniform(s)
        while u > px:
            y += 1
            if y > bound:
                y = 0
                px = qn
                u = uniform(s)
            else:
                u -= px
                px *= (n1 * _RECIP[y] - 1.0) * ratio
    return n - y if flip else y


@njit(nogil=True, cache=True)
def multinomial(
    s: np.ndarray,
    total: int,
    probs: np.ndarray,
    scratch: np.ndarray,
    out: np.ndarray,
) -> None:
    """``out ~ Multinomial(total, probs)`` (probs sum to one); ``scratch`` has K int64 slots.

    Classes expecting at least ``_BINOMIAL_FROM`` people get conditional binomials; the people
    left after them are placed one by one among the other classes by categorical draws. Both
    steps are exact, so the decomposition is: ``out[k] ~ Binomial(total, probs[k])`` jointly
    multinomial, whatever the split.
    """
    n_classes = probs.shape[0]
    n_big = 0
    n_small = 0
    big_mass = 0.0
    small_mass = 0.0
    cut = _BINOMIAL_FROM / total if total > 0 else 2.0
    for k in range(n_classes):
        out[k] = 0
        p = probs[k]
        if p >= cut:
            scratch[n_big] = k
            n_big += 1
            big_mass += p
        elif p > 0.0:
            n_small += 1
            scratch[n_classes - n_small] = k
            small_mass += p
    remaining = total
    mass = big_mass + small_mass
    for i in range(n_big):
        k = scratch[i]
        p = probs[k]
        if p >= mass or (i == n_big - 1 and n_small == 0):
            out[k] += remaining
            return
        got = binomial(s, remaining, p / mass)
        out[k] += got
        remaining -= got
        if remaining == 0:
            return
        mass -= p
    first = n_classes - n_small
    for _ in range(remaining):
        u = uniform(s) * small_mass
        q = n_classes - 1
        k = scratch[q]
        acc = probs[k]
        while u >= acc and q > first:
            q -= 1
            k = scratch[q]
            acc += probs[k]
        out[k] += 1


@njit(nogil=True, cache=True)
def log_gamma_draw(s: np.ndarray, shape: float) -> float:
    """log of a Gamma(shape, 1) draw, finite even for tiny shapes (Marsaglia & Tsang 2000)."""
    if shape >= 1.0:
        return math.log(gamma(s, shape))
    return math.log(gamma(s, shape + 1.0)) + math.log(uniform(s)) / shape
