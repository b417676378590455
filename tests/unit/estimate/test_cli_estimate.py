"""``gavah estimate`` through a tiny Typer app built with the command's own ``register()``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from gavah.cli.estimate import register
from gavah.errors import GavahError

from .mse_data import DATA


class _Group(TyperGroup):
    """Like the real app: a GavahError becomes one line on stderr and exit code 1."""

    def invoke(self, ctx: Any) -> Any:  # typer vendors its own click Context
        try:
            return super().invoke(ctx)
        except GavahError as err:
            typer.echo(f"gavah: error: {err}", err=True)
            raise typer.Exit(1) from None


def make_app() -> typer.Typer:
    app = typer.Typer(cls=_Group)

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    return app


def run(*args: str) -> Any:
    return CliRunner().invoke(make_app(), ["estimate", *args])


def test_uk_loglinear_stepwise_prints_11313() -> None:
    """Silverman (2014): ``gavah estimate --table uk5.csv --method loglinear`` gives 11,313."""
    result = run(
        "--table", str(DATA / "uk_modern_slavery_2013_5lists.csv"), "--method", "loglinear"
    )
    assert result.exit_code == 0, result.output
    assert "11,313" in result.stdout
    assert "9,889 to 13,063" in result.stdout
    assert "seed" not in result.stdout


def test_json_output_is_the_estimate_json() -> None:
    result = run(
        "--table",
        str(DATA / "dga_madigan_york_3lists.csv"),
        "--method",
        "loglinear",
        "--criterion",
        "bic",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "loglinear"
    assert data["settings"]["criterion"] == "bic"
    assert len(data["input_sha256"]) == 64


def test_lcmcr_with_seed_strata_and_plots(tmp_path: Path) -> None:
    table = tmp_path / "strata.csv"
    rows = ["region,A,B,C,count"]
    for region, scale in (("north", 1), ("south", 2)):
        for pattern, count in (
            ("1,0,0", 60),
            ("0,1,0", 50),
            ("0,0,1", 40),
            ("1,1,0", 20),
            ("0,1,1", 15),
            ("1,0,1", 12),
            ("1,1,1", 5),
        ):
            rows.append(f"{region},{pattern},{count * scale}")
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = (
        "--table",
        str(table),
        "--strata",
        "region",
        "--seed",
        "5",
        "--chains",
        "2",
        "--iterations",
        "2000",
        "--burnin",
        "500",
        "--thin",
        "2",
        "--workers",
        "2",
    )
    first = run(*args, "--json", "--plots", str(tmp_path / "plots"))
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    assert [s["stratum"] for s in data["strata"]] == ["north", "south"]
    assert data["settings"]["seed"] == 5
    assert data["diagnostics"]["verdict"] in ("converged", "not converged")
    assert {p.name for p in (tmp_path / "plots").iterdir()} == {
        "overlaps.svg",
        "trace.svg",
        "posterior.svg",
        "strata.svg",
    }
    again = json.loads(run(*args, "--json").stdout)
    assert again["estimate"] == data["estimate"], "the same seed must give the same estimate"
    human = run(*args)
    assert human.exit_code == 0
    assert "chain medians" in human.stdout
    assert "north" in human.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("A,B,count\n2,0,5\n", "expected 0 or 1"),
        ("A,B,count\n1,0,-5\n", "negative"),
        ("A,B,count\n1,0,1.5\n", "not a whole number"),
        ("A,B\n1,0\n", "no 'count' column"),
        ("A,count\n1,5\n", "at least 2 lists"),
        ("A,B,count\n1,0,0\n0,1,0\n", "no observed people"),
        (",".join(f"L{i}" for i in range(40)) + ",count\n" + "1," * 40 + "1\n", "40 list columns"),
    ],
    ids=["not-01", "negative", "fraction", "no-count", "one-list", "all-zero", "forty-lists"],
)
def test_malformed_tables_fail_with_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    result = run("--table", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, "one line, no traceback"
    assert result.stdout == ""


def test_a_table_with_no_estimate_says_why(tmp_path: Path) -> None:
    path = tmp_path / "apart.csv"
    path.write_text("A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n", encoding="utf-8")
    result = run("--table", str(path), "--method", "loglinear")
    assert result.exit_code == 1
    assert "nobody is on more than one list" in result.stderr


def test_bad_settings_and_two_lists_for_lcmcr(tmp_path: Path) -> None:
    kosovo = str(DATA / "kosovo_1999_lcmcr.csv")
    result = run("--table", kosovo, "--iterations", "10", "--thin", "5")
    assert result.exit_code == 1
    assert "at least 4 draws" in result.stderr
    two = tmp_path / "two.csv"
    two.write_text("A,B,count\n1,0,5\n0,1,4\n1,1,2\n", encoding="utf-8")
    result = run("--table", str(two))
    assert result.exit_code == 1
    assert "LCMCR needs at least 3 lists" in result.stderr
    assert run("--table", kosovo, "--method", "bayes").exit_code == 2


def test_twenty_lists_are_for_lcmcr_only() -> None:
    """The 20-list Colombia stratum (JEP-CEV-HRDAG verdata): a log-linear design would need
    2^20 rows, so the command says to use LCMCR instead of trying."""
    result = run(
        "--table",
        str(DATA / "verdata_colombia_recruitment_male_1999_R1.csv"),
        "--method",
        "loglinear",
    )
    assert result.exit_code == 1
    assert "at most 15 lists" in result.stderr
    assert "--method lcmcr" in result.stderr


def _stratified_csv(tmp_path: Path) -> Path:
    """Three provinces: one fine, one whose lists never overlap, one with a handful of people."""
    rows = ["province,A,B,C,count"]
    fine = (("1,0,0", 50), ("0,1,0", 40), ("1,1,0", 10), ("0,0,1", 30), ("1,0,1", 8), ("0,1,1", 6))
    rows += [f"تهران,{p},{c}" for p, c in fine]
    rows += [f"کرمانشاه,{p},{c}" for p, c in (("1,0,0", 50), ("0,1,0", 40), ("0,0,1", 30))]
    rows += [f"ایلام,{p},{c}" for p, c in (("1,0,0", 3), ("1,1,0", 2))]
    path = tmp_path / "strata.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_strata_that_cannot_be_estimated_are_left_out_not_fatal(tmp_path: Path) -> None:
    path = _stratified_csv(tmp_path)
    args = ("--table", str(path), "--strata", "province", "--method", "loglinear")
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["stratum"] for s in data["strata"]] == ["تهران"]
    left = {s["stratum"]: s for s in data["strata_left_out"]}
    assert set(left) == {"کرمانشاه", "ایلام"}
    assert left["کرمانشاه"]["observed"] == 120
    assert "more than one list" in left["کرمانشاه"]["reason"]
    assert "only 5 people" in left["ایلام"]["reason"]
    assert data["observed"] == 144
    assert data["observed_left_out"] == 125
    human = run(*args)
    assert human.exit_code == 0, human.output
    assert "left out: cannot be estimated" in human.stdout
    assert "2 strata, 125 observed people" in human.stdout
    assert "holding 125 observed people" in human.stdout


def test_png_plots_have_the_same_bytes_every_time(tmp_path: Path) -> None:
    path = _stratified_csv(tmp_path)
    args = ("--table", str(path), "--strata", "province", "--method", "loglinear")
    for out in ("one", "two"):
        result = run(*args, "--plots", str(tmp_path / out), "--plot-format", "png")
        assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert written == ["overlaps.png", "strata.png"]
    for name in written:
        data = (tmp_path / "one" / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert data == (tmp_path / "two" / name).read_bytes()
        assert b"matplotlib" not in data
