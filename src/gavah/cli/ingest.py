"""``gavah ingest``: take files and folders into the vault, with a progress bar.

Owns the command's options, the progress display (files and bytes, on stderr) and the summary.
The work is :class:`gavah.vault.Ingestor`'s, wired to the workspace by
:func:`gavah.services.vault.make_ingestor` (shared with the web app's uploads). Must not
hash, encrypt or write the database itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.cli.field import device_facts
from gavah.cli.timestamps import timestamp_after_batch
from gavah.services.vault import make_ingestor
from gavah.workspace import KeyPair, Workspace

if TYPE_CHECKING:
    from gavah.vault import Ingestor

__all__ = ["finish_batch", "open_ingestor", "register"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def open_ingestor(workspace: Workspace, keys: KeyPair) -> Ingestor:
    """An ingestor on ``workspace``'s vault and log, after finishing any interrupted run."""
    ingestor = make_ingestor(workspace, keys, _now)
    ingestor.recover()
    return ingestor


def finish_batch(workspace: Workspace, keys: KeyPair, console: Console) -> None:
    """After a sealed batch: timestamp the new head when an authority is configured."""
    stamped = timestamp_after_batch(workspace, keys.signing_key, _now)
    if stamped is not None:
        line, is_warning = stamped
        prefix = "gavah: warning: " if is_warning else ""
        console.print(prefix + line, highlight=False, markup=False)


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="Files and folders (folders are read recursively).")
    ],
    source: Annotated[str, typer.Option("--source", help="Who or what the files came from.")],
    case: Annotated[
        str | None, typer.Option("--case", help="Case label to file them under.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note for the record.")] = None,
    location: Annotated[
        str | None,
        typer.Option(
            "--location",
            help="Record where this device is, as LAT,LON (decimal degrees), in the signed "
            "custody event. Never recorded unless given.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per file.")
    ] = False,
) -> None:
    """Encrypt files into the vault, record their digests and metadata, and log their custody.

    Each file is read once (never modified), hashed (SHA-256, SHA-512) and age-encrypted to the
    workspace's recipients under its content address. Content already in the vault is not stored
    again: the new receipt is logged as "received again". After the batch the ledger's head is
    signed and, when a timestamp authority is configured, timestamped (RFC 3161; offline, it
    stays pending with a warning: see `gavah ledger timestamp`). An interrupted run leaves the
    workspace consistent; run the same command again.
    """
    from gavah.vault import (  # noqa: PLC0415 - Pillow and NumPy load slowly; only ingest needs them
        IngestRequest,
        IngestResult,
        walk_files,
    )

    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        files = list(walk_files(paths))
        ingestor = open_ingestor(workspace, keys)
        request = IngestRequest(
            source=source,
            case=case,
            note=note,
            device=device_facts(workspace.is_field, location, _now()),
        )
        counts = {IngestResult.INGESTED: 0, IngestResult.RECEIVED_AGAIN: 0}
        results = []
        total = sum(path.stat().st_size for path in files)
        console = Console(stderr=True)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
        )
        try:
            with Progress(*columns, console=console, transient=True) as progress:
                task_files = progress.add_task("files", total=len(files))
                task_bytes = progress.add_task("bytes", total=total)
                for path in files:
                    outcome = ingestor.ingest(
                        path, request, progress=lambda n: progress.advance(task_bytes, n)
                    )
                    counts[outcome.result] += 1
                    progress.advance(task_files)
                    results.append(outcome)
                    if not as_json and outcome.result is IngestResult.RECEIVED_AGAIN:
                        console.print(
                            f"{path}: already in the vault as {outcome.evidence_id}; "
                            "logged as received again",
                            highlight=False,
                        )
        finally:
            head = ingestor.seal()
        finish_batch(workspace, keys, console)
    finally:
        workspace.close()
    if as_json:
        echo_json(
            {
                "files": [
                    {
                        "path": str(o.path),
                        "result": o.result.value,
                        "evidence_id": o.evidence_id,
                        "sha256": o.sha256,
                        "bytes": o.size,
                        "media_type": o.media_type,
                    }
                    for o in results
                ],
                "ingested": counts[IngestResult.INGESTED],
                "received_again": counts[IngestResult.RECEIVED_AGAIN],
                "tree_size": None if head is None else head.tree_size,
            }
        )
        return
    typer.echo(
        f"{counts[IngestResult.INGESTED]} ingested, "
        f"{counts[IngestResult.RECEIVED_AGAIN]} received again"
        + ("" if head is None else f"; ledger signed at size {head.tree_size}")
    )


def register(app: typer.Typer) -> None:
    """Add ``gavah ingest`` to ``app``."""
    app.command("ingest")(ingest)
