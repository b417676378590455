"""``gavah link`` as a user runs it: synthetic lists in, persons and an export out."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.integration.cli.conftest import Invoke


@pytest.fixture
def imported(workspace: Path, invoke: Invoke, tmp_path: Path) -> Path:
    """A workspace holding three small synthetic lists and one with a formula in a cell."""
    out = tmp_path / "synth"
    result = invoke("synth", "--persons", "150", "--lists", "3", "--seed", "5", "--out", str(out))
    assert result.exit_code == 0, result.output
    for path in sorted((out / "lists").glob("*.csv")):
        result = invoke("-w", str(workspace), "lists", "import", str(path), "--source", path.stem)
        assert result.exit_code == 0, result.output
    evil = tmp_path / "evil.csv"
    evil.write_text('record_id,full_name\n=1+1,"=HYPERLINK(""http://x"")"\n', encoding="utf-8")
    result = invoke("-w", str(workspace), "lists", "import", str(evil), "--source", "@evil")
    assert result.exit_code == 0, result.output
    return workspace


def test_link_exports_one_row_per_record_neutralised(
    imported: Path, invoke: Invoke, tmp_path: Path
) -> None:
    export = tmp_path / "persons.csv"
    result = invoke("-w", str(imported), "link", "--export", str(export), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    with export.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["source", "record_id", "person_id"]
    assert len(rows) - 1 == summary["records"]
    assert len({r[2] for r in rows[1:]}) == summary["persons"] < summary["records"]
    assert list(rows[1 + [r[0] for r in rows[1:]].index("'@evil")][:2]) == ["'@evil", "'=1+1"]
    assert not any(c.startswith(("=", "+", "@")) for r in rows[1:] for c in r)


def test_relinking_keeps_person_ids(imported: Path, invoke: Invoke, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert invoke("-w", str(imported), "link", "--export", str(first)).exit_code == 0
    assert invoke("-w", str(imported), "link", "--export", str(second)).exit_code == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_spark_backend_without_pyspark_is_a_clear_error(
    imported: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gavah.linkage.scoring.spark_available", lambda: False)
    result = invoke("-w", str(imported), "link", "--backend", "spark")
    assert result.exit_code == 1
    assert result.stderr.startswith("gavah: error: the Spark backend needs PySpark and Java")


def test_an_unknown_backend_is_a_clear_error(imported: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(imported), "link", "--backend", "hadoop")
    assert result.exit_code == 1
    assert "unknown linkage backend" in result.stderr


def test_estimate_from_the_register_uses_the_linked_persons(
    imported: Path, invoke: Invoke, tmp_path: Path
) -> None:
    export = tmp_path / "persons.csv"
    assert invoke("-w", str(imported), "link", "--export", str(export)).exit_code == 0
    with export.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if not r["source"].startswith("'")]
    systems = sorted({r["source"] for r in rows})
    persons = {r["person_id"] for r in rows}
    args = ["-w", str(imported), "estimate", "--method", "loglinear", "--json"]
    result = invoke(*args, "--lists", ",".join(systems))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["lists"] == systems
    assert data["observed"] == len(persons)
    assert data["estimate"] >= data["observed"]


def test_estimate_from_the_register_names_what_is_wrong(
    imported: Path, invoke: Invoke, workspace: Path
) -> None:
    before = invoke("-w", str(imported), "estimate", "--method", "loglinear")
    assert before.exit_code == 1
    assert "no linked persons yet" in before.stderr
    assert invoke("-w", str(imported), "link").exit_code == 0
    unknown = invoke("-w", str(imported), "estimate", "--lists", "nobody,morgue-leak")
    assert unknown.exit_code == 1
    assert "no linked records from nobody" in unknown.stderr
    bad_field = invoke("-w", str(imported), "estimate", "--strata", "shoe_size")
    assert bad_field.exit_code == 1
    assert "cannot stratify by 'shoe_size'" in bad_field.stderr
