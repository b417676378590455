"""``gavah link``: link every record of the register into persons, under the review decisions.

A thin adapter: it reads the records and the reviewers' latest decisions from the store, runs
:func:`gavah.linkage.link_records`, and writes the persons, the record assignments and the new
review queue in one transaction. ``--export`` writes ``source,record_id,person_id`` (design.md,
"Linkage export") with every cell neutralised against spreadsheet formula injection.
"""

from __future__ import annotations

import csv
import random
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
    link_records,
    split_uid,
)
from gavah.model.ids import ulid_ids
from gavah.register import safe_cell
from gavah.store import RecordRepository, SourceRepository
from gavah.store.register import LinkResultRepository, ReviewRepository
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
    workspace = Workspace.open(settings_of(ctx))
    store = workspace.store()
    with store.reader() as session:
        records = list(RecordRepository(session).iter_all())
        decisions = ReviewRepository(session).latest()
        previous = LinkResultRepository(session).current_assignments()
        names = {s.id: s.name for s in SourceRepository(session).list()}
    new_id = ulid_ids(lambda: datetime.now(UTC), random.SystemRandom())
    engine = "Spark" if backend == "spark" else "DuckDB"
    with Console(stderr=True).status(f"linking {len(records):,} records (Splink, {engine})"):
        result = link_records(records, decisions, previous, new_id, options)
    with store.session() as session:
        LinkResultRepository(session).replace(result.persons, result.members)
        queued = ReviewRepository(session).replace_queue(result.review)
    if export is not None:
        rows = []
        for person_id, uids in result.members.items():
            for uid in uids:
                source_id, record_id = split_uid(uid)
                rows.append((names.get(source_id, source_id), record_id, person_id))
        write_export(export, sorted(rows))
    summary = {
        "records": len(records),
        "persons": len(result.persons),
        "review": queued,
        "export": None if export is None else str(export),
    }
    if as_json:
        echo_json(summary)
    else:
        typer.echo(
            f"{len(records)} records linked into {len(result.persons)} persons; "
            f"{queued} pairs wait for review"
        )


def register(app: typer.Typer) -> None:
    """Add the ``link`` command to ``app``."""
    app.command("link")(link)
