"""``gavah export bagit``: evidence packages for courts, investigators and partners.

Owns the export commands' options. The bag is built by :func:`gavah.vault.bag.export_bag`, wired
to the workspace (keys, store, vault, the log's key from ``gavah.toml``) by
:func:`gavah.services.exports.export_workspace_bag`, which the web app shares.
Must not write files itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from gavah.cli import dossier
from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.cli.interchange import export_acled, export_claims
from gavah.errors import GavahError
from gavah.services.exports import export_workspace_bag
from gavah.workspace import Workspace

__all__ = ["export_app", "register"]

export_app = typer.Typer(help="Export evidence in standard formats.", no_args_is_help=True)
dossier.attach(export_app)  # ``ftm`` and ``dossier`` (gavah.cli.dossier)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@export_app.command("bagit")
def bagit(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Argument(help="Folder to create the bag in (new or empty).")],
    items: Annotated[
        list[str] | None, typer.Argument(help="Evidence ids or SHA-256s (besides --case).")
    ] = None,
    case: Annotated[str | None, typer.Option("--case", help="Export every item of a case.")] = None,
    recipient: Annotated[
        str | None, typer.Option("--to", help="Who receives the bag (logged with the export).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Write a BagIt (RFC 8493) bag: decrypted originals, SHA-256/512 manifests, metadata,
    custody events with inclusion proofs, and the signed ledger head. The export is logged.
    """
    if case is None and not items:
        raise GavahError("say what to export: --case C and/or evidence ids")
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        summary = export_workspace_bag(
            workspace, keys, out_dir, _now, case=case, items=items or [], recipient=recipient
        )
    finally:
        workspace.close()
    if as_json:
        echo_json(
            {
                "bag": str(summary.path),
                "items": summary.items,
                "bytes": summary.bytes,
                "tree_size": summary.tree_size,
            }
        )
        return
    typer.echo(
        f"bag written to {summary.path}: {summary.items} items, {summary.bytes} bytes; "
        f"ledger signed at size {summary.tree_size}"
    )


export_app.command("claims")(export_claims)
export_app.command("acled")(export_acled)


def register(app: typer.Typer) -> None:
    """Add ``gavah export`` to ``app``."""
    app.add_typer(export_app, name="export")
