"""``gavah import claims``, ``gavah export claims`` and ``gavah export acled``.

A thin adapter around :mod:`gavah.verify.interchange` and :mod:`gavah.verify.acled`. An import
plans every line first (a bad line is refused with its number, the rest go on), then writes each
good line in its own savepoint, so a line the database refuses is rolled back alone: atomic per
line. A line whose id is already stored with the same content is left as it is. Exports are
written atomically (``.partial`` then rename); CSV cells are neutralised against spreadsheet
formula injection with the register's :func:`gavah.register.safe_cell`.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.orm import Session

from gavah.cli.claims import load, policy_of
from gavah.cli.context import echo_json, settings_of
from gavah.errors import GavahError, ParseError, StorageError
from gavah.model import Claim, Report, Source
from gavah.register import safe_cell
from gavah.store import (
    ClaimRepository,
    IncidentRepository,
    PersonRepository,
    ReportRepository,
    SourceRepository,
    Store,
)
from gavah.verify import (
    ACLED_COLUMNS,
    GRADE_ORDER,
    Grade,
    IncidentLine,
    Known,
    Problem,
    Record,
    acled_rows,
    plan_lines,
    to_lines,
)
from gavah.vocab import load_gazetteer
from gavah.workspace import Workspace

__all__ = ["export_acled", "export_claims", "import_app", "import_claims", "register"]

import_app = typer.Typer(help="Import records exchanged with partner organisations.")

_SHOWN_PROBLEMS = 20


def _known(store: Store) -> Known:
    loaded = load(store)
    with store.reader() as session:
        persons = set(PersonRepository(session).ids())
    return Known(
        sources={s.id for s in loaded.sources},
        reports={r.id for r in loaded.reports},
        incidents=set(loaded.incidents),
        acts={a.id for acts in loaded.acts.values() for a in acts},
        claims={c.id for c in loaded.claims},
        persons=persons,
    )


def _kind(record: Record | Claim) -> str:
    if isinstance(record, Source):
        return "source"
    if isinstance(record, Report):
        return "report"
    return "incident" if isinstance(record, IncidentLine) else "claim"


def _write(session: Session, record: Record) -> list[str]:
    """Write one record; return the kinds added (none: it is already stored as it is).

    Raises:
        StorageError: the id is taken by different content, or the database refused it.
    """
    if isinstance(record, Source):
        sources = SourceRepository(session)
        return _add_once(sources.get(record.id), record, lambda: sources.add(record))
    if isinstance(record, Report):
        reports = ReportRepository(session)
        return _add_once(reports.get(record.id), record, lambda: reports.add(record))
    if isinstance(record, IncidentLine):
        incident, acts = record.incident, record.acts
        incidents = IncidentRepository(session)
        stored = incidents.get(incident.id)
        if stored is not None:
            same = stored == incident and incidents.acts_of(incident.id) == sorted(
                acts, key=lambda a: a.id
            )
            if not same:
                raise StorageError(f"incident {incident.id} already exists with other content")
            return []
        incidents.add(incident, acts)
        return ["incident"]
    claim, report = record.claim, record.report
    claims = ClaimRepository(session)
    added: list[str] = []
    if isinstance(report, Report):
        reports = ReportRepository(session)
        added += _add_once(reports.get(report.id), report, lambda: reports.add(report))
    return added + _add_once(claims.get(claim.id), claim, lambda: claims.add(claim))


def _add_once(
    stored: object, record: Source | Report | Claim, add: Callable[[], None]
) -> list[str]:
    if stored is None:
        add()
        return [_kind(record)]
    if stored == record:
        return []
    raise StorageError(f"{_kind(record)} {record.id} already exists with other content")


def import_file(
    store: Store, path: Path, today: dt.date, *, progress: bool = True
) -> dict[str, Any]:
    """Import an interchange file into ``store``; the summary names every refused line.

    Raises:
        ParseError: the file cannot be read or is not UTF-8.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise ParseError(f"cannot read {path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ParseError(f"{path} is not UTF-8 text (byte {err.start})") from None
    lines = [line.rstrip("\r") for line in text.split("\n")]
    plan = plan_lines(lines, _known(store), today)
    problems = list(plan.problems)
    added: dict[str, int] = dict.fromkeys(("source", "report", "incident", "claim"), 0)
    unchanged = 0
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        disable=not progress,
    )
    with bar, store.session() as session:
        task = bar.add_task("importing lines", total=len(plan.records))
        for number, record in plan.records:
            try:
                with session.begin_nested():
                    kinds = _write(session, record)
                for kind in kinds:
                    added[kind] += 1
                unchanged += not kinds
            except GavahError as err:
                problems.append(Problem(number, str(err)))
            bar.advance(task)
    problems.sort(key=lambda p: p.line)
    return {
        "file": str(path),
        "imported": added,
        "unchanged": unchanged,
        "refused": [{"line": p.line, "reason": p.message} for p in problems],
    }


@import_app.command("claims")
def import_claims(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSON-lines interchange file (docs/claims.md).")],
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero when any line was refused.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Import sources, reports, incidents and claims from a JSON-lines interchange file.

    Each line is checked against the published JSON Schema (docs/interchange.schema.json) and
    the references it makes; a bad line is refused with its number and the rest are imported,
    each line on its own (atomic per line). Lines may cite only what the workspace holds or an
    earlier line. Re-importing the same file changes nothing.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        summary = import_file(
            workspace.store(), file, dt.datetime.now(dt.UTC).date(), progress=sys.stderr.isatty()
        )
    finally:
        workspace.close()
    refused = summary["refused"]
    if as_json:
        echo_json(summary)
    else:
        for problem in refused[:_SHOWN_PROBLEMS]:
            typer.echo(
                f"{file}:{problem['line']}: line not imported: {problem['reason']}", err=True
            )
        if len(refused) > _SHOWN_PROBLEMS:
            typer.echo(f"... and {len(refused) - _SHOWN_PROBLEMS} more lines refused", err=True)
        counts = ", ".join(f"{n} {t}s" for t, n in summary["imported"].items())
        typer.echo(
            f"{file}: imported {counts}; {summary['unchanged']} unchanged; {len(refused)} refused"
        )
    if strict and refused:
        raise typer.Exit(1)


def _write_atomic(path: Path, write: Any) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as fh:
            write(fh)
        partial.replace(path)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise ParseError(f"cannot write {path}: {err.strerror or err}") from err


def export_claims(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Argument(help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Write every source, report, incident and claim as JSON lines (docs/claims.md).

    The file imports into another workspace with `gavah import claims`.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        loaded = load(workspace.store())
    finally:
        workspace.close()
    lines = to_lines(
        loaded.sources,
        loaded.reports,
        [(i, loaded.acts.get(i.id, [])) for i in loaded.incidents.values()],
        loaded.claims,
    )
    if out is None:
        for line in lines:
            typer.echo(line)
        return
    written = list(lines)
    _write_atomic(out, lambda fh: fh.writelines(line + "\n" for line in written))
    typer.echo(f"{len(written)} lines written to {out}")


def export_acled(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="CSV file to write.")],
) -> None:
    """Write incidents as ACLED-compatible CSV: one row per act (docs/claims.md, the mapping).

    Each row carries the best grade of the claims about its act or incident (gavah_grade).
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        loaded = load(workspace.store())
        results = loaded.grade(policy_of(workspace, None))
    finally:
        workspace.close()
    reports = {r.id: r for r in loaded.reports}
    names = {s.id: s.name for s in loaded.sources}
    sources: dict[str, set[str]] = {}
    rank = {g: i for i, g in enumerate(GRADE_ORDER)}
    grades: dict[str, Grade] = {}
    for claim in loaded.claims:
        report = reports.get(claim.report_id)
        grade = results[claim.id].grade
        if report is not None and claim.incident_id is not None:
            sources.setdefault(claim.incident_id, set()).add(names.get(report.source_id, "?"))
        for target in (claim.incident_id, claim.act_id):
            if target is not None and (target not in grades or rank[grade] < rank[grades[target]]):
                grades[target] = grade
    province_names = {
        p.code: (p.latin[0] if p.latin else p.persian) for p in load_gazetteer().provinces
    }
    rows = acled_rows(
        [(i, loaded.acts.get(i.id, [])) for i in loaded.incidents.values()],
        province_names=province_names,
        sources={k: sorted(v) for k, v in sources.items()},
        grades=grades,
    )

    def write(fh: Any) -> None:
        writer = csv.writer(fh)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)

    _write_atomic(out, write)
    typer.echo(f"{len(rows)} events written to {out}")


def register(app: typer.Typer) -> None:
    """Add ``gavah import`` (with ``claims``) to ``app``."""
    app.add_typer(import_app, name="import")
