"""``gavah vault recipients list|add`` and ``gavah vault rewrap``: who can open the blobs.

Owns adding an age recipient (a partner organisation's public key) to ``gavah.toml`` and
re-wrapping every blob to the current recipients (:func:`gavah.vault.rewrap.rewrap_all`), with a
signed head after it. Must not decrypt or write blobs itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

import pyrage
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.errors import GavahError
from gavah.vault import BlobStore, log_origin
from gavah.vault.log import seal_log
from gavah.vault.rewrap import rewrap_all
from gavah.workspace import Workspace
from gavah.workspace.config import CONFIG_FILE, save_config

__all__ = ["register", "vault_app"]

vault_app = typer.Typer(
    help="The encrypted vault: who can decrypt its blobs, and re-wrapping them.",
    no_args_is_help=True,
)
recipients_app = typer.Typer(
    help="The age recipients every blob is encrypted to (gavah.toml).", no_args_is_help=True
)
vault_app.add_typer(recipients_app, name="recipients")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@recipients_app.command("list")
def recipients_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the age recipients that new and re-wrapped blobs are encrypted to."""
    workspace = Workspace.open(settings_of(ctx))
    recipients = list(workspace.config.age_recipients)
    if as_json:
        echo_json({"age_recipients": recipients})
        return
    for recipient in recipients:
        typer.echo(recipient)


@recipients_app.command("add")
def recipients_add(
    ctx: typer.Context,
    recipient: Annotated[str, typer.Argument(help="An age X25519 public key (age1…).")],
) -> None:
    """Add an age recipient (e.g. a partner organisation's key) to gavah.toml.

    New blobs are encrypted to it at once; run `gavah vault rewrap` for the blobs stored before.
    """
    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError:
        raise GavahError(f"{recipient!r} is not an age X25519 recipient (age1…)") from None
    workspace = Workspace.open(settings_of(ctx))
    config = workspace.config
    if recipient in config.age_recipients:
        typer.echo("already a recipient; nothing changed")
        return
    updated = dataclasses.replace(config, age_recipients=(*config.age_recipients, recipient))
    save_config(updated, workspace.root / CONFIG_FILE)
    typer.echo(f"added; {len(updated.age_recipients)} recipients. Run `gavah vault rewrap` next.")


@vault_app.command("rewrap")
def rewrap(ctx: typer.Context) -> None:
    """Re-encrypt every blob to the current recipients, checking each, and log it.

    Plaintext never touches the disk. Safe to interrupt and re-run.
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        store = workspace.store()
        columns = (TextColumn("re-wrapping"), BarColumn(), DownloadColumn())
        try:
            with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
                task = progress.add_task("blobs", total=None)
                count = rewrap_all(
                    store=store,
                    blobs=BlobStore(workspace.vault_dir),
                    identities=keys.identities,
                    recipients=workspace.config.age_recipients,
                    clock=_now,
                    progress=lambda n: progress.advance(task, n),
                )
        finally:
            with store.session() as session:
                origin = log_origin(workspace.config.signing_public_key)
                seal_log(session, keys.signing_key, origin, _now())
    finally:
        workspace.close()
    typer.echo(f"{count} blobs re-wrapped to {len(workspace.config.age_recipients)} recipients")


def register(app: typer.Typer) -> None:
    """Add ``gavah vault`` to ``app``."""
    app.add_typer(vault_app, name="vault")
