"""Choosing a log-linear model: the UK 2013 stepwise rule, and searches by AIC or BIC.

Owns :func:`select_model`. Pure computation; no I/O.

``stepwise`` is the rule of Bales, Hesketh & Silverman (2015, Significance 12(3):16-21) used for
the UK Home Office 2013 estimate (Silverman 2014), as coded in ``MSEfit`` of the R package
``modslavmse``: start from main effects; at each step fit every two-list interaction not yet in
the model, take the one with the lowest AIC (the first, on ties); stop if it does not lower the
AIC, or if its own Wald p-value in the enlarged model exceeds ``pthresh`` (0.05); otherwise add
it and repeat. One deliberate difference: candidates whose MLE does not exist or is not
identifiable (e.g. two lists that never overlap) are skipped, where R would fit them anyway and
report a meaningless AIC; on the published tables this changes nothing.

``aic`` and ``bic`` are a greedy forward-backward search over hierarchical models (two-way terms,
and three-way terms whose two-way margins are in the model when ``max_order = 3``): at each step
take the single addition or removal that lowers the criterion most among estimable models; stop
when none does. Greedy search can miss the global optimum; the path is reported.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from gavah.estimate.design import LoglinearModel
from gavah.estimate.errors import NotEstimableError
from gavah.estimate.loglinear import LoglinearFit, fit_model
from gavah.estimate.table import CaptureTable

__all__ = ["CRITERIA", "STEPWISE_PTHRESH", "Criterion", "Selection", "select_model"]

Criterion = Literal["aic", "bic", "stepwise"]
CRITERIA: Final = ("stepwise", "aic", "bic")
STEPWISE_PTHRESH: Final = 0.05
"""Significance a new term must reach in the stepwise rule (Bales, Hesketh & Silverman 2015)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen fit, the steps taken, and candidate terms skipped as not estimable."""

    fit: LoglinearFit
    criterion: Criterion
    steps: tuple[str, ...]
    skipped: tuple[str, ...]


class _Fitter:
    """Fits models once each; remembers which are not estimable and why."""

    def __init__(self, table: CaptureTable) -> None:
        self.table = table
        self.cache: dict[LoglinearModel, LoglinearFit | None] = {}
        self.skipped: dict[str, None] = {}

    def __call__(self, model: LoglinearModel) -> LoglinearFit | None:
        if model not in self.cache:
            try:
                self.cache[model] = fit_model(self.table, model)
            except NotEstimableError as err:
                self.cache[model] = None
                self.skipped[str(err)] = None
        return self.cache[model]


def _name(table: CaptureTable, term: tuple[int, ...]) -> str:
    return ":".join(table.lists[j] for j in term)


def _stepwise(table: CaptureTable, base: LoglinearModel, pthresh: float) -> Selection:
    fitter = _Fitter(table)
    current = fitter(base)
    if current is None:
        raise NotEstimableError(next(iter(fitter.skipped), "the main-effects model has no MLE"))
    steps = [f"start: {current.name} (AIC {current.aic:.3f})"]
    pairs: list[tuple[int, int]] = list(itertools.combinations(range(table.k), 2))
    while True:
        best: tuple[float, tuple[int, int], LoglinearFit] | None = None
        for pair in pairs:
            if pair in current.model.interactions:
                continue
            candidate = fitter(current.model.with_term(pair))
            if candidate is not None and (best is None or candidate.aic < best[0]):
                best = (candidate.aic, pair, candidate)
        if best is None or best[0] >= current.aic:
            steps.append("stop: no interaction lowers the AIC")
            break
        _, pair, candidate = best
        index = 1 + (1 if candidate.model.common_capture else table.k)
        index += candidate.model.interactions.index(pair)
        pvalue = candidate.poisson.z_pvalue(index)
        if pvalue > pthresh:
            steps.append(
                f"stop: best addition {_name(table, pair)} (AIC {candidate.aic:.3f}) has "
                f"p = {pvalue:.3g} > {pthresh}"
            )
            break
        steps.append(f"add {_name(table, pair)}: AIC {candidate.aic:.3f}, p = {pvalue:.3g}")
        current = candidate
    return Selection(current, "stepwise", tuple(steps), tuple(fitter.skipped))


def _moves(model: LoglinearModel, k: int, max_order: int) -> Iterator[LoglinearModel]:
    terms = set(model.interactions)
    for size in range(2, max_order + 1):
        for term in itertools.combinations(range(k), size):
            if term in terms:
                continue
            subs = itertools.combinations(term, size - 1)
            if size == 2 or all(sub in terms for sub in subs):
                yield model.with_term(term)
    for term in model.interactions:
        needed_by_higher = any(
            len(other) > len(term) and set(term) <= set(other) for other in model.interactions
        )
        if not needed_by_higher:
            yield model.without_term(term)


def _greedy(
    table: CaptureTable, base: LoglinearModel, criterion: Criterion, max_order: int
) -> Selection:
    fitter = _Fitter(table)

    def score(fit: LoglinearFit) -> float:
        return fit.aic if criterion == "aic" else fit.bic

    current = fitter(base)
    if current is None:
        raise NotEstimableError(next(iter(fitter.skipped), "the main-effects model has no MLE"))
    steps = [f"start: {current.name} ({criterion.upper()} {score(current):.3f})"]
    while True:
        best: LoglinearFit | None = None
        for model in _moves(current.model, table.k, max_order):
            candidate = fitter(model)
            if candidate is not None and (best is None or score(candidate) < score(best)):
                best = candidate
        if best is None or score(best) >= score(current):
            steps.append(f"stop: no single change lowers the {criterion.upper()}")
            break
        steps.append(f"move to {best.name}: {criterion.upper()} {score(best):.3f}")
        current = best
    return Selection(current, criterion, tuple(steps), tuple(fitter.skipped))


def select_model(
    table: CaptureTable,
    criterion: Criterion = "stepwise",
    *,
    pthresh: float = STEPWISE_PTHRESH,
    heterogeneity: str | None = None,
    max_order: int = 2,
) -> Selection:
    """Choose a log-linear model for ``table`` by ``criterion`` (see the module docstring).

    ``heterogeneity`` adds one of Rcapture's heterogeneity terms to every model searched.

    Raises:
        NotEstimableError: not even the starting (main-effects) model has a finite,
            identifiable MLE, or the table has too many lists for log-linear models.
        ValueError: an unknown criterion or a ``max_order`` other than 2 or 3.
    """
    if criterion not in CRITERIA:
        raise ValueError(f"unknown criterion {criterion!r}")
    if max_order not in (2, 3):
        raise ValueError("max_order must be 2 or 3")
    base = LoglinearModel(heterogeneity=heterogeneity)
    if criterion == "stepwise":
        return _stepwise(table, base, pthresh)
    return _greedy(table, base, criterion, max_order)
