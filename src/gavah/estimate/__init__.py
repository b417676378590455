"""gavah.estimate: multiple systems estimation of the total, with honest uncertainty.

The public API: capture-history tables (:class:`CaptureTable`, built from a CSV or from list
memberships), the two methods (log-linear models with a stepwise, AIC or BIC choice and profile
intervals; Bayesian LCMCR with several chains and convergence diagnostics), strata, and the
estimate JSON. The core is pure: no I/O except in :mod:`gavah.estimate.table_csv` and
:mod:`gavah.estimate.plots`, which sit at the edge. Methods and choices: ``docs/estimation.md``.
"""

from __future__ import annotations

from gavah.estimate.design import HETEROGENEITY, MAX_LOGLINEAR_LISTS, LoglinearModel
from gavah.estimate.diagnostics import ESS_MIN, RHAT_MAX, Convergence, assess, ess_bulk, rhat
from gavah.estimate.errors import NotEstimableError
from gavah.estimate.estimation import (
    METHODS,
    MIN_ESTIMABLE_RECORDS,
    MIN_STRATUM_RECORDS,
    EstimateOptions,
    Method,
    estimate,
    planned_sweeps,
)
from gavah.estimate.identifiability import Estimability, check_estimable
from gavah.estimate.lcmcr import LcmcrRun, LcmcrSettings, run_lcmcr
from gavah.estimate.loglinear import LoglinearFit, ProfileInterval, fit_model, profile_interval
from gavah.estimate.result import EstimateResult, SkippedStratum, StratumEstimate
from gavah.estimate.selection import CRITERIA, Criterion, Selection, select_model
from gavah.estimate.table import (
    MAX_LISTS,
    MIN_LISTS,
    CaptureTable,
    canonical_inputs,
    canonical_text,
    input_sha256,
    table_from_memberships,
    table_sha256,
    tables_by_stratum,
)
from gavah.estimate.table_csv import (
    parse_capture_csv,
    parse_stratified_capture_csv,
    read_capture_csv,
)

__all__ = [
    "CRITERIA",
    "ESS_MIN",
    "HETEROGENEITY",
    "MAX_LISTS",
    "MAX_LOGLINEAR_LISTS",
    "METHODS",
    "MIN_ESTIMABLE_RECORDS",
    "MIN_LISTS",
    "MIN_STRATUM_RECORDS",
    "RHAT_MAX",
    "CaptureTable",
    "Convergence",
    "Criterion",
    "Estimability",
    "EstimateOptions",
    "EstimateResult",
    "LcmcrRun",
    "LcmcrSettings",
    "LoglinearFit",
    "LoglinearModel",
    "Method",
    "NotEstimableError",
    "ProfileInterval",
    "Selection",
    "SkippedStratum",
    "StratumEstimate",
    "assess",
    "canonical_inputs",
    "canonical_text",
    "check_estimable",
    "ess_bulk",
    "estimate",
    "fit_model",
    "input_sha256",
    "parse_capture_csv",
    "parse_stratified_capture_csv",
    "planned_sweeps",
    "profile_interval",
    "read_capture_csv",
    "rhat",
    "run_lcmcr",
    "select_model",
    "table_from_memberships",
    "table_sha256",
    "tables_by_stratum",
]
