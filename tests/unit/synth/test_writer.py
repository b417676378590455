"""Writing: all or nothing, never over someone else's files, progress reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gavah.errors import ConfigError
from gavah.synth import Scenario, ScenarioParams, generate_scenario, write_scenario
from gavah.synth import writer as writer_module
from gavah.vocab.types import Vocabulary


@pytest.fixture(scope="module")
def small(vocab: Vocabulary) -> Scenario:
    return generate_scenario(vocab, ScenarioParams(persons=200, lists=3, seed=9, evidence=2))


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_writes_the_layout_and_reports_progress(small: Scenario, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_scenario(small, tmp_path / "out", on_progress=lambda d, t: calls.append((d, t)))
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert names == set(writer_module.OUTPUT_NAMES)
    assert calls[0] == (0, small.total_records)
    assert calls[-1] == (small.total_records, small.total_records)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert _leftovers(tmp_path) == []


def test_refuses_a_non_empty_folder_without_force(small: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_scenario(small, out)
    before = (out / "truth.csv").read_bytes()
    with pytest.raises(ConfigError, match="not empty"):
        write_scenario(small, out)
    assert (out / "truth.csv").read_bytes() == before


def test_force_replaces_an_earlier_output(
    vocab: Vocabulary, small: Scenario, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_scenario(small, out)
    other = generate_scenario(vocab, ScenarioParams(persons=50, lists=2, seed=1, evidence=0))
    write_scenario(other, out, force=True)
    info = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert info["persons"] == 50
    assert not (out / "lists" / f"{small.lists[2].name}.csv").exists()
    assert _leftovers(tmp_path) == []


def test_force_never_replaces_foreign_files(small: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("do not delete", encoding="utf-8")
    with pytest.raises(ConfigError, match="did not write"):
        write_scenario(small, out, force=True)
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "do not delete"


def test_an_empty_folder_or_a_missing_parent_is_fine(small: Scenario, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write_scenario(small, tmp_path / "empty")
    write_scenario(small, tmp_path / "a" / "b" / "c")
    assert (tmp_path / "empty" / "truth.json").exists()
    assert (tmp_path / "a" / "b" / "c" / "truth.json").exists()


def test_a_file_in_the_way(small: Scenario, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a folder"):
        write_scenario(small, tmp_path / "out", force=True)


def test_a_failure_leaves_nothing_half_written(small: Scenario, tmp_path: Path) -> None:
    def explode(done: int, total: int) -> None:
        if done:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_scenario(small, tmp_path / "out", on_progress=explode)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_replace_keeps_the_earlier_output(small: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_scenario(small, out)
    before = (out / "truth.csv").read_bytes()

    def explode(done: int, total: int) -> None:
        if done:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_scenario(small, out, force=True, on_progress=explode)
    assert (out / "truth.csv").read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_an_unwritable_parent_is_a_config_error(small: Scenario, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot write"):
        write_scenario(small, blocker / "out")
