"""``gavah lists import``: a list file into the register's records, in one transaction.

A thin adapter: it reads the file and the mapping (the only I/O), hands them to
:func:`gavah.services.lists.import_list` (planned by :mod:`gavah.register`, written in one
transaction, so a failure leaves nothing half-written) with a bar while rows are written, and
shows the summary. The clock is read here, at the edge. Re-importing the same bytes under the
same source is a no-op; a changed file adds and updates records, keeping earlier versions.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ParseError
from gavah.register import ListMapping
from gavah.services import lists as list_service
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
    return list_service.list_mapping(_read(path, "mapping file", 1 << 20), shown_as=str(path))


class _RowsBar:
    """Draws the import's row-writing step as a bar on the terminal (gone when done)."""

    def __init__(self) -> None:
        self._bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
        )
        self._task: TaskID | None = None

    def step(self, name: str, total: int = 0) -> None:
        """Show a bar for a step of known size; other steps pass silently."""
        if total > 0:
            if self._task is None:
                self._bar.start()
            self._task = self._bar.add_task(name, total=total)

    def advance(self, units: int = 1) -> None:
        """Move the bar on by ``units``."""
        if self._task is not None:
            self._bar.advance(self._task, units)

    def __enter__(self) -> _RowsBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._bar.stop()


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
    mapped = _mapping(mapping)
    data = _read(file, "list", MAX_LIST_BYTES)
    with _RowsBar() as bar:
        summary = list_service.import_list(
            workspace.store(),
            data,
            file.name,
            source_name=source,
            mapping=mapped,
            clock=lambda: datetime.now(UTC),
            progress=bar,
            batch=_BATCH,
            shown_as=str(file),
        )
    if summary["already_imported"]:
        if as_json:
            echo_json(summary)
        else:
            typer.echo(f"{file}: already imported under {source!r}; nothing to do")
        return
    refused: list[dict[str, Any]] = summary["refused"]
    for problem in refused[:_SHOWN_PROBLEMS]:
        typer.echo(f"{file}:{problem['line']}: row not imported: {problem['reason']}", err=True)
    if len(refused) > _SHOWN_PROBLEMS:
        typer.echo(f"... and {len(refused) - _SHOWN_PROBLEMS} more rows not imported", err=True)
    if as_json:
        echo_json(summary)
    else:
        typer.echo(
            f"{file}: {summary['added']} added, {summary['updated']} updated, "
            f"{summary['unchanged']} unchanged, {len(refused)} refused, "
            f"{summary['warnings']} cells unread"
        )


def register(app: typer.Typer) -> None:
    """Add the ``lists`` command group to ``app``."""
    app.add_typer(lists_app, name="lists")
