"""Does a log-linear model give a finite, unique estimate on this table?

Owns :func:`check_estimable`: the tests that must pass before a number is reported, so that a
sparse table where lists never overlap gets a clear message instead of a nonsense estimate. Three
checks, cheapest first:

1. every list has someone on it, and every interaction term has someone on all of its lists
   (a zero margin sends that coefficient to minus infinity);
2. the design over the observable patterns has full column rank (identifiability);
3. the linear program of Fienberg & Rinaldo (2012, Ann. Statist. 40:996-1023), as used by
   SparseMSE's ``checkident`` (Chan, Silverman & Vincent 2019, arXiv:1902.05156): the MLE exists
   iff some table with the same sufficient statistics has every cell positive, i.e. iff
   ``max s`` subject to ``A'x = A'y, x >= s`` is positive (solved as ``x = s + z, z >= 0``).

Pure computation (SciPy's HiGHS solver); no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize

from gavah.estimate.design import LoglinearModel, design_matrix
from gavah.estimate.table import CaptureTable

__all__ = ["Estimability", "check_estimable"]

_LP_ZERO = 1e-9  # on counts scaled to sum to one


@dataclass(frozen=True, slots=True)
class Estimability:
    """Whether the MLE exists and is identifiable; ``reason`` says why not, in one line."""

    exists: bool
    identifiable: bool
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Both conditions hold."""
        return self.exists and self.identifiable


def _margin_problem(table: CaptureTable, model: LoglinearModel) -> str:
    names = table.lists
    if not model.common_capture:
        for j, total in enumerate(table.list_totals()):
            if total == 0:
                return f"list {names[j]!r} has nobody on it, so its effect has no finite estimate"
    for term in model.interactions:
        need = 0
        for j in term:
            need |= 1 << j
        if not any(m & need == need for m, _ in table.cells):
            joined = " and ".join(repr(names[j]) for j in term)
            return (
                f"nobody is on both {joined}, so the {':'.join(names[j] for j in term)} "
                "interaction has no finite estimate"
            )
    return ""


def _lp_exists(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> bool:
    # x = s 1 + z with z >= 0, s >= 0: maximise s subject to A'(s 1 + z) = A'y (scaled to n = 1)
    n_cells = x.shape[0]
    target = x.T @ (y / y.sum())
    a_eq = np.hstack([x.T, x.T.sum(axis=1, keepdims=True)])
    cost = np.zeros(n_cells + 1)
    cost[-1] = -1.0
    result = optimize.linprog(cost, A_eq=a_eq, b_eq=target, bounds=(0.0, None), method="highs")
    if result.status != 0 or result.fun is None:  # y itself is feasible; fail closed anyway
        return False
    return -float(result.fun) > _LP_ZERO


def check_estimable(table: CaptureTable, model: LoglinearModel) -> Estimability:
    """Check that ``model`` has a finite, identifiable MLE on ``table``.

    Raises:
        gavah.estimate.errors.NotEstimableError: the table has too many lists for a log-linear
            design.
    """
    problem = _margin_problem(table, model)
    if problem:
        return Estimability(exists=False, identifiable=True, reason=problem)
    x = design_matrix(table.k, model)
    rank = int(np.linalg.matrix_rank(x))
    if rank < x.shape[1]:
        return Estimability(
            exists=True,
            identifiable=False,
            reason=(
                f"the model has {x.shape[1]} parameters but the {x.shape[0]} observable patterns "
                f"identify only {rank} of them"
            ),
        )
    y = table.dense()[1:]
    if not _lp_exists(x, y):
        return Estimability(
            exists=False,
            identifiable=True,
            reason=(
                "the maximum-likelihood estimate does not exist: the observed overlaps force "
                "some fitted counts to zero (Fienberg & Rinaldo 2012)"
            ),
        )
    return Estimability(exists=True, identifiable=True)
