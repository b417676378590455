"""Log-linear capture-recapture models: fit, estimate of N and its profile interval.

Owns the Poisson fit of a :class:`gavah.estimate.design.LoglinearModel` over the ``2^k - 1``
observable patterns, the estimate of the unobserved cell from the intercept (``N = n +
exp(b0)``, Rcapture's "abundance"), and the multinomial profile-likelihood interval for N of
Cormack (1992) as computed by Rcapture's ``closedpCI.t`` (Baillargeon & Rivest 2007, J. Stat.
Software 19(5)). Model terms live in :mod:`gavah.estimate.design`, model choice in
:mod:`gavah.estimate.selection`, existence checks in :mod:`gavah.estimate.identifiability`.
Pure computation, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, special, stats

from gavah.estimate.design import LoglinearModel, design_matrix
from gavah.estimate.errors import NotEstimableError
from gavah.estimate.glm import PoissonFit, fit_poisson
from gavah.estimate.identifiability import check_estimable
from gavah.estimate.table import CaptureTable

__all__ = ["LoglinearFit", "ProfileInterval", "fit_model", "profile_interval"]

_SEARCH_FACTOR = 3.0  # Rcapture searches the multinomial maximum in (n, 3 N) ...
_UPPER_FACTORS = (3.0, 10.0, 100.0, 1000.0)  # ... and the upper bound up to 3 N; we go further
_UNREACHABLE = -1e300  # log-likelihood reported where the refit fails (far outside any interval)


@dataclass(frozen=True, slots=True)
class LoglinearFit:
    """A model fitted to a table: Rcapture's Poisson estimate of N and the fit statistics."""

    model: LoglinearModel
    lists: tuple[str, ...]
    observed: int
    poisson: PoissonFit
    estimate: float
    stderr: float
    aic: float
    bic: float
    deviance: float
    df: int
    warnings: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        """The model's readable name."""
        return self.model.describe(self.lists)


def fit_model(table: CaptureTable, model: LoglinearModel, *, check: bool = True) -> LoglinearFit:
    """Fit ``model`` to ``table`` by Poisson regression over the observable patterns.

    ``N = n + exp(b0)``; its standard error is Rcapture's ``sqrt(exp(b0) + exp(2 b0) var(b0))``.
    AIC is ``-2 loglik + 2p`` and BIC ``-2 loglik + p log(n)`` with ``n`` people observed.

    Raises:
        NotEstimableError: the MLE does not exist or is not identifiable (when ``check``), or
            the table has too many lists for a log-linear model.
        ValueError: the model does not fit the table's lists.
    """
    model.validate(table.k)
    if check:
        verdict = check_estimable(table, model)
        if not verdict.ok:
            raise NotEstimableError(f"{model.describe(table.lists)}: {verdict.reason}")
    x = design_matrix(table.k, model)
    y = table.dense()[1:]
    try:
        fit = fit_poisson(x, y)
    except np.linalg.LinAlgError:
        raise NotEstimableError(
            f"{model.describe(table.lists)}: the model is not identifiable from this table"
        ) from None
    n = table.observed
    b0 = float(fit.coef[0])
    unobserved = math.exp(b0)
    stderr = math.sqrt(unobserved + unobserved * unobserved * float(fit.cov[0, 0]))
    p = fit.n_params
    warnings: tuple[str, ...] = ()
    if not fit.converged:
        warnings = (f"{model.describe(table.lists)}: the Poisson fit did not converge",)
    return LoglinearFit(
        model=model,
        lists=table.lists,
        observed=n,
        poisson=fit,
        estimate=n + unobserved,
        stderr=stderr,
        aic=-2.0 * fit.loglik + 2.0 * p,
        bic=-2.0 * fit.loglik + p * math.log(n),
        deviance=fit.deviance,
        df=len(y) - p,
        warnings=warnings,
    )


@dataclass(frozen=True, slots=True)
class ProfileInterval:
    """Multinomial profile-likelihood estimate and interval for N (``upper`` may be ``inf``)."""

    mle: float
    lower: float
    upper: float
    level: float


def profile_interval(
    table: CaptureTable, fitted: LoglinearFit, level: float = 0.95
) -> ProfileInterval:
    """Profile-likelihood interval for N under the fitted model (Cormack 1992; Rcapture).

    For each candidate ``N`` the unobserved cell is set to ``N - n``, the model is refitted to the
    full ``2^k`` table, and the multinomial profile log-likelihood is ``-D/2 + c(N)`` with
    ``c = log(n0^n0 N! / (N^N n0!))`` (computed exactly; Rcapture uses Stirling's formula). The
    interval is where it is within ``chi2_1(level) / 2`` of its maximum; a bound that stays inside
    at ``N = n`` is ``n``, and one not reached below ``1000 N`` is infinite.

    Raises:
        ValueError: ``level`` is not in (0, 1).
    """
    if not 0.0 < level < 1.0:
        raise ValueError("level must be in (0, 1)")
    n = float(table.observed)
    x = design_matrix(table.k, fitted.model, include_unobserved=True)
    y = table.dense()
    start = np.array(fitted.poisson.coef)

    def loglik(total: float) -> float:
        nonlocal start
        n0 = max(total - n, 0.0)
        y[0] = n0
        try:
            fit = fit_poisson(x, y, start=start)
        except np.linalg.LinAlgError:  # the warm start failed: start afresh
            try:
                fit = fit_poisson(x, y)
            except np.linalg.LinAlgError:
                return _UNREACHABLE
        start = fit.coef
        c = (
            float(special.xlogy(n0, n0))
            + float(special.gammaln(total + 1.0))
            - total * math.log(total)
            - float(special.gammaln(n0 + 1.0))
        )
        return -fit.deviance / 2.0 + c

    hi_search = max(_SEARCH_FACTOR * fitted.estimate, n + 1.0)
    best = optimize.minimize_scalar(
        lambda t: -loglik(t), bounds=(n, hi_search), method="bounded", options={"xatol": 1e-4}
    )
    mle = float(best.x)
    top = -float(best.fun)
    threshold = top - float(stats.chi2.ppf(level, 1)) / 2.0

    def excess(total: float) -> float:
        return loglik(total) - threshold

    lower = n
    if excess(n) < 0.0:
        lower = float(optimize.brentq(excess, n, mle, xtol=1e-4))
    upper = math.inf
    left = mle
    for factor in _UPPER_FACTORS:
        right = max(factor * fitted.estimate, mle + 1.0)
        if right > left and excess(right) < 0.0:
            upper = float(optimize.brentq(excess, left, right, xtol=1e-4))
            break
        left = max(left, right)
    return ProfileInterval(mle=mle, lower=lower, upper=upper, level=level)
