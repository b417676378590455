"""``gavah link``: link every record of the register into persons, under the review decisions.

A thin adapter: :func:`gavah.services.linking.link_register` reads the records and the
reviewers' latest decisions, links them and stores the persons, the record assignments and the
new review queue in one transaction, under a spinner. ``--export`` writes
``source,record_id,person_id`` (design.md, "Linkage export") with every cell neutralised
against spreadsheet formula injection.
"""

from __future__ import annotations

import csv
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ParseError
from gavah.linkage import (
    BACKENDS,
    DEFAULT_REVIEW_FROM,
    DEFAULT_THRESHOLD,
    LinkOptions,
    split_uid,
)
from gavah.register import safe_cell
from gavah.services.linking import link_register
from gavah.store import SourceRepository
from gavah.workspace import Workspace

__all__ = ["register", "write_export"]


def write_export(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """Write the linkage export CSV (``source,record_id,person_id``) atomically.

    Raises:
        ParseError: the file cannot be written.
    """
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["source", "record_id", "person_id"])
            writer.writerows([safe_cell(c) for c in row] for row in rows)
        partial.replace(path)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise ParseError(f"cannot write {path}: {err.strerror or err}") from err


def link(
    ctx: typer.Context,
    backend: Annotated[
        str,
        typer.Option(
            "--backend",
            help=f"Engine that scores the pairs: {' or '.join(BACKENDS)} (spark needs "
            "the gavah[spark] extra and Java; same persons as duckdb).",
        ),
    ] = "duckdb",
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Write source,record_id,person_id to this CSV file."),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="Match probability from which pairs merge without review.")
    ] = DEFAULT_THRESHOLD,
    review_from: Annotated[
        float, typer.Option(help="Match probability from which uncertain pairs go to review.")
    ] = DEFAULT_REVIEW_FROM,
    seed: Annotated[int, typer.Option(help="Seed of the random sampling of u.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Link all records into persons (Fellegi-Sunter with Splink; u sampled, m by EM).

    Once reviewers have called enough pairs "same" (see docs/linkage.md), m is estimated from
    those pairs instead of EM.

    Pairs at or above --threshold are merged; pairs between --review-from and --threshold go
    to the review queue (`gavah review list`) and are never merged automatically. Reviewers'
    decisions are respected: "different" keeps records apart, "same" joins them.
    """
    options = LinkOptions(threshold=threshold, review_from=review_from, seed=seed, backend=backend)
    store = Workspace.open(settings_of(ctx)).store()
    engine = "Spark" if backend == "spark" else "DuckDB"

    def busy(records: int) -> AbstractContextManager[object]:
        return Console(stderr=True).status(f"linking {records:,} records (Splink, {engine})")

    run = link_register(store, options, lambda: datetime.now(UTC), busy=busy)
    if export is not None:
        with store.reader() as session:
            names = {s.id: s.name for s in SourceRepository(session).list()}
        rows = []
        for person_id, uids in run.result.members.items():
            for uid in uids:
                source_id, record_id = split_uid(uid)
                rows.append((names.get(source_id, source_id), record_id, person_id))
        write_export(export, sorted(rows))
    summary = {**run.summary(), "export": None if export is None else str(export)}
    if as_json:
        echo_json(summary)
    else:
        typer.echo(
            f"{run.records} records linked into {len(run.result.persons)} persons; "
            f"{run.queued} pairs wait for review"
        )


def register(app: typer.Typer) -> None:
    """Add the ``link`` command to ``app``."""
    app.command("link")(link)
