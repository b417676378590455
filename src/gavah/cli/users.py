"""``gavah users add|list``: the local accounts of the web application.

A thin adapter over :mod:`gavah.store.accounts` and :mod:`gavah.web.passwords`. The password is
asked twice on a hidden prompt, or read from the first line of standard input with
``--password-stdin`` (for scripts); it is never an argument, so it stays out of shell history
and process lists. With ``--totp`` a second-factor secret is made and its ``otpauth://`` URI
printed once, for an authenticator app. The clock is read here, at the edge.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ParseError
from gavah.store.accounts import AccountRepository
from gavah.store.schema_web import NAME_LENGTH
from gavah.web.permissions import Role
from gavah.workspace import Workspace

__all__ = ["register"]

users_app = typer.Typer(
    help="Accounts of the web application: add one with a role, list them.",
    no_args_is_help=True,
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise ParseError("no terminal to ask for the password on: use --password-stdin")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    return value


def _name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > NAME_LENGTH or any(c.isspace() for c in cleaned):
        raise ParseError(f"an account name is 1 to {NAME_LENGTH} characters without spaces")
    return cleaned


@users_app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Account name (no spaces; Persian is fine).")],
    role: Annotated[
        Role,
        typer.Option(
            "--role",
            case_sensitive=False,
            help="admin (everything), analyst (review, grade, estimate, export, restricted "
            "fields), documenter (ingest, workspace), viewer (signed in, nothing private).",
        ),
    ],
    totp: Annotated[
        bool, typer.Option("--totp", help="Require a one-time code from an authenticator app.")
    ] = False,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
) -> None:
    """Add a local account with ROLE; the password is asked on a hidden prompt.

    Passwords need at least 12 characters and are stored as Argon2id hashes.
    """
    from gavah.web.passwords import (  # noqa: PLC0415 - argon2 loads slowly
        hash_password,
        new_totp_secret,
        totp_uri,
    )

    account_name = _name(name)
    password_hash = hash_password(_password(password_stdin))
    secret = new_totp_secret() if totp else None
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().session() as session:
            AccountRepository(session).add(
                account_name,
                role.value,
                password_hash,
                now=datetime.now(UTC),
                totp_secret=secret,
            )
    finally:
        workspace.close()
    typer.echo(f"Added {account_name} ({role.value}).")
    if secret is not None:
        typer.echo("Add this to an authenticator app (shown only now):")
        typer.echo(totp_uri(secret, account_name))


@users_app.command("list")
def list_users(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the accounts as JSON.")] = False,
) -> None:
    """List the accounts with their roles (never their secrets)."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().reader() as session:
            accounts = AccountRepository(session).all()
    finally:
        workspace.close()
    rows = [
        {
            "name": a.name,
            "role": a.role,
            "totp": a.totp_secret is not None,
            "created_at": a.created_at.isoformat(),
        }
        for a in accounts
    ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        factor = " (TOTP)" if row["totp"] else ""
        typer.echo(f"{row['name']}\t{row['role']}{factor}")


def register(app: typer.Typer) -> None:
    """Add ``users`` to ``app``."""
    app.add_typer(users_app, name="users")
