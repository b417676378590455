"""Estimating the total: one method over one table or over strata, combined honestly.

Owns :func:`estimate`, the entry point the command line and the register call: it checks each
table (dropping lists nobody is on, warning about thin strata), runs the chosen method, and
combines strata. A stratum that cannot be estimated (fewer than :data:`MIN_ESTIMABLE_RECORDS`
people, fewer than two lists with anyone on them, lists that never overlap, no estimable model)
does not stop the others: it is left out of the total, with its reason and the people it holds
named in the result, so that nobody silently disappears. LCMCR strata are combined by adding
posterior draws draw by draw (the strata are independent, so the sums are draws of the total)
and the total gets its own R-hat, ESS and verdict. Log-linear strata are combined by adding
point estimates and adding interval bounds, a conservative interval (wider than a joint one) that
is labelled as such. Pure computation: the seed, the number of worker threads and the progress
callback are passed in.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np

from gavah.estimate.diagnostics import ESS_MIN, RHAT_MAX, assess
from gavah.estimate.errors import NotEstimableError
from gavah.estimate.lcmcr import LcmcrSettings, Progress, quantiles, run_lcmcr, total_sweeps
from gavah.estimate.loglinear import profile_interval
from gavah.estimate.result import EstimateResult, SkippedStratum, StratumEstimate
from gavah.estimate.selection import STEPWISE_PTHRESH, Criterion, select_model
from gavah.estimate.table import CaptureTable, input_sha256, table_sha256

__all__ = [
    "METHODS",
    "MIN_ESTIMABLE_RECORDS",
    "MIN_STRATUM_RECORDS",
    "EstimateOptions",
    "Method",
    "estimate",
    "planned_sweeps",
]

Method = Literal["lcmcr", "loglinear"]
METHODS: Final = ("lcmcr", "loglinear")
MIN_STRATUM_RECORDS: Final = 50
"""Below this many people a table is flagged: with few records every estimate is fragile."""
MIN_ESTIMABLE_RECORDS: Final = 10
"""Below this many people a *stratum* is left out of a stratified estimate (and named): a handful
of records says next to nothing about overlaps. A single table is still estimated, with a warning,
because the user asked for exactly that table."""
_LOGLINEAR_COMBINATION: Final = "sum of stratum estimates; interval = sum of stratum bounds"


@dataclass(frozen=True, slots=True)
class EstimateOptions:
    """What to estimate and how (see ``docs/estimation.md`` for the defaults and why)."""

    method: Method = "lcmcr"
    level: float = 0.95
    criterion: Criterion = "stepwise"
    pthresh: float = STEPWISE_PTHRESH
    heterogeneity: str | None = None
    lcmcr: LcmcrSettings = field(default_factory=LcmcrSettings)

    def settings(self, seed: int, strata_field: str | None) -> dict[str, object]:
        """The settings as they go into the estimate JSON (and into the input hash).

        The seed only for LCMCR: log-linear fits draw nothing, so the same table and options
        give the same hash whatever seed was passed.
        """
        out: dict[str, object] = {"method": self.method, "level": self.level}
        if self.method == "lcmcr":
            out["seed"] = seed
        if strata_field is not None:
            out["strata_field"] = strata_field
        if self.method == "loglinear":
            out |= {"criterion": self.criterion, "heterogeneity": self.heterogeneity}
            if self.criterion == "stepwise":
                out["pthresh"] = self.pthresh
        else:
            s = self.lcmcr
            out |= {
                "classes": s.classes,
                "a_alpha": s.a_alpha,
                "b_alpha": s.b_alpha,
                "chains": s.chains,
                "burnin": s.burnin,
                "iterations": s.iterations,
                "thin": s.thin,
            }
        return out


def planned_sweeps(
    tables: CaptureTable | Mapping[str, CaptureTable], options: EstimateOptions
) -> int:
    """Total LCMCR sweeps :func:`estimate` will run (0 for log-linear), for a progress bar."""
    if options.method != "lcmcr":
        return 0
    count = 1 if isinstance(tables, CaptureTable) else len(tables)
    return count * total_sweeps(options.lcmcr)


def _prepare(
    table: CaptureTable, label: str, *, stratum: bool = False
) -> tuple[CaptureTable, list[str]]:
    warnings: list[str] = []
    if stratum and table.observed < MIN_ESTIMABLE_RECORDS:
        raise NotEstimableError(
            f"{label}only {table.observed} people observed (fewer than {MIN_ESTIMABLE_RECORDS})"
        )
    empty = table.empty_lists()
    if empty:
        names = ", ".join(repr(table.lists[j]) for j in empty)
        warnings.append(f"{label}nobody is on {names}: dropped from this estimate")
        if table.k - len(empty) < 2:
            raise NotEstimableError(f"{label}fewer than 2 lists have anyone on them")
        table = table.without_lists(empty)
    if not any(mask & (mask - 1) for mask, _ in table.cells):
        raise NotEstimableError(
            f"{label}nobody is on more than one list: without overlaps nothing bounds the "
            "number no list recorded"
        )
    if table.observed < MIN_STRATUM_RECORDS:
        warnings.append(
            f"{label}only {table.observed} people observed (fewer than {MIN_STRATUM_RECORDS}): "
            "the estimate is fragile"
        )
    return table, warnings


def _loglinear(
    table: CaptureTable, name: str | None, options: EstimateOptions, warnings: list[str]
) -> StratumEstimate:
    label = f"stratum {name!r}: " if name is not None else ""
    try:
        chosen = select_model(
            table, options.criterion, pthresh=options.pthresh, heterogeneity=options.heterogeneity
        )
    except NotEstimableError as err:
        raise NotEstimableError(f"{label}{err}") from None
    fit = chosen.fit
    interval = profile_interval(table, fit, options.level)
    warnings = warnings + [f"{label}{w}" for w in fit.warnings]
    if not np.isfinite(interval.upper):
        warnings.append(f"{label}the upper bound is not reached below 1000 times the estimate")
    diagnostics: dict[str, object] = {
        "model": fit.name,
        "criterion": chosen.criterion,
        "steps": list(chosen.steps),
        "not_estimable_candidates": list(chosen.skipped),
        "stderr": round(fit.stderr, 3),
        "aic": round(fit.aic, 3),
        "bic": round(fit.bic, 3),
        "deviance": round(fit.deviance, 3),
        "df": fit.df,
        "profile_mle": round(interval.mle, 1),
        "interval_method": "profile likelihood (Cormack 1992), model taken as known",
    }
    return StratumEstimate(
        name=name,
        lists=table.lists,
        observed=table.observed,
        estimate=fit.estimate,
        lower=interval.lower,
        upper=interval.upper,
        diagnostics=diagnostics,
        warnings=tuple(warnings),
    )


def _lcmcr_diagnostics(
    draws: np.ndarray, extra: Mapping[str, object]
) -> tuple[dict[str, object], bool, list[str]]:
    verdict = assess(draws)
    diagnostics: dict[str, object] = {
        "chains": int(draws.shape[0]),
        "draws_per_chain": int(draws.shape[1]),
        "rhat": round(verdict.rhat, 4),
        "ess_bulk": round(verdict.ess_bulk, 1),
        "rhat_max": RHAT_MAX,
        "ess_min": ESS_MIN,
        "chain_medians": [round(m, 1) for m in verdict.chain_medians],
        **extra,
    }
    return diagnostics, verdict.converged, list(verdict.reasons)


def _lcmcr(
    table: CaptureTable,
    *,
    name: str | None,
    options: EstimateOptions,
    warnings: list[str],
    seed: np.random.SeedSequence,
    workers: int,
    progress: Progress | None,
) -> StratumEstimate:
    label = f"stratum {name!r}: " if name is not None else ""
    try:
        run = run_lcmcr(table, options.lcmcr, seed=seed, workers=workers, progress=progress)
    except NotEstimableError as err:
        raise NotEstimableError(f"{label}{err}") from None
    mid, lo, hi = quantiles(run.n, options.level)
    diagnostics, converged, reasons = _lcmcr_diagnostics(
        run.n,
        {
            "classes": run.classes,
            "mean_alpha": round(float(run.alpha.mean()), 4),
            "mean_occupied_classes": round(float(run.occupied.mean()), 2),
        },
    )
    warnings = warnings + [f"{label}{r}" for r in reasons]
    return StratumEstimate(
        name=name,
        lists=table.lists,
        observed=table.observed,
        estimate=mid,
        lower=lo,
        upper=hi,
        diagnostics=diagnostics,
        warnings=tuple(warnings),
        draws=run.n,
        converged=converged,
    )


def _stratum_seed(seed: int, name: str | None) -> np.random.SeedSequence:
    if name is None:
        return np.random.SeedSequence(seed)
    # keyed by the stratum's name, so adding a stratum does not change the others' draws
    return np.random.SeedSequence(seed, spawn_key=(zlib.crc32(name.encode("utf-8")),))


def _one(
    table: CaptureTable,
    name: str | None,
    options: EstimateOptions,
    *,
    seed: int,
    workers: int,
    progress: Progress | None,
) -> StratumEstimate:
    label = f"stratum {name!r}: " if name is not None else ""
    prepared, notes = _prepare(table, label, stratum=name is not None)
    if options.method == "loglinear":
        return _loglinear(prepared, name, options, notes)
    return _lcmcr(
        prepared,
        name=name,
        options=options,
        warnings=notes,
        seed=_stratum_seed(seed, name),
        workers=workers,
        progress=progress,
    )


def _left_out_warnings(skipped: list[SkippedStratum]) -> tuple[str, ...]:
    if not skipped:
        return ()
    people = sum(s.observed for s in skipped)
    names = ", ".join(repr(s.name) for s in skipped)
    return (
        *(f"left out of the total: {s.reason} ({s.observed} people observed)" for s in skipped),
        f"the total leaves out {len(skipped)} {'stratum' if len(skipped) == 1 else 'strata'} "
        f"({names}) holding {people} observed people: it does not cover them",
    )


def _named(
    tables: CaptureTable | Mapping[str, CaptureTable], options: EstimateOptions
) -> list[tuple[str | None, CaptureTable]]:
    if options.method not in METHODS:
        raise ValueError(f"unknown method {options.method!r}")
    if not 0.0 < options.level < 1.0:
        raise ValueError("level must be in (0, 1)")
    if isinstance(tables, CaptureTable):
        return [(None, tables)]
    if not tables:
        raise ValueError("no strata to estimate")
    named: list[tuple[str | None, CaptureTable]] = [(name, tables[name]) for name in sorted(tables)]
    if len({t.lists for _, t in named}) != 1:
        raise ValueError("every stratum must have the same lists")
    return named


def estimate(
    tables: CaptureTable | Mapping[str, CaptureTable],
    options: EstimateOptions,
    *,
    seed: int,
    workers: int = 1,
    progress: Progress | None = None,
    strata_field: str | None = None,
) -> EstimateResult:
    """Estimate the total population from one table or from tables by stratum.

    With strata, a stratum that cannot be estimated is left out of the total and listed in
    :attr:`EstimateResult.skipped` with its reason and observed count (and in the warnings).

    Raises:
        NotEstimableError: the table (or every stratum) cannot give an estimate with this
            method; the message names each stratum and its reason.
        ValueError: invalid options, or strata over different lists.
    """
    named = _named(tables, options)
    results: list[StratumEstimate] = []
    skipped: list[SkippedStratum] = []
    for name, table in named:
        try:
            results.append(
                _one(table, name, options, seed=seed, workers=workers, progress=progress)
            )
        except NotEstimableError as err:
            if name is None:
                raise
            skipped.append(SkippedStratum(name=name, observed=table.observed, reason=str(err)))
            if progress is not None and options.method == "lcmcr":
                progress(total_sweeps(options.lcmcr))  # its share of the bar is done
    if not results:
        raise NotEstimableError(
            "no stratum could be estimated: " + "; ".join(s.reason for s in skipped)
        )
    lists = named[0][1].lists
    observed = sum(r.observed for r in results)
    settings = options.settings(seed, strata_field)
    digest = input_sha256(tables, settings)
    table_digest = table_sha256(tables)
    if len(results) == 1 and isinstance(tables, CaptureTable):
        only = results[0]
        return EstimateResult(
            method=options.method,
            lists=lists,
            observed=observed,
            estimate=only.estimate,
            lower=only.lower,
            upper=only.upper,
            level=options.level,
            strata=(),
            diagnostics=only.diagnostics,
            settings=settings,
            input_sha256=digest,
            table_sha256=table_digest,
            warnings=only.warnings,
            draws=only.draws,
            converged=only.converged,
        )
    all_warnings = tuple(w for r in results for w in r.warnings) + _left_out_warnings(skipped)
    if options.method == "loglinear":
        return EstimateResult(
            method=options.method,
            lists=lists,
            observed=observed,
            estimate=sum(r.estimate for r in results),
            lower=sum(r.lower for r in results),
            upper=sum(r.upper for r in results),
            level=options.level,
            strata=tuple(results),
            diagnostics={"interval_method": _LOGLINEAR_COMBINATION + " (conservative)"},
            settings=settings,
            input_sha256=digest,
            table_sha256=table_digest,
            warnings=all_warnings,
            skipped=tuple(skipped),
        )
    total = np.sum([r.draws for r in results if r.draws is not None], axis=0)
    mid, lo, hi = quantiles(total, options.level)
    diagnostics, converged, reasons = _lcmcr_diagnostics(
        total, {"interval_method": "quantiles of the sum of stratum posterior draws"}
    )
    not_converged = [r.name for r in results if not r.converged]
    if not_converged:
        diagnostics["strata_not_converged"] = not_converged
    return EstimateResult(
        method=options.method,
        lists=lists,
        observed=observed,
        estimate=mid,
        lower=lo,
        upper=hi,
        level=options.level,
        strata=tuple(results),
        diagnostics=diagnostics,
        settings=settings,
        input_sha256=digest,
        table_sha256=table_digest,
        warnings=all_warnings + tuple(f"total: {r}" for r in reasons),
        draws=total.astype(np.int64),
        converged=converged and not not_converged,
        skipped=tuple(skipped),
    )
