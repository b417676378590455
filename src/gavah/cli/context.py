"""What every command needs from its invocation: the settings and, when asked, a passphrase.

Owns reading the passphrase (``GAVAH_PASSPHRASE`` through the settings, else a hidden prompt on a
terminal) and printing JSON. It must not hold domain logic.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from gavah.errors import PassphraseError
from gavah.workspace import Settings

__all__ = ["echo_json", "read_passphrase", "settings_of"]


def settings_of(ctx: typer.Context) -> Settings:
    """The settings built by the root command."""
    root = ctx.find_root()
    settings = root.obj
    if not isinstance(settings, Settings):  # pragma: no cover - the root callback always sets it
        raise TypeError("gavah settings missing from the command context")
    return settings


def read_passphrase(settings: Settings, *, confirm: bool = False) -> str:
    """Return the passphrase from the settings or from a hidden prompt.

    Raises:
        PassphraseError: no passphrase is set and there is no terminal to ask on.
    """
    if settings.passphrase is not None:
        return settings.passphrase
    if not sys.stdin.isatty():
        raise PassphraseError("no passphrase: set GAVAH_PASSPHRASE or run in a terminal")
    value: str = typer.prompt(
        "Workspace passphrase", hide_input=True, confirmation_prompt=confirm, err=True
    )
    return value


def echo_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON (Persian text stays readable)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))
