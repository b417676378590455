"""``gavah users add|list``: accounts for the web application, made on the server."""

from __future__ import annotations

import json
from pathlib import Path

from gavah.store.accounts import Account, AccountRepository
from gavah.web.passwords import verify_password
from gavah.workspace import Settings, Workspace
from tests.integration.cli.conftest import Invoke

PASSWORD = "a long enough password\n"


def _account(root: Path, name: str) -> Account | None:
    workspace = Workspace.open(Settings.build({}, root))
    try:
        with workspace.store().reader() as session:
            return AccountRepository(session).get(name)
    finally:
        workspace.close()


def test_add_stores_an_argon2id_hash_with_the_role(invoke: Invoke, workspace: Path) -> None:
    result = invoke(
        "-w",
        str(workspace),
        "users",
        "add",
        "نگار",
        "--role",
        "analyst",
        "--password-stdin",
        input=PASSWORD,
    )
    assert result.exit_code == 0, result.output
    assert "Added نگار (analyst)." in result.output
    account = _account(workspace, "نگار")
    assert account is not None
    assert account.role == "analyst"
    assert account.password_hash.startswith("$argon2id$")
    assert verify_password(account.password_hash, PASSWORD.strip())
    assert account.totp_secret is None


def test_add_with_totp_prints_the_otpauth_uri_once(invoke: Invoke, workspace: Path) -> None:
    result = invoke(
        "-w",
        str(workspace),
        "users",
        "add",
        "sara",
        "--role",
        "ADMIN",
        "--totp",
        "--password-stdin",
        input=PASSWORD,
    )
    assert result.exit_code == 0, result.output
    assert "otpauth://totp/" in result.output
    listed = invoke("-w", str(workspace), "users", "list", "--json")
    rows = json.loads(listed.output)
    assert rows[0]["name"] == "sara"
    assert rows[0]["role"] == "admin"
    assert rows[0]["totp"] is True
    assert "secret" not in listed.output.lower()


def test_bad_input_is_one_line_and_exit_one(invoke: Invoke, workspace: Path) -> None:
    base = ("-w", str(workspace), "users", "add")
    short = invoke(*base, "ali", "--role", "viewer", "--password-stdin", input="short\n")
    assert short.exit_code == 1
    assert "gavah: error: a password needs at least 12 characters" in short.output
    spaced = invoke(*base, "two words", "--role", "viewer", "--password-stdin", input=PASSWORD)
    assert spaced.exit_code == 1
    assert "without spaces" in spaced.output
    assert invoke(*base, "ali", "--role", "god", "--password-stdin", input=PASSWORD).exit_code == 2
    assert (
        invoke(*base, "ali", "--role", "viewer", "--password-stdin", input=PASSWORD).exit_code == 0
    )
    again = invoke(*base, "ali", "--role", "viewer", "--password-stdin", input=PASSWORD)
    assert again.exit_code == 1
    assert "exists already" in again.output


def test_without_a_terminal_the_password_must_come_on_stdin(
    invoke: Invoke, workspace: Path
) -> None:
    result = invoke("-w", str(workspace), "users", "add", "ali", "--role", "viewer", input="")
    assert result.exit_code == 1
    assert "--password-stdin" in result.output
