"""Commands about the workspace itself: ``init``, ``status`` and ``keys``.

Thin adapters over :mod:`gavah.workspace`; the clock is read here, at the edge.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.errors import WorkspaceError
from gavah.workspace import Workspace

__all__ = ["register"]

keys_app = typer.Typer(
    help="Inspect the workspace keys (an Ed25519 signing key and an age identity).",
    no_args_is_help=True,
)


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Folder to create (default: --workspace, $GAVAH_HOME or ./gavah-workspace).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="A name for the workspace (default: the folder's name).")
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Record this SQLAlchemy URL (e.g. postgresql://host/db) in gavah.toml instead "
            "of the SQLite default.",
        ),
    ] = None,
    field: Annotated[
        bool,
        typer.Option(
            "--field",
            help="Make a field workspace: it encrypts to the organisation's --recipient keys "
            "and holds no key that could decrypt what it ingests.",
        ),
    ] = False,
    recipients: Annotated[
        list[str] | None,
        typer.Option(
            "--recipient",
            help="The organisation's age recipient (age1…); repeat for several. Needs --field.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Create a workspace: gavah.toml, the database, vault/ and keys sealed by a passphrase.

    Safe to re-run: on an existing workspace it changes nothing and says so. The passphrase
    (from GAVAH_PASSPHRASE or a prompt) seals the keys with age's scrypt KDF; keep it safe,
    it cannot be recovered.

    With --field --recipient AGE1… the workspace is for a device that may be seized: it signs
    its own custody log but encrypts every file to the organisation only, so nothing on it can
    be read without the organisation's key.
    """
    settings = settings_of(ctx)
    field_recipients = tuple(recipients or ())
    if field and not field_recipients:
        raise WorkspaceError("--field needs at least one --recipient AGE1… (the organisation's)")
    if field_recipients and not field:
        raise WorkspaceError("--recipient is for field workspaces: add --field")
    if directory is not None:
        settings = dataclasses.replace(settings, workspace=directory)
    if (settings.workspace / "gavah.toml").exists():
        result_ws = Workspace.open(settings)
        created = False
    else:
        passphrase = read_passphrase(settings, confirm=True)
        result = Workspace.init(
            settings,
            passphrase,
            now=datetime.now(UTC),
            name=name,
            database_url=database_url,
            field_recipients=field_recipients,
        )
        result_ws, created = result.workspace, result.created
    try:
        where = str(result_ws.root.resolve())
        if as_json:
            echo_json(
                {
                    "workspace": where,
                    "created": created,
                    "name": result_ws.config.name,
                    "field": result_ws.is_field,
                }
            )
        elif created:
            kind = "field workspace" if result_ws.is_field else "workspace"
            typer.echo(f"Created {kind} {result_ws.config.name!r} at {where}")
        else:
            typer.echo(f"A workspace already exists at {where}; nothing changed.")
    finally:
        result_ws.close()


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
) -> None:
    """Show what the workspace holds: database, schema revision, counts, vault and keys."""
    ws = Workspace.open(settings_of(ctx))
    try:
        info = ws.status()
    finally:
        ws.close()
    if as_json:
        echo_json(info)
        return
    _print_status(info)


def _print_status(info: dict[str, Any]) -> None:
    console = Console()
    db = info["database"]
    console.print(f"[bold]{info['name']}[/bold]  {info['workspace']}")
    schema = "up to date" if db["up_to_date"] else f"at {db['revision']}, newest {db['head']}"
    console.print(f"database  {db['backend']}  {db['url']}  (schema {schema})")
    console.print(f"vault     {info['vault']['blobs']} blobs, {info['vault']['bytes']} bytes")
    table = Table("table", "rows", title="Contents")
    for key, value in info["counts"].items():
        table.add_row(key, str(value))
    console.print(table)


@keys_app.command("check")
def keys_check(ctx: typer.Context) -> None:
    """Check that the passphrase opens the workspace keys, and show the public keys."""
    settings = settings_of(ctx)
    ws = Workspace.open(settings)
    keys = ws.unlock(read_passphrase(settings))
    public = keys.public
    typer.echo("The passphrase opens the workspace keys.")
    typer.echo(f"signing public key (Ed25519): {public.signing_public_key}")
    if public.age_recipient is None:
        typer.echo("field workspace: no age identity; files are encrypted to the organisation:")
        for recipient in ws.config.age_recipients:
            typer.echo(f"  {recipient}")
    else:
        typer.echo(f"age recipient: {public.age_recipient}")


def register(app: typer.Typer) -> None:
    """Add ``init``, ``status`` and ``keys`` to ``app``."""
    app.command("init")(init)
    app.command("status")(status)
    app.add_typer(keys_app, name="keys")
