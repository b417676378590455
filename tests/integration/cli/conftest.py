"""Fixtures for driving the ``gavah`` command in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gavah.cli.app import app

PASSPHRASE = "a long test passphrase"

Invoke = Callable[..., Result]


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run ``gavah ARGS`` with a clean environment; extra ``env`` entries are added."""
    for name in ("GAVAH_HOME", "GAVAH_DATABASE_URL", "GAVAH_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, input=input, catch_exceptions=True)

    return run


@pytest.fixture
def workspace(tmp_path: Path, invoke: Invoke) -> Path:
    """A freshly initialised SQLite workspace."""
    root = tmp_path / "ws"
    result = invoke("init", str(root), env={"GAVAH_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    return root
