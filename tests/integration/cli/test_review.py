"""``gavah review``: decisions persist and every later link respects them, across re-imports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.integration.cli.conftest import Invoke

LIST_A = (
    "record_id,full_name,father_name,age,date,city\n"
    "a1,محمد رضایی,علی,30,2026-01-09,تهران\n"
    "a2,سارا کریمی,حسن,22,2026-01-10,شیراز\n"
)
LIST_B = (
    "record_id,full_name,father_name,age,date,city\n"
    "b1,Mohammad Rezaei,Ali,30,2026-01-09,Tehran\n"
    "b2,Sara Karimi,Hassan,22,2026-01-10,Shiraz\n"
    "b3,Kian Ahmadi,Reza,41,2026-01-12,Rasht\n"
)


def _persons(invoke: Invoke, ws: Path, tmp_path: Path) -> dict[tuple[str, str], str]:
    export = tmp_path / "out.csv"
    result = invoke("-w", str(ws), "link", "--export", str(export), "--threshold", "0.9")
    assert result.exit_code == 0, result.output
    with export.open(encoding="utf-8", newline="") as fh:
        return {(r["source"], r["record_id"]): r["person_id"] for r in csv.DictReader(fh)}


def _setup(workspace: Path, invoke: Invoke, tmp_path: Path) -> None:
    for name, text in (("a", LIST_A), ("b", LIST_B)):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        result = invoke("-w", str(workspace), "lists", "import", str(path), "--source", name)
        assert result.exit_code == 0, result.output


def test_different_splits_same_joins_and_both_survive_reimport(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    _setup(workspace, invoke, tmp_path)
    ws = str(workspace)
    before = _persons(invoke, workspace, tmp_path)
    assert before[("a", "a1")] == before[("b", "b1")]
    assert before[("a", "a2")] == before[("b", "b2")]
    assert before[("b", "b3")] != before[("a", "a1")]
    for args in (
        ("different", "--pair", "a", "a1", "b", "b1", "--reason", "other father per family"),
        ("same", "--pair", "a", "a1", "b", "b3"),
    ):
        result = invoke("-w", ws, "review", "decide", *args, "--by", "analyst")
        assert result.exit_code == 0, result.output
    after = _persons(invoke, workspace, tmp_path)
    assert after[("a", "a1")] != after[("b", "b1")]
    assert after[("a", "a1")] == after[("b", "b3")]
    changed = tmp_path / "a.csv"
    changed.write_text(LIST_A.replace(",22,", ",23,"), encoding="utf-8")
    result = invoke("-w", ws, "lists", "import", str(changed), "--source", "a")
    assert result.exit_code == 0, result.output
    again = _persons(invoke, workspace, tmp_path)
    assert again[("a", "a1")] != again[("b", "b1")]
    assert again[("a", "a1")] == again[("b", "b3")]


def test_list_show_and_decide_by_item(workspace: Path, invoke: Invoke, tmp_path: Path) -> None:
    _setup(workspace, invoke, tmp_path)
    ws = str(workspace)
    # Everything above 0.0001 and below 0.9999 waits for review.
    result = invoke("-w", ws, "link", "--threshold", "0.9999", "--review-from", "0.0001")
    assert result.exit_code == 0, result.output
    listed = json.loads(invoke("-w", ws, "review", "list", "--json").stdout)
    assert listed, "expected uncertain pairs"
    shown = json.loads(invoke("-w", ws, "review", "show", "1", "--json").stdout)
    assert next(c["comparison"] for c in shown["contributions"]) == "name"
    assert len(shown["records"]) == 2
    result = invoke("-w", ws, "review", "decide", "unsure", "--item", "1", "--by", "x")
    assert result.exit_code == 0, result.output
    bad = invoke("-w", ws, "review", "show", "999")
    assert bad.exit_code == 1
    assert "no pair 999" in bad.stderr
    neither = invoke("-w", ws, "review", "decide", "same", "--by", "x")
    assert neither.exit_code == 1
