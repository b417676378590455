"""Log-linear model terms and their design matrix over the possible capture patterns.

Owns :class:`LoglinearModel` (which interactions, heterogeneity and capture-effect terms a model
has) and :func:`design_matrix`, shared by the fit (:mod:`gavah.estimate.loglinear`) and the
existence checks (:mod:`gavah.estimate.identifiability`). Pure NumPy; no I/O, no fitting.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from gavah.estimate.errors import NotEstimableError

__all__ = ["HETEROGENEITY", "MAX_LOGLINEAR_LISTS", "LoglinearModel", "design_matrix"]

MAX_LOGLINEAR_LISTS: Final = 15
"""The design has a row per possible pattern (2^15 - 1 = 32,767); beyond that use LCMCR."""

HETEROGENEITY: Final = ("darroch", "poisson2", "gamma3.5")
"""Rcapture's heterogeneity columns, functions of the number of lists a pattern is on:
Darroch ``x^2 / 2``, Poisson ``2^x - 1``, Gamma ``-log(3.5 + x) + log(3.5)`` (Rivest &
Baillargeon 2007)."""


@dataclass(frozen=True, slots=True)
class LoglinearModel:
    """A hierarchical log-linear model over the lists of a table.

    ``interactions`` are sorted tuples of two or more list indices; a hierarchical model also has
    every sub-interaction of each term (checked by :meth:`validate`). ``common_capture`` replaces
    the per-list main effects by one capture effect (Rcapture's M0 / Mh); ``heterogeneity`` adds
    one of :data:`HETEROGENEITY` (Mh / Mth).
    """

    interactions: tuple[tuple[int, ...], ...] = ()
    heterogeneity: str | None = None
    common_capture: bool = False

    def validate(self, k: int) -> None:
        """Check the terms against ``k`` lists.

        Raises:
            ValueError: an unknown heterogeneity, a term outside the lists, a repeated term, or a
                term whose sub-interactions are missing.
        """
        if self.heterogeneity is not None and self.heterogeneity not in HETEROGENEITY:
            raise ValueError(f"unknown heterogeneity {self.heterogeneity!r}")
        terms = set(self.interactions)
        if len(terms) != len(self.interactions):
            raise ValueError("a term is repeated")
        for term in self.interactions:
            if len(term) < 2 or list(term) != sorted(set(term)) or not 0 <= term[0] < term[-1] < k:
                raise ValueError(f"bad interaction term {term}")
            for size in range(2, len(term)):
                for sub in itertools.combinations(term, size):
                    if sub not in terms:
                        raise ValueError(f"term {term} needs its sub-interaction {sub}")

    def with_term(self, term: tuple[int, ...]) -> LoglinearModel:
        """This model with one more interaction term (kept in order of degree, then lists)."""
        terms = sorted({*self.interactions, term}, key=lambda t: (len(t), t))
        return LoglinearModel(tuple(terms), self.heterogeneity, self.common_capture)

    def without_term(self, term: tuple[int, ...]) -> LoglinearModel:
        """This model with one interaction term removed."""
        terms = tuple(t for t in self.interactions if t != term)
        return LoglinearModel(terms, self.heterogeneity, self.common_capture)

    def n_params(self, k: int) -> int:
        """Number of coefficients, intercept included."""
        main = 1 if self.common_capture else k
        return 1 + main + len(self.interactions) + (self.heterogeneity is not None)

    def describe(self, lists: Sequence[str]) -> str:
        """A readable name, e.g. ``main effects + LA:NG + NG:GP``."""
        parts = ["common capture" if self.common_capture else "main effects"]
        parts += [":".join(lists[j] for j in term) for term in self.interactions]
        if self.heterogeneity is not None:
            parts.append(f"heterogeneity {self.heterogeneity}")
        return " + ".join(parts)


def _heterogeneity_column(name: str, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    if name == "darroch":
        return x * x / 2.0
    if name == "poisson2":
        return np.power(2.0, x) - 1.0
    return -np.log(3.5 + x) + math.log(3.5)


def design_matrix(
    k: int, model: LoglinearModel, *, include_unobserved: bool = False
) -> npt.NDArray[np.float64]:
    """Design over patterns ``1 .. 2^k - 1`` (and pattern 0 first, if asked), intercept first.

    Raises:
        NotEstimableError: more lists than :data:`MAX_LOGLINEAR_LISTS`.
    """
    if k > MAX_LOGLINEAR_LISTS:
        raise NotEstimableError(
            f"log-linear models take at most {MAX_LOGLINEAR_LISTS} lists, this table has {k}; "
            "use --method lcmcr"
        )
    masks = np.arange(0 if include_unobserved else 1, 1 << k, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(k)) & 1).astype(np.float64)
    n_on = bits.sum(axis=1)
    cols = [np.ones(len(masks))]
    cols += [n_on] if model.common_capture else [bits[:, j] for j in range(k)]
    for term in model.interactions:
        cols.append(np.prod(bits[:, list(term)], axis=1))
    if model.heterogeneity is not None:
        het = _heterogeneity_column(model.heterogeneity, n_on)
        if include_unobserved:
            het[0] = 0.0
        cols.append(het)
    return np.column_stack(cols)
