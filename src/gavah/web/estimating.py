"""Estimating from the browser: the same run as ``gavah estimate`` over the register, stored.

Owns :class:`RunRequest` (method, stratum field, seed and LCMCR length chosen on the form),
:func:`run_estimate` (capture histories of the linked persons, one system per source; the
estimate with progress; the run stored with the SHA-256 of its inputs, as the CLI stores it;
the CLI's PNG figures made in a temporary folder and returned as bytes) and :func:`stored` /
:func:`stored_one` (the stored runs, as ``gavah estimate list|show``). The capture tables, the
pooled table and the stored run are :mod:`gavah.services.estimating`'s, shared with the command
line. The statistics live in :mod:`gavah.estimate`, imported inside the functions so that the
web app does not pay for numba and SciPy until an estimate is run.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gavah.errors import GavahError, WorkspaceError
from gavah.services.estimating import (
    EstimateRun,
    capture_tables,
    pooled_table,
    register_memberships,
    store_estimate,
)
from gavah.store import EstimateRepository, Store, StoredEstimate
from gavah.store.records import STRATA_FIELDS
from gavah.web.jobs import Progress
from gavah.web.notices import gettext_noop

if TYPE_CHECKING:
    from gavah.estimate import CaptureTable

__all__ = [
    "METHODS",
    "STRATA_FIELDS",
    "RunRequest",
    "run_estimate",
    "stored",
    "stored_one",
]

#: The methods offered on the form.
METHODS = ("loglinear", "lcmcr")
#: Threads for LCMCR chains in the server (the web app shares the machine with its pages).
WORKERS = 2


@dataclass(frozen=True, slots=True)
class RunRequest:
    """What the form asks for."""

    method: str
    strata: str | None = None
    seed: int | None = None
    iterations: int = 200_000
    burnin: int = 10_000
    chains: int = 4


def stored(store: Store) -> list[StoredEstimate]:
    """The stored estimates, newest first."""
    with store.reader() as session:
        return list(reversed(EstimateRepository(session).list()))


def stored_one(store: Store, estimate_id: int) -> StoredEstimate | None:
    """The stored estimate ``estimate_id``, or ``None``."""
    with store.reader() as session:
        try:
            return EstimateRepository(session).get(estimate_id)
        except GavahError:
            return None


def _tables(store: Store, strata: str | None) -> CaptureTable | dict[str, CaptureTable]:
    memberships = register_memberships(store, strata)
    if not memberships:
        raise WorkspaceError(
            "the register has no linked persons yet: import lists and link them first"
        )
    return capture_tables(memberships, sorted({source for _, source, _ in memberships}), strata)


def run_estimate(
    store: Store,
    request: RunRequest,
    clock: Callable[[], dt.datetime],
    progress: Progress,
) -> dict[str, Any]:
    """Estimate from the register, store the run, and return ``id``, ``seed`` and ``plots``.

    ``plots`` maps a figure's name (``overlaps``, ``trace``, ``posterior``, ``strata``) to its
    PNG bytes.

    Raises:
        GavahError: no linked person, a stratum field the register does not know, settings
            that cannot run, or tables that cannot be estimated.
    """
    from gavah.estimate import (  # noqa: PLC0415 - numba and SciPy only when estimating
        EstimateOptions,
        LcmcrSettings,
        NotEstimableError,
        canonical_text,
        estimate,
        planned_sweeps,
    )
    from gavah.estimate.plots import write_plots  # noqa: PLC0415 - matplotlib is heavy

    progress.step(gettext_noop("building the capture histories"))
    tables = _tables(store, request.strata)
    settings = LcmcrSettings(
        burnin=request.burnin, iterations=request.iterations, chains=request.chains
    )
    try:
        settings.validate()
    except ValueError as err:
        raise GavahError(str(err)) from None
    options = EstimateOptions(
        method="lcmcr" if request.method == "lcmcr" else "loglinear", lcmcr=settings
    )
    seed = request.seed if request.seed is not None else secrets.randbelow(2**32)
    progress.step(gettext_noop("sampling"), total=planned_sweeps(tables, options))
    try:
        result = estimate(
            tables,
            options,
            seed=seed,
            workers=WORKERS,
            progress=progress.advance,
            strata_field=request.strata,
        )
    except (NotEstimableError, ValueError) as err:
        raise GavahError(f"cannot estimate: {err}") from None
    progress.step(gettext_noop("drawing the figures"))
    plots: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="gavah-plots-") as folder:
        for path in write_plots(result, pooled_table(tables), Path(folder), "png"):
            plots[path.stem] = path.read_bytes()
    progress.step(gettext_noop("storing the estimate"))
    run = EstimateRun(
        result.method, result.input_sha256, canonical_text(tables), result.to_json(), request.strata
    )
    estimate_id = store_estimate(store, run, clock())
    return {"id": estimate_id, "seed": seed, "plots": plots}
