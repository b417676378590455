"""What an estimate is: the numbers, the diagnostics, and the estimate JSON of design.md.

Owns :class:`StratumEstimate`, :class:`EstimateResult` and :meth:`EstimateResult.to_json`, the
contract ``{"method", "lists", "observed", "estimate", "interval": [lo, hi], "level",
"strata": [...]}`` plus ``"diagnostics"``, ``"settings"`` and ``"input_sha256"`` (the hash of the
canonical table, so a report can cite exactly what was estimated). An interval bound that could
not be reached is ``null`` in JSON, with a warning. No computation and no I/O here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["EstimateResult", "StratumEstimate"]

_DIGITS = 1  # people: one decimal is more than enough and keeps the JSON readable


def _number(value: float) -> float | None:
    if not math.isfinite(value):
        return None
    return round(float(value), _DIGITS)


@dataclass(frozen=True, slots=True)
class StratumEstimate:
    """The estimate for one stratum (or for the whole table when there are no strata).

    ``draws`` holds the LCMCR posterior draws of N by chain (``None`` for log-linear);
    ``converged`` is the LCMCR verdict (``None`` for log-linear, which has no chains).
    """

    name: str | None
    lists: tuple[str, ...]
    observed: int
    estimate: float
    lower: float
    upper: float
    diagnostics: Mapping[str, object]
    warnings: tuple[str, ...] = ()
    draws: npt.NDArray[np.int64] | None = field(default=None, compare=False)
    converged: bool | None = None

    def to_json(self) -> dict[str, object]:
        """The stratum's entry in the ``strata`` list of the estimate JSON."""
        return {
            "stratum": self.name,
            "lists": list(self.lists),
            "observed": self.observed,
            "estimate": _number(self.estimate),
            "interval": [_number(self.lower), _number(self.upper)],
            "diagnostics": {**self.diagnostics, "warnings": list(self.warnings)},
        }


@dataclass(frozen=True, slots=True)
class EstimateResult:
    """A complete estimate: total, interval, strata, diagnostics, settings and input hash."""

    method: str
    lists: tuple[str, ...]
    observed: int
    estimate: float
    lower: float
    upper: float
    level: float
    strata: tuple[StratumEstimate, ...]
    diagnostics: Mapping[str, object]
    settings: Mapping[str, object]
    input_sha256: str
    warnings: tuple[str, ...] = ()
    draws: npt.NDArray[np.int64] | None = field(default=None, compare=False)
    converged: bool | None = None

    @property
    def verdict(self) -> str:
        """``converged`` / ``not converged`` for LCMCR, ``estimable`` for log-linear."""
        if self.converged is None:
            return "estimable"
        return "converged" if self.converged else "not converged"

    def to_json(self) -> dict[str, object]:
        """The estimate JSON (design.md), with diagnostics, settings and the input hash."""
        return {
            "method": self.method,
            "lists": list(self.lists),
            "observed": self.observed,
            "estimate": _number(self.estimate),
            "interval": [_number(self.lower), _number(self.upper)],
            "level": self.level,
            "strata": [s.to_json() for s in self.strata],
            "diagnostics": {
                **self.diagnostics,
                "verdict": self.verdict,
                "warnings": list(self.warnings),
            },
            "settings": dict(self.settings),
            "input_sha256": self.input_sha256,
        }
