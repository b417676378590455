"""Convergence diagnostics for MCMC draws of N: rank-normalised split-R-hat and bulk ESS.

Owns :func:`rhat`, :func:`ess_bulk` and :func:`assess`, which turns them into an explicit
verdict. The definitions are those of Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021),
"Rank-normalization, folding, and localization: an improved R-hat for assessing convergence of
MCMC", Bayesian Analysis 16(2):667-718, as implemented in the R package ``posterior`` and in
ArviZ: chains are split in halves, draws are replaced by normal scores of their ranks, R-hat is
the larger of the bulk and the folded (tail) values, and the effective sample size uses Geyer's
initial monotone sequence. The thresholds are the paper's: R-hat below 1.01 and bulk ESS above
400 (100 per chain for four chains). Pure NumPy/SciPy; no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy import special, stats

__all__ = ["ESS_MIN", "RHAT_MAX", "Convergence", "assess", "ess_bulk", "rhat"]

RHAT_MAX: Final = 1.01
ESS_MIN: Final = 400.0

FloatArray = npt.NDArray[np.float64]


def _split(draws: npt.ArrayLike) -> FloatArray:
    x = np.asarray(draws, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] < 4:
        raise ValueError("draws must be (chains, draws) with at least 4 draws per chain")
    half = x.shape[1] // 2
    return np.concatenate([x[:, :half], x[:, x.shape[1] - half :]], axis=0)


def _rank_normal(x: FloatArray) -> FloatArray:
    ranks = stats.rankdata(x, method="average").reshape(x.shape)
    return np.asarray(special.ndtri((ranks - 0.375) / (x.size + 0.25)), dtype=np.float64)


def _rhat_basic(x: FloatArray) -> float:
    n = x.shape[1]
    within = float(np.mean(np.var(x, axis=1, ddof=1)))
    between = n * float(np.var(np.mean(x, axis=1), ddof=1))
    if within == 0.0:
        return 1.0 if between == 0.0 else float("inf")
    var_plus = (n - 1) / n * within + between / n
    return float(np.sqrt(var_plus / within))


def rhat(draws: npt.ArrayLike) -> float:
    """Rank-normalised split-R-hat: the larger of the bulk and the folded (tail) R-hat.

    Raises:
        ValueError: ``draws`` is not a (chains, draws) array with at least 4 draws per chain.
    """
    split = _split(draws)
    bulk = _rhat_basic(_rank_normal(split))
    folded = np.abs(split - np.median(split))
    tail = _rhat_basic(_rank_normal(folded))
    return max(bulk, tail)


def _autocov(x: FloatArray) -> FloatArray:
    n = x.shape[1]
    centred = x - x.mean(axis=1, keepdims=True)
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, n=size, axis=1)
    acov = np.fft.irfft(spectrum * np.conj(spectrum), n=size, axis=1)[:, :n]
    return np.asarray(acov / n, dtype=np.float64)


def _ess_basic(x: FloatArray) -> float:
    chains, n = x.shape
    acov = _autocov(x)
    mean_var = float(np.mean(acov[:, 0])) * n / (n - 1.0)
    var_plus = mean_var * (n - 1.0) / n
    if chains > 1:
        var_plus += float(np.var(x.mean(axis=1), ddof=1))
    if var_plus <= 0.0:
        return float(chains * n)
    rho = np.zeros(n)
    rho[0] = 1.0
    rho_even = 1.0
    rho_odd = 1.0 - (mean_var - float(np.mean(acov[:, 1]))) / var_plus
    rho[1] = rho_odd
    t = 1
    while t < n - 3 and rho_even + rho_odd > 0.0:
        rho_even = 1.0 - (mean_var - float(np.mean(acov[:, t + 1]))) / var_plus
        rho_odd = 1.0 - (mean_var - float(np.mean(acov[:, t + 2]))) / var_plus
        if rho_even + rho_odd >= 0.0:
            rho[t + 1] = rho_even
            rho[t + 2] = rho_odd
        t += 2
    max_t = t - 2
    if rho_even > 0.0:  # the last even autocorrelation, when still positive, counts too
        rho[max_t + 1] = rho_even
    t = 1
    while t <= max_t - 2:  # Geyer's initial monotone sequence
        if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]:
            rho[t + 1] = (rho[t - 1] + rho[t]) / 2.0
            rho[t + 2] = rho[t + 1]
        t += 2
    total = float(chains * n)
    tau = -1.0 + 2.0 * float(np.sum(rho[: max_t + 1])) + max(0.0, float(rho[max_t + 1]))
    tau = max(tau, 1.0 / math.log10(total))
    return total / tau


def ess_bulk(draws: npt.ArrayLike) -> float:
    """Bulk effective sample size: ESS of the rank-normalised split chains.

    Raises:
        ValueError: ``draws`` is not a (chains, draws) array with at least 4 draws per chain.
    """
    split = _split(draws)
    if np.all(split == split.flat[0]):
        return float(split.size)
    return _ess_basic(_rank_normal(split))


@dataclass(frozen=True, slots=True)
class Convergence:
    """R-hat, bulk ESS, each chain's median, and the verdict with its reasons."""

    rhat: float
    ess_bulk: float
    chain_medians: tuple[float, ...]
    converged: bool
    reasons: tuple[str, ...]

    @property
    def verdict(self) -> str:
        """``"converged"`` or ``"not converged"``."""
        return "converged" if self.converged else "not converged"


def assess(
    draws: npt.ArrayLike, *, rhat_max: float = RHAT_MAX, ess_min: float = ESS_MIN
) -> Convergence:
    """Diagnose (chains, draws) samples of N and say plainly whether they converged.

    With a single chain, R-hat compares its two halves only; the verdict says so.

    Raises:
        ValueError: ``draws`` is not a (chains, draws) array with at least 4 draws per chain.
    """
    x = np.asarray(draws, dtype=np.float64)
    r = rhat(x)
    ess = ess_bulk(x)
    medians = tuple(float(m) for m in np.median(x, axis=1))
    reasons: list[str] = []
    if not r < rhat_max:
        reasons.append(f"R-hat {r:.3f} is not below {rhat_max}: the chains disagree")
    if not ess > ess_min:
        reasons.append(f"bulk ESS {ess:.0f} is not above {ess_min:.0f}: too few effective draws")
    if x.shape[0] < 2:
        reasons.append("one chain only: run several chains to check that they agree")
    return Convergence(
        rhat=r,
        ess_bulk=ess,
        chain_medians=medians,
        converged=not reasons,
        reasons=tuple(reasons),
    )
