"""What an estimate is: the numbers, the diagnostics, and the estimate JSON of design.md.

Owns :class:`StratumEstimate`, :class:`EstimateResult` and :meth:`EstimateResult.to_json`, the
contract ``{"method", "lists", "observed", "estimate", "interval": [lo, hi], "level",
"strata": [...]}`` plus ``"diagnostics"``, ``"settings"``, ``"input_sha256"`` (the hash of the
canonical table and the settings, seed included, so a report can cite exactly what was estimated
and how) and ``"table_sha256"`` (the hash of the canonical table alone). Strata that could not be
estimated are listed in ``"strata_left_out"`` with their reason, and the people they hold in
``"observed_left_out"`` (``"observed"`` counts only the strata in the total). An interval bound
that could not be reached is ``null`` in JSON, with a warning. No computation and no I/O here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["EstimateResult", "SkippedStratum", "StratumEstimate"]

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
            "diagnostics": {
                **self.diagnostics,
                **({} if self.converged is None else {"verdict": self.verdict}),
                "warnings": list(self.warnings),
            },
        }

    @property
    def verdict(self) -> str:
        """``converged`` / ``not converged`` for LCMCR, ``estimable`` for log-linear."""
        if self.converged is None:
            return "estimable"
        return "converged" if self.converged else "not converged"


@dataclass(frozen=True, slots=True)
class SkippedStratum:
    """A stratum left out of a combined estimate: its name, the people it holds, and why."""

    name: str
    observed: int
    reason: str

    def to_json(self) -> dict[str, object]:
        """The stratum's entry in the ``strata_left_out`` list of the estimate JSON."""
        return {"stratum": self.name, "observed": self.observed, "reason": self.reason}


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
    table_sha256: str = ""
    draws: npt.NDArray[np.int64] | None = field(default=None, compare=False)
    converged: bool | None = None
    skipped: tuple[SkippedStratum, ...] = ()

    @property
    def observed_left_out(self) -> int:
        """People observed in strata that could not be estimated (not in ``observed``)."""
        return sum(s.observed for s in self.skipped)

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
            "strata_left_out": [s.to_json() for s in self.skipped],
            "observed_left_out": self.observed_left_out,
            "diagnostics": {
                **self.diagnostics,
                "verdict": self.verdict,
                "warnings": list(self.warnings),
            },
            "settings": dict(self.settings),
            "input_sha256": self.input_sha256,
            "table_sha256": self.table_sha256,
        }
