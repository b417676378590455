"""``gavah claims grade|board|show`` and ``gavah counts``: grades with reasons, counts by grade.

A thin adapter over :mod:`gavah.services.grading` and :mod:`gavah.services.counting` (shared
with the web app): they read sources, reports, incidents, claims and the register from the
store, pick the grading policy (``--policy FILE``, else the ``[grading]`` table of
``gavah.toml``, else the shipped default), and call :mod:`gavah.verify`. ``grade`` stores the
grades with their explanations and the policy, and ``--diff`` reports what changed since the
last stored grading.
Counts are always computed afresh under the current policy, beside the latest stored estimate.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gavah.cli.context import echo_json, settings_of
from gavah.errors import GavahError
from gavah.model import ClaimStance, PersonStatus
from gavah.services.counting import count_basis, latest_estimate
from gavah.services.grading import (
    Loaded,
    claim_view,
    load,
    place_normaliser,
    policy_of,
    tally,
)
from gavah.services.grading import board as claims_board
from gavah.services.grading import grade_and_store as grade_run
from gavah.store import Store
from gavah.verify import (
    GRADE_ORDER,
    ClaimGrade,
    Grade,
    GradeChange,
    GradingPolicy,
    GroupBy,
    format_range,
)
from gavah.workspace import Workspace

__all__ = [
    "Loaded",
    "claims_app",
    "grade_and_store",
    "load",
    "place_normaliser",
    "policy_of",
    "register",
]

claims_app = typer.Typer(
    help="Grade claims under the workspace's policy, compare competing claims, explain a grade.",
    no_args_is_help=True,
)


class GroupField(StrEnum):
    """What ``gavah counts --by`` breaks the counts down by."""

    PROVINCE = "province"
    DATE = "date"
    EVENT = "event"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def grade_and_store(
    store: Store, policy: GradingPolicy, *, store_grades: bool = True
) -> tuple[dict[str, ClaimGrade], list[GradeChange]]:
    """Grade every claim, compare with the stored grades, and store the run unless told not to
    (:func:`gavah.services.grading.grade_and_store`, with a spinner on stderr).

    Raises:
        StorageError: the database cannot be read or written.
    """
    run = grade_run(
        store,
        policy,
        _now(),
        store_grades=store_grades,
        busy=lambda n: Console(stderr=True).status(f"grading {n:,} claims"),
    )
    return run.results, run.changes


def _policy_option() -> Any:
    return typer.Option(
        "--policy",
        help="Grade under this TOML file's \\[grading] table instead of gavah.toml's.",
    )


@claims_app.command("grade")
def grade(
    ctx: typer.Context,
    diff: Annotated[
        bool, typer.Option("--diff", help="Report the claims whose grade changed since last time.")
    ] = False,
    policy_file: Annotated[Path | None, _policy_option()] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Grade and report, but do not store the grades.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Re-grade every claim deterministically and store each grade with its explanation.

    Grades: confirmed, fair, weak, contested, discounted (docs/claims.md). Reports whose sources
    derive from one origin count as one stream. `gavah claims show ID` explains a grade.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        policy = policy_of(workspace, policy_file)
        results, changes = grade_and_store(workspace.store(), policy, store_grades=not dry_run)
    finally:
        workspace.close()
    counted = dict(tally(results))
    if as_json:
        out: dict[str, Any] = {
            "policy": policy.name,
            "policy_digest": policy.digest,
            "claims": len(results),
            "grades": counted,
            "stored": not dry_run,
        }
        if diff:
            out["changes"] = [c.as_json() for c in changes]
        echo_json(out)
        return
    summary = ", ".join(f"{n} {g}" for g, n in counted.items())
    typer.echo(f"{len(results)} claims graded under policy '{policy.name}': {summary}")
    if diff:
        if not changes:
            typer.echo("No grade changed since the last stored grading.")
        for change in changes:
            typer.echo(f"  {change.line()}")


@claims_app.command("board")
def board(
    ctx: typer.Context,
    policy_file: Annotated[Path | None, _policy_option()] = None,
    competing_only: Annotated[
        bool, typer.Option("--competing", help="Only quantities whose claims disagree.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the board as JSON.")] = False,
) -> None:
    """Competing claims about the same quantity, side by side: source, date, range and grade.

    A quantity is a status at a place on a day ("killed in Abdanan on 2026-01-09"), or a
    status nationwide.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        loaded = load(workspace.store())
        results = loaded.grade(policy_of(workspace, policy_file))
    finally:
        workspace.close()
    rows = claims_board(loaded, results)
    if competing_only:
        rows = [r for r in rows if r.competing]
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        typer.echo("No count claims.")
        return
    console = Console()
    for row in rows:
        table = Table(title=row.quantity.label(), title_justify="left")
        for column in ("claim", "source", "date", "count", "grade", "text"):
            table.add_column(column)
        for e in row.entries:
            table.add_row(
                e.claim_id, e.source, e.date, format_range(e.low, e.high), e.grade.value, e.text
            )
        console.print(table)


@claims_app.command("show")
def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="The claim's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the claim as JSON.")] = False,
) -> None:
    """One claim: what it says, who said it when, its stored grade and why."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        view = claim_view(workspace.store(), claim_id, lambda: policy_of(workspace, None))
    finally:
        workspace.close()
    if view is None:
        raise GavahError(f"no claim {claim_id!r}")
    claim, report, source, explanation = view.claim, view.report, view.source, view.explanation
    data = {
        "claim": claim_id,
        "kind": claim.kind.value,
        "stance": claim.stance.value,
        "text": claim.text,
        "subject": dict(claim.subject),
        "count": None if claim.count is None else [claim.count.low, claim.count.high],
        "report": claim.report_id,
        "report_date": None
        if report is None or report.reported_on is None
        else report.reported_on.isoformat(),
        "source": None if source is None else source.name,
        "stored": view.stored,
        "explanation": explanation,
    }
    if as_json:
        echo_json(data)
        return
    denial = ", a denial" if claim.stance is ClaimStance.DENIES else ""
    typer.echo(f"{claim_id} ({claim.kind.value}{denial}): {claim.text}")
    typer.echo(f"  said by {data['source']} in report {claim.report_id} ({data['report_date']})")
    if claim.count is not None:
        typer.echo(f"  count: {format_range(claim.count.low, claim.count.high)}")
    note = "" if view.stored else " (not stored yet: run `gavah claims grade`)"
    typer.echo(f"  grade: {explanation['grade']}{note}")
    typer.echo(f"  rule: {explanation['rule']}")
    for s in explanation["streams"]:
        mark = "counted" if s["counted"] else "not counted"
        typer.echo(
            f"  stream '{s['stream']}' via {', '.join(s['speakers'])}: {mark}; {s['reason']}"
        )
    for c in explanation["contradictions"]:
        typer.echo(f"  contradicted by {c['claim']}: {c['effect']} ({c['reason']})")


_GROUPS: dict[GroupField, GroupBy] = {
    GroupField.PROVINCE: "province",
    GroupField.DATE: "date",
    GroupField.EVENT: "event",
}


def counts(
    ctx: typer.Context,
    by: Annotated[
        GroupField | None, typer.Option("--by", help="Break the counts down by this field.")
    ] = None,
    status: Annotated[
        str, typer.Option(help="Which status to count (killed, detained, ...); --by event: all.")
    ] = "killed",
    policy_file: Annotated[Path | None, _policy_option()] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Documented counts by grade, beside the latest statistical estimate.

    Named persons of the register count under the grade their lists and claims earn; unnamed
    victims of count claims add ranges, less the named persons of the same place and day (never
    counted twice; docs/claims.md says how). Contested and discounted are shown, not added.
    """
    statuses = [s.value for s in PersonStatus]
    if status not in statuses:
        raise GavahError(f"unknown status {status!r}: say one of {', '.join(statuses)}")
    workspace = Workspace.open(settings_of(ctx))
    try:
        store = workspace.store()
        basis = count_basis(store, policy_of(workspace, policy_file))
        latest = latest_estimate(store)
    finally:
        workspace.close()
    result = basis.count(
        status=None if by is GroupField.EVENT else status,
        by=None if by is None else _GROUPS[by],
        estimate=None if latest is None else latest.estimate,
    )
    if as_json:
        echo_json(result.as_json())
        return
    typer.echo(result.as_json()["summary"])
    t = result.total.tallies
    typer.echo(
        f"Not added: contested {format_range(t[Grade.CONTESTED].low, t[Grade.CONTESTED].high)};"
        f" discounted {format_range(t[Grade.DISCOUNTED].low, t[Grade.DISCOUNTED].high)}"
    )
    if result.rows:
        table = Table(title=f"by {result.by}", title_justify="left")
        table.add_column(result.by or "")
        for g in GRADE_ORDER:
            table.add_column(g.value, justify="right")
        table.add_column("documented", justify="right")
        for row in result.rows:
            cells = [format_range(row.tallies[g].low, row.tallies[g].high) for g in GRADE_ORDER]
            d = row.documented
            table.add_row(row.key or "(unknown)", *cells, format_range(d.low, d.high))
        Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``gavah claims`` and ``gavah counts`` to ``app``."""
    app.add_typer(claims_app, name="claims")
    app.command("counts")(counts)
