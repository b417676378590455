"""Poisson regression with a log link, fitted by iteratively reweighted least squares.

Owns :func:`fit_poisson`, the small solver under the log-linear capture-recapture models (the
role ``glm(family = poisson)`` plays in Rcapture and SparseMSE). Pure NumPy; no I/O. It does not
decide whether a model is estimable: :mod:`gavah.estimate.identifiability` does that first,
because IRLS on a model whose MLE does not exist drifts towards infinite coefficients instead of
failing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

__all__ = ["PoissonFit", "fit_poisson", "poisson_deviance"]

FloatArray = npt.NDArray[np.float64]

_TOLERANCE = 1e-10  # relative change in deviance at convergence (R's glm uses 1e-8)
_MAX_ITERATIONS = 100
_MAX_HALVINGS = 40
_ETA_LIMIT = 700.0  # exp(700) is near the largest double


def _halve_until_better(
    x: FloatArray,
    y: FloatArray,
    old: FloatArray | None,
    proposal: FloatArray,
    previous: float,
) -> tuple[FloatArray, FloatArray, FloatArray, float]:
    """Take the Newton step, halving it while the deviance is not finite or gets worse.

    Newton's method for the Poisson likelihood can overshoot from a far start (a warm start at
    another value of the unobserved cell, in the profile likelihood); step halving as in R's
    ``glm.fit`` keeps every iteration an improvement.
    """
    coef = proposal
    for _ in range(_MAX_HALVINGS):
        eta = np.clip(x @ coef, -_ETA_LIMIT, _ETA_LIMIT)
        mu = np.exp(eta)
        deviance = poisson_deviance(y, mu)
        if old is None or (np.isfinite(deviance) and deviance <= previous * (1.0 + 1e-12) + 1e-9):
            return coef, eta, mu, deviance
        coef = (coef + old) / 2.0
    return coef, eta, mu, deviance


@dataclass(frozen=True, slots=True)
class PoissonFit:
    """A fitted Poisson log-linear model.

    ``cov`` is the inverse Fisher information (R's ``cov.unscaled``); ``loglik`` includes the
    ``-log y!`` constants so that AIC and BIC match R's ``glm``.
    """

    coef: FloatArray
    cov: FloatArray
    fitted: FloatArray
    deviance: float
    loglik: float
    n_params: int
    converged: bool
    iterations: int

    def z_pvalue(self, index: int) -> float:
        """Two-sided Wald p-value of coefficient ``index`` (as in R's ``summary.glm``)."""
        se = float(np.sqrt(self.cov[index, index]))
        if se == 0.0 or not np.isfinite(se):
            return 1.0
        z = float(self.coef[index]) / se
        return float(special.erfc(abs(z) / np.sqrt(2.0)))


def poisson_deviance(y: FloatArray, mu: FloatArray) -> float:
    """Poisson deviance ``2 sum(y log(y / mu) - (y - mu))`` with ``0 log 0 = 0``."""
    ratio = np.where(y > 0, y / np.where(mu > 0, mu, 1.0), 1.0)
    return float(2.0 * np.sum(special.xlogy(y, ratio) - (y - mu)))


def fit_poisson(
    x: FloatArray,
    y: FloatArray,
    *,
    start: FloatArray | None = None,
    max_iterations: int = _MAX_ITERATIONS,
    tolerance: float = _TOLERANCE,
) -> PoissonFit:
    """Fit ``log E[y] = x @ coef`` by IRLS (Newton's method for the canonical link).

    ``start`` (coefficients) warm-starts a refit, as the profile likelihood does many times.
    The design must have full column rank.

    Raises:
        np.linalg.LinAlgError: the weighted normal equations are singular.
    """
    coef = np.zeros(x.shape[1])
    old: FloatArray | None = None  # no step to halve back to from R's cold start
    if start is None:
        mu = y + 0.1
        eta = np.log(mu)
    else:
        coef = old = np.asarray(start, dtype=np.float64)
        eta = np.clip(x @ coef, -_ETA_LIMIT, _ETA_LIMIT)
        mu = np.exp(eta)
    previous = poisson_deviance(y, mu)
    converged = False
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - the count is reported
        z = eta + (y - mu) / mu
        xw = x.T * mu
        proposal = np.asarray(np.linalg.solve(xw @ x, xw @ z), dtype=np.float64)
        coef, eta, mu, deviance = _halve_until_better(x, y, old, proposal, previous)
        old = coef
        if abs(deviance - previous) <= tolerance * (abs(deviance) + 0.1):
            converged = True
            previous = deviance
            break
        previous = deviance
    info = (x.T * mu) @ x
    cov = np.asarray(np.linalg.inv(info), dtype=np.float64)
    loglik = float(np.sum(special.xlogy(y, mu) - mu - special.gammaln(y + 1.0)))
    return PoissonFit(
        coef=coef,
        cov=cov,
        fitted=mu,
        deviance=previous,
        loglik=loglik,
        n_params=x.shape[1],
        converged=converged,
        iterations=iterations,
    )
