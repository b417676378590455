"""Every command has useful --help (a test that fails when a command is undocumented)."""

from __future__ import annotations

import pytest
import typer
from typer.core import TyperGroup

from gavah.cli.app import app
from tests.integration.cli.conftest import Invoke


def _commands(group: TyperGroup, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, TyperGroup):
            found.extend(_commands(command, path))
    return found


ROOT = typer.main.get_command(app)
assert isinstance(ROOT, TyperGroup)
COMMANDS = _commands(ROOT)


def test_the_contract_commands_exist() -> None:
    names = {" ".join(c) for c in COMMANDS}
    assert {
        "init",
        "status",
        "synth",
        "demo",
        "serve",
        "estimate",
        "keys check",
        "ingest",
        "ledger verify",
        "ledger proof",
        "ledger head",
        "ledger consistency",
        "lists import",
        "link",
        "review list",
        "review show",
        "review decide",
        "export bagit",
    } <= names


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(invoke: Invoke, path: tuple[str, ...]) -> None:
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # The first help paragraph is a real sentence, not empty.
    command = ROOT
    for part in path:
        assert isinstance(command, TyperGroup)
        command = command.commands[part]
    assert command.help, f"{path} needs a docstring"
    assert len(command.help.split()) >= 5, f"{path} needs a real docstring"


def test_root_help_and_version(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "GAVAH_PASSPHRASE" in result.output
    version = invoke("--version")
    assert version.exit_code == 0
    assert version.output.startswith("gavah ")


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("status", "--no-such-option")
    assert result.exit_code == 2
