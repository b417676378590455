"""Showing estimates: the human table of an estimate JSON, and ``gavah estimate list`` / ``show``.

Owns rendering an estimate (fresh or stored) from its JSON for a terminal, storing a run in the
workspace (through :func:`gavah.services.estimating.store_estimate`, as the web app stores
one), and the two commands that read stored runs back. A thin adapter over
:class:`gavah.store.EstimateRepository`; it must not compute estimates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gavah.cli.context import echo_json, settings_of
from gavah.workspace import Settings

if TYPE_CHECKING:
    from gavah.services.estimating import EstimateRun

__all__ = ["list_command", "render", "settings_if_any", "show_command", "store_result"]


def _bound(value: object) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) else "not reached"


def _interval(data: Mapping[str, Any]) -> str:
    lo, hi = data.get("interval", [None, None])
    return f"{_bound(lo)} to {_bound(hi)}"


def render(data: Mapping[str, Any], console: Console) -> None:
    """Print an estimate JSON (design.md) as a short table, then its warnings."""
    diag: Mapping[str, Any] = data.get("diagnostics", {})
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    table.add_row("method", str(data["method"]))
    table.add_row("lists", ", ".join(data["lists"]))
    table.add_row("observed", f"{data['observed']:,}")
    estimate = f"{float(data['estimate']):,.0f}"
    if diag.get("verdict") == "not converged":
        estimate += " [red](chains disagree: not a result to report alone)[/red]"
    table.add_row("estimate", estimate)
    table.add_row(f"{float(data['level']):.0%} interval", _interval(data))
    if data["method"] == "lcmcr":
        colour = "green" if diag.get("verdict") == "converged" else "red"
        table.add_row("verdict", f"[{colour}]{diag.get('verdict')}[/{colour}]")
        medians = diag.get("chain_medians", [])
        table.add_row("chain medians", ", ".join(f"{m:,.0f}" for m in medians))
        table.add_row("R-hat, bulk ESS", f"{diag.get('rhat')}, {diag.get('ess_bulk')}")
    elif "model" in diag:
        table.add_row("model", str(diag["model"]))
    for stratum in data.get("strata", []):
        verdict = stratum.get("diagnostics", {}).get("verdict")
        suffix = f" ({verdict})" if verdict in ("converged", "not converged") else ""
        table.add_row(
            f"  {stratum['stratum']}",
            f"{float(stratum['estimate']):,.0f} [{_interval(stratum)}], "
            f"observed {stratum['observed']:,}{suffix}",
        )
    for left in data.get("strata_left_out", []):
        table.add_row(
            f"  {left['stratum']}",
            f"[yellow]left out: cannot be estimated[/yellow], observed {left['observed']:,}",
        )
    if data.get("strata_left_out"):
        table.add_row(
            "not in the total",
            f"{len(data['strata_left_out'])} strata, {data['observed_left_out']:,} observed people",
        )
    console.print(table)
    console.print(f"input sha256 {data.get('input_sha256')}", soft_wrap=True, highlight=False)
    for warning in diag.get("warnings", []):
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False, soft_wrap=True)


def settings_if_any(ctx: typer.Context) -> Settings | None:
    """The settings when the command runs under the ``gavah`` root, else ``None``."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else None


def store_result(settings: Settings, run: EstimateRun) -> int:
    """Store an estimate run in the workspace and return its id.

    Raises:
        WorkspaceError: there is no workspace.
        StorageError: the database refused the row.
    """
    from gavah.services.estimating import store_estimate  # noqa: PLC0415
    from gavah.workspace import Workspace  # noqa: PLC0415

    ws = Workspace.open(settings)
    try:
        return store_estimate(ws.store(), run, dt.datetime.now(dt.UTC))
    finally:
        ws.close()


def _summary(stored: Any) -> dict[str, Any]:
    result = stored.result
    return {
        "id": stored.id,
        "created": stored.created.isoformat(),
        "method": stored.method,
        "strata": stored.strata,
        "observed": result.get("observed"),
        "estimate": result.get("estimate"),
        "interval": result.get("interval"),
        "verdict": result.get("diagnostics", {}).get("verdict"),
        "input_sha256": stored.input_sha256,
    }


def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the estimates stored in the workspace, oldest first.

    Every `gavah estimate` run in a workspace is stored with the SHA-256 of its inputs (the
    capture table and the settings, seed included), so that a report can cite exactly what was
    estimated. `gavah estimate show ID` prints one in full.
    """
    from gavah.store import EstimateRepository  # noqa: PLC0415
    from gavah.workspace import Workspace  # noqa: PLC0415

    ws = Workspace.open(settings_of(ctx))
    try:
        with ws.store().reader() as session:
            rows = [_summary(s) for s in EstimateRepository(session).list()]
    finally:
        ws.close()
    if as_json:
        echo_json(rows)
        return
    if not rows:
        typer.echo("no stored estimates yet: run `gavah estimate`")
        return
    for row in rows:
        strata = f" by {row['strata']}" if row["strata"] else ""
        typer.echo(
            f"{row['id']:>4}  {row['created'][:16].replace('T', ' ')}  {row['method']}{strata}: "
            f"{float(row['estimate']):,.0f} ({_interval(row)}), {row['verdict']}, "
            f"inputs {row['input_sha256'][:12]}"
        )


def show_command(
    ctx: typer.Context,
    estimate_id: Annotated[
        int, typer.Argument(metavar="ID", help="Id from `gavah estimate list`.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one stored estimate: its result, diagnostics, and the hash of its inputs.

    With --json: the id, time, method, stratum field, input hash, the estimate JSON, and the
    canonical capture table it was made from (hash it with the settings line to check the hash;
    see docs/estimation.md).
    """
    from gavah.store import EstimateRepository  # noqa: PLC0415
    from gavah.workspace import Workspace  # noqa: PLC0415

    ws = Workspace.open(settings_of(ctx))
    try:
        with ws.store().reader() as session:
            repo = EstimateRepository(session)
            stored = repo.get(estimate_id)
            table_csv = repo.table_csv(estimate_id)
    finally:
        ws.close()
    if as_json:
        echo_json(
            {
                "id": stored.id,
                "created": stored.created.isoformat(),
                "method": stored.method,
                "strata": stored.strata,
                "input_sha256": stored.input_sha256,
                "result": dict(stored.result),
                "table_csv": table_csv,
            }
        )
        return
    typer.echo(f"estimate {stored.id}, made {stored.created.isoformat()}")
    render(stored.result, Console())
