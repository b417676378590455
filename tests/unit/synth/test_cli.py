"""The synth command through Typer: options, summary, JSON, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gavah.cli.synth import register
from gavah.errors import ConfigError
from gavah.vocab.types import Vocabulary

from .conftest import make_vocabulary


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """A tiny app to carry the command."""

    register(app, vocabulary=make_vocabulary)
    return app


def test_json_summary(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["synth", "--persons", "300", "--lists", "3", "--seed", "4", "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--evidence", "2", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert summary["persons"] == truth["persons"] == 300
    assert summary["observed"] == truth["observed"]
    assert [item["name"] for item in summary["lists"]] == truth["lists"]
    assert [item["records"] for item in summary["lists"]] == list(truth["records"].values())
    assert len(list((out / "evidence").glob("*.jpg"))) == 2


def test_human_summary(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", "--persons", "100", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "true persons: 100" in result.stdout
    assert "rights-network" in result.stdout


def test_help_explains_the_options(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["synth", "--help"])
    assert result.exit_code == 0
    for option in ("--persons", "--lists", "--seed", "--out", "--evidence", "--force", "--json"):
        assert option in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--persons", "0"], "--persons"),
        (["--persons", "10", "--lists", "11"], "--lists"),
        (["--persons", "10", "--lists", "1"], "--lists"),
        (["--persons", "10", "--evidence", "-3"], "--evidence"),
    ],
)
def test_bad_input_is_a_config_error(
    app: typer.Typer, tmp_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(app, ["synth", *args, "--out", str(tmp_path / "o")])
    assert isinstance(result.exception, ConfigError)
    assert message in str(result.exception)
    assert "\n" not in str(result.exception)
    assert not (tmp_path / "o").exists()


def test_non_empty_out_fails_before_generating(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["synth", "--persons", "10", "--out", str(out)])
    assert isinstance(result.exception, ConfigError)
    assert "--force" in str(result.exception)
    result = CliRunner().invoke(app, ["synth", "--persons", "10", "--out", str(out), "--force"])
    assert isinstance(result.exception, ConfigError)
    assert (out / "notes.txt").exists()


def test_missing_vocabulary_is_a_config_error(tmp_path: Path) -> None:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """A tiny app to carry the command."""

    def unavailable() -> Vocabulary:
        raise ConfigError("the shipped name and place vocabulary is not available")

    register(app, vocabulary=unavailable)
    result = CliRunner().invoke(app, ["synth", "--persons", "10", "--out", str(tmp_path / "o")])
    assert isinstance(result.exception, ConfigError)
