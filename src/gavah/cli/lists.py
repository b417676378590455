"""``gavah lists import``: a list file into the register's records, in one transaction.

A thin adapter: it reads the file and the mapping (the only I/O), lets
:mod:`gavah.register` plan the import, and writes the plan through the store in one
transaction, so a failure leaves nothing half-written. The clock is read here, at the edge.
Re-importing the same bytes under the same source is a no-op; a changed file adds and updates
records, keeping earlier versions (``RecordRepository.upsert_many``).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ParseError
from gavah.model import Record, Source, SourceKind
from gavah.model.ids import ulid_ids
from gavah.register import ListMapping, file_digest, parse_mapping, plan_import, read_table
from gavah.store import RecordRepository, SourceRepository
from gavah.store.register import ImportedVersion, ListImportRepository
from gavah.vocab import load_gazetteer
from gavah.workspace import Workspace

__all__ = ["MAX_LIST_BYTES", "register"]

#: Largest list file read, in bytes: a million rows of a list-CSV fit in well under 1 GB.
MAX_LIST_BYTES = 1 << 30
_SHOWN_PROBLEMS = 20
_BATCH = 5_000

lists_app = typer.Typer(
    help="Lists of persons: import them into the register.", no_args_is_help=True
)


def _read(path: Path, what: str, limit: int) -> bytes:
    try:
        if path.stat().st_size > limit:
            raise ParseError(f"{path}: the {what} is larger than {limit:,} bytes")
        return path.read_bytes()
    except OSError as err:
        raise ParseError(f"cannot read the {what} {path}: {err.strerror or err}") from err


def _mapping(path: Path | None) -> ListMapping:
    if path is None:
        return ListMapping()
    data = _read(path, "mapping file", 1 << 20)
    try:
        return parse_mapping(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ParseError(f"{path}: the mapping file is not UTF-8") from err


def _write(
    workspace: Workspace,
    source_name: str,
    records: list[Record],
    version: ImportedVersion,
    source_id: str,
    is_new: bool,
) -> ImportedVersion:
    store = workspace.store()
    with store.session() as session:
        if is_new:
            SourceRepository(session).add(
                Source(id=source_id, name=source_name, kind=SourceKind.LIST)
            )
        repo = RecordRepository(session)
        added = updated = unchanged = 0
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
        )
        with progress:
            task = progress.add_task("importing rows", total=len(records))
            for start in range(0, len(records), _BATCH):
                batch = records[start : start + _BATCH]
                counts = repo.upsert_many(batch)
                added += counts.added
                updated += counts.updated
                unchanged += counts.unchanged
                progress.advance(task, len(batch))
        done = ImportedVersion(
            source_id=source_id,
            sha256=version.sha256,
            filename=version.filename,
            imported_at=version.imported_at,
            rows=version.rows,
            added=added,
            updated=updated,
            unchanged=unchanged,
            refused=version.refused,
        )
        ListImportRepository(session).add(done)
    return done


@lists_app.command("import")
def import_list(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="The list: CSV (UTF-8) or XLSX.", show_default=False)
    ],
    source: Annotated[
        str, typer.Option("--source", help="Name of the source the list comes from.")
    ],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="TOML file mapping other column names and words."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Import a list of persons under a source (created on first use).

    Each row is kept verbatim beside its normalised fields. Rows that cannot be imported are
    named with their line number and reason; the others are imported, all in one transaction.
    Importing the same file again changes nothing; a changed file adds and updates records and
    keeps their earlier versions.
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    list_mapping = _mapping(mapping)
    data = _read(file, "list", MAX_LIST_BYTES)
    digest = file_digest(data)
    with workspace.store().reader() as session:
        existing = SourceRepository(session).get_by_name(source)
        previous = (
            None if existing is None else ListImportRepository(session).find(existing.id, digest)
        )
    if existing is not None and previous is not None:
        summary = {"file": str(file), "source": source, "already_imported": True}
        if as_json:
            echo_json(summary)
        else:
            typer.echo(f"{file}: already imported under {source!r}; nothing to do")
        return
    source_id = (
        existing.id if existing else ulid_ids(lambda: datetime.now(UTC), random.SystemRandom())()
    )
    table = read_table(data, file.name)
    plan = plan_import(source_id, table, list_mapping, load_gazetteer())
    if not plan.records:
        reasons = "; ".join(f"line {p.line}: {p.reason}" for p in plan.refused[:3])
        raise ParseError(f"{file}: no row could be imported ({reasons or 'no rows'})")
    version = ImportedVersion(
        source_id=source_id,
        sha256=digest,
        filename=file.name,
        imported_at=datetime.now(UTC),
        rows=len(table.rows) + len(table.problems),
        added=0,
        updated=0,
        unchanged=0,
        refused=len(plan.refused),
    )
    done = _write(workspace, source, list(plan.records), version, source_id, existing is None)
    for problem in plan.refused[:_SHOWN_PROBLEMS]:
        typer.echo(f"{file}:{problem.line}: row not imported: {problem.reason}", err=True)
    if len(plan.refused) > _SHOWN_PROBLEMS:
        typer.echo(
            f"... and {len(plan.refused) - _SHOWN_PROBLEMS} more rows not imported", err=True
        )
    summary = {
        "file": str(file),
        "source": source,
        "already_imported": False,
        "rows": done.rows,
        "added": done.added,
        "updated": done.updated,
        "unchanged": done.unchanged,
        "refused": [{"line": p.line, "reason": p.reason} for p in plan.refused],
        "warnings": len(plan.warnings),
    }
    if as_json:
        echo_json(summary)
    else:
        typer.echo(
            f"{file}: {done.added} added, {done.updated} updated, {done.unchanged} unchanged, "
            f"{len(plan.refused)} refused, {len(plan.warnings)} cells unread"
        )


def register(app: typer.Typer) -> None:
    """Add the ``lists`` command group to ``app``."""
    app.add_typer(lists_app, name="lists")
