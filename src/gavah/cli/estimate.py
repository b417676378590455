"""The ``gavah estimate`` command: multiple systems estimation of the total, and stored runs.

A thin adapter over :mod:`gavah.estimate`: it reads the capture-history CSV (or builds the
tables from the register), picks the seed (recorded in the output) and the number of worker
threads, shows a progress bar on stderr, prints a short table or the estimate JSON, writes plots
when asked, and stores the run in the workspace with the SHA-256 of its inputs. ``gavah estimate``
is a group whose default action is the run, so ``gavah estimate [--table FILE] ...`` keeps its
contract while ``gavah estimate list`` and ``gavah estimate show ID`` read stored runs back
(:mod:`gavah.cli.estimate_results`). The register's capture tables and the pooled table come
from :mod:`gavah.services.estimating`, shared with the web app. The estimation package is
imported inside the command so that other commands do not pay for numba and SciPy.
"""

from __future__ import annotations

import os
import secrets
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from gavah.cli.context import echo_json, settings_of
from gavah.cli.estimate_results import (
    list_command,
    render,
    settings_if_any,
    show_command,
    store_result,
)
from gavah.errors import ConfigError, GavahError, WorkspaceError
from gavah.services.estimating import (
    EstimateRun,
    capture_tables,
    pooled_table,
    register_memberships,
)
from gavah.workspace.config import CONFIG_FILE

if TYPE_CHECKING:
    from gavah.estimate import CaptureTable, EstimateResult

__all__ = ["register"]


class MethodChoice(StrEnum):
    """Estimation methods."""

    lcmcr = "lcmcr"
    loglinear = "loglinear"


class PlotFormat(StrEnum):
    """Figure file formats."""

    svg = "svg"
    png = "png"


class CriterionChoice(StrEnum):
    """Log-linear model choice."""

    stepwise = "stepwise"
    aic = "aic"
    bic = "bic"


def estimate_command(
    ctx: typer.Context,
    table: Annotated[
        Path | None,
        typer.Option(
            "--table",
            help="Capture-history CSV: one 0/1 column per list and a count column.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[MethodChoice, typer.Option(help="Estimation method.")] = MethodChoice.lcmcr,
    strata: Annotated[
        str | None,
        typer.Option(
            "--strata",
            help="Estimate per value of this field and combine: a column of --table, or a "
            "register field (province, city, sex, event, age [bands 0-17, 18-29, 30-44, "
            "45-59, 60+], month, week, or raw:COLUMN for any column of the imported lists). "
            "Strata that cannot be estimated are left out and named.",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(help="Random seed (LCMCR); a fresh one is chosen and printed if absent."),
    ] = None,
    chains: Annotated[int, typer.Option(min=1, help="LCMCR chains.")] = 4,
    iterations: Annotated[
        int, typer.Option(min=1, help="LCMCR sweeps kept per chain after burn-in.")
    ] = 200_000,
    burnin: Annotated[int, typer.Option(min=0, help="LCMCR burn-in sweeps per chain.")] = 10_000,
    thin: Annotated[int, typer.Option(min=1, help="LCMCR: keep every THIN-th sweep.")] = 200,
    classes: Annotated[
        int | None,
        typer.Option(min=1, help="LCMCR latent classes K (default: min(2^lists - 1, 15))."),
    ] = None,
    criterion: Annotated[
        CriterionChoice, typer.Option(help="Log-linear model choice.")
    ] = CriterionChoice.stepwise,
    level: Annotated[float, typer.Option(min=0.5, max=0.999, help="Interval level.")] = 0.95,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Threads for the chains (default: the number of CPUs)."),
    ] = None,
    systems: Annotated[
        str | None,
        typer.Option(
            "--lists",
            help="Without --table: the sources to use as systems, comma-separated "
            "(default: every source with linked records).",
            show_default=False,
        ),
    ] = None,
    plots: Annotated[
        Path | None,
        typer.Option("--plots", help="Write plots to this folder.", show_default=False),
    ] = None,
    plot_format: Annotated[
        PlotFormat, typer.Option("--plot-format", help="Plot file format.")
    ] = PlotFormat.svg,
    no_store: Annotated[
        bool,
        typer.Option(
            "--no-store",
            help="Do not store the result in the workspace (runs outside a workspace never are).",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the estimate JSON.")] = False,
) -> None:
    """Estimate how many people no list recorded, from the overlaps between lists.

    Multiple systems estimation from the register (the persons `gavah link` found, one system
    per source; choose them with --lists), or from a capture-history table (--table) with one
    0/1 column per list and a count of people for each pattern. LCMCR (default) is the Bayesian
    latent-class model HRDAG uses; its chains are checked and the verdict says plainly whether they
    converged. Log-linear models are chosen by the stepwise rule of the UK 2013 estimate, or by
    AIC or BIC, with profile-likelihood intervals. Inside a workspace every run is stored with
    the SHA-256 of its inputs and gets an id (see `gavah estimate list` and `show`). See
    docs/estimation.md.
    """
    if ctx.invoked_subcommand is not None:
        return
    from gavah.estimate import (  # noqa: PLC0415 - keep numba and SciPy out of other commands
        EstimateOptions,
        LcmcrSettings,
        canonical_text,
        estimate,
        planned_sweeps,
        read_capture_csv,
    )

    if table is None:
        tables = _register_tables(ctx, strata, systems)
    else:
        tables = read_capture_csv(table, strata)
    settings = LcmcrSettings(
        classes=classes, burnin=burnin, iterations=iterations, thin=thin, chains=chains
    )
    try:
        settings.validate()
    except ValueError as err:
        raise ConfigError(str(err)) from None
    options = EstimateOptions(
        method=method.value,
        level=level,
        criterion=criterion.value,
        lcmcr=settings,
    )
    chosen_seed = seed if seed is not None else secrets.randbelow(2**32)
    threads = workers if workers is not None else (os.cpu_count() or 1)
    console = Console(stderr=True)
    total = planned_sweeps(tables, options)
    with Progress(
        TextColumn("sampling"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=total == 0,
    ) as bar:
        task = bar.add_task("sampling", total=total)
        result = estimate(
            tables,
            options,
            seed=chosen_seed,
            workers=threads,
            progress=lambda step: bar.advance(task, step),
            strata_field=strata,
        )
    if plots is not None:
        from gavah.estimate.plots import write_plots  # noqa: PLC0415 - matplotlib is heavy

        try:
            write_plots(result, pooled_table(tables), plots, plot_format.value)
        except OSError as err:
            raise ConfigError(f"cannot write plots to {plots}: {err.strerror or err}") from None
    data = result.to_json()
    stored_id, not_stored = (
        (None, None) if no_store else _store(ctx, result, data, canonical_text(tables), strata)
    )
    if as_json:
        echo_json(data if stored_id is None else {"id": stored_id, **data})
    else:
        render(data, Console())
        if seed is None and method is MethodChoice.lcmcr:
            typer.echo(f"seed {chosen_seed} (pass --seed {chosen_seed} to reproduce)")
        if stored_id is not None:
            typer.echo(f"stored as estimate {stored_id} (gavah estimate show {stored_id})")
    if not_stored is not None:
        raise WorkspaceError(f"the estimate was not stored: {not_stored}") from None


def _store(
    ctx: typer.Context,
    result: EstimateResult,
    data: dict[str, object],
    table_csv: str,
    strata: str | None,
) -> tuple[int | None, GavahError | None]:
    """Store the run when there is a workspace: ``(id, None)``, ``(None, error)`` or nothing."""
    settings = settings_if_any(ctx)
    if settings is None or not (settings.workspace / CONFIG_FILE).is_file():
        return None, None
    try:
        run = EstimateRun(result.method, result.input_sha256, table_csv, data, strata)
        stored = store_result(settings, run)
    except GavahError as err:  # the caller prints the result anyway: a long run is not lost
        return None, err
    return stored, None


def _register_tables(
    ctx: typer.Context, strata: str | None, systems: str | None
) -> CaptureTable | dict[str, CaptureTable]:
    """Capture histories of the register's persons over the chosen sources.

    Raises:
        WorkspaceError: no person has been linked yet, or a chosen source has no linked record.
        StorageError: ``strata`` is not a register field.
    """
    from gavah.workspace import Workspace  # noqa: PLC0415

    ws = Workspace.open(settings_of(ctx))
    try:
        memberships = register_memberships(ws.store(), strata)
    finally:
        ws.close()
    if not memberships:
        raise WorkspaceError(
            "the register has no linked persons yet: import lists and run `gavah link`, "
            "or give a capture-history table with --table FILE"
        )
    found = sorted({source for _, source, _ in memberships})
    chosen = [s.strip() for s in systems.split(",") if s.strip()] if systems else found
    missing = [name for name in chosen if name not in found]
    if missing:
        raise WorkspaceError(
            f"no linked records from {', '.join(missing)}; sources with linked records: "
            f"{', '.join(found)}"
        )
    return capture_tables(memberships, chosen, strata)


def register(app: typer.Typer) -> None:
    """Add ``estimate`` (the run, with ``list`` and ``show`` of stored runs) to ``gavah``."""
    group = typer.Typer(
        name="estimate",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    group.callback(invoke_without_command=True)(estimate_command)
    group.command("list")(list_command)
    group.command("show")(show_command)
    app.add_typer(group, name="estimate")
