"""The whole scenario: determinism by seed, consistent counts, independent random streams."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from gavah.errors import ConfigError
from gavah.synth import Scenario, ScenarioParams, generate_scenario, write_scenario
from gavah.vocab.types import Vocabulary


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_same_seed_gives_byte_identical_files(vocab: Vocabulary, tmp_path: Path) -> None:
    params = ScenarioParams(persons=800, lists=6, seed=42, evidence=3)
    write_scenario(generate_scenario(vocab, params), tmp_path / "a")
    write_scenario(generate_scenario(vocab, params), tmp_path / "b")
    a, b = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert len(a) == 6 + 7 + 3 + 2  # lists, top-level files, images, statements
    assert a == b


def test_another_seed_gives_other_files(vocab: Vocabulary, tmp_path: Path) -> None:
    write_scenario(generate_scenario(vocab, ScenarioParams(persons=300, seed=1)), tmp_path / "a")
    write_scenario(generate_scenario(vocab, ScenarioParams(persons=300, seed=2)), tmp_path / "b")
    a, b = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert a["truth.csv"] != b["truth.csv"]
    assert a["lists/rights-network.csv"] != b["lists/rights-network.csv"]


def test_more_evidence_leaves_the_lists_unchanged(vocab: Vocabulary) -> None:
    few = generate_scenario(vocab, ScenarioParams(persons=400, seed=5, evidence=1))
    many = generate_scenario(vocab, ScenarioParams(persons=400, seed=5, evidence=6))
    assert len(many.evidence) == len(few.evidence) + 5
    assert list(few.records(0)) == list(many.records(0))
    assert (few.captured == many.captured).all()


def test_records_are_rendered_the_same_every_time(scenario: Scenario) -> None:
    assert list(scenario.records(2)) == list(scenario.records(2))


def test_truth_matches_the_lists(scenario: Scenario, written: Path) -> None:
    truth = _rows(written / "truth.csv")
    info = json.loads((written / "truth.json").read_text(encoding="utf-8"))
    list_rows = {name: _rows(written / "lists" / f"{name}.csv") for name in info["lists"]}
    assert len(truth) == sum(len(rows) for rows in list_rows.values())
    assert info["records"] == {name: len(rows) for name, rows in list_rows.items()}
    for name, rows in list_rows.items():
        ids = [r["record_id"] for r in rows]
        assert len(set(ids)) == len(ids), name
        assert ids == [t["record_id"] for t in truth if t["source"] == name]
    # within-list duplicates point to the same person
    per_list = Counter((t["source"], t["person_id"]) for t in truth)
    repeats = Counter(source for (source, _), n in per_list.items() if n > 1)
    assert repeats == {k: v for k, v in info["duplicates"].items() if v}


def test_capture_histories_are_those_of_the_truth(scenario: Scenario, written: Path) -> None:
    truth = _rows(written / "truth.csv")
    info = json.loads((written / "truth.json").read_text(encoding="utf-8"))
    lists = info["lists"]
    on: dict[str, set[str]] = {}
    for t in truth:
        on.setdefault(t["person_id"], set()).add(t["source"])
    patterns = Counter("".join("1" if s in srcs else "0" for s in lists) for srcs in on.values())
    assert {h["pattern"]: h["count"] for h in info["capture_histories"]} == dict(patterns)
    assert info["observed"] == len(on) == sum(patterns.values()) == scenario.observed
    assert info["persons"] == 3000 > info["observed"]
    table = _rows(written / "capture_histories.csv")
    assert sum(int(r["count"]) for r in table) == info["observed"]
    assert list(table[0]) == [*lists, "count"]
    persons = _rows(written / "persons.csv")
    assert len(persons) == 3000
    assert sum(p["lists"] != "0" * len(lists) for p in persons) == info["observed"]
    assert info["namesakes"]["persons_sharing_full_name"] > 0


def test_sources_and_incidents(scenario: Scenario, written: Path) -> None:
    sources = json.loads((written / "sources.json").read_text(encoding="utf-8"))
    ids = {s["id"] for s in sources}
    assert {item.name for item in scenario.lists} <= ids
    assert {"witness", "medical", "media", "official"} <= {s["type"] for s in sources}
    derived = [s for s in sources if s["origin"]]
    assert derived
    assert all(s["origin"] in ids for s in derived)
    official = next(s for s in sources if s["type"] == "official")
    claim = official["claims"][0]
    # 3,000 dead, officially a vague fraction
    assert claim["text"].startswith(("several hundred", "several thousand"))
    assert claim["count_min"] < 3000
    incidents = json.loads((written / "incidents.json").read_text(encoding="utf-8"))
    assert incidents
    for incident in incidents:
        assert incident["count_min"] <= incident["true_count"] <= incident["count_max"]
        assert len(incident["person_ids"]) == incident["true_count"]
        assert set(incident["sources"]) <= ids
        assert 25 < incident["place"]["lat"] < 40
        assert incident["acts"][0]["kind"] == "killing"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (ScenarioParams(persons=0), "--persons"),
        (ScenarioParams(persons=10, lists=1), "--lists"),
        (ScenarioParams(persons=10, lists=11), "--lists"),
        (ScenarioParams(persons=10, seed=-1), "--seed"),
        (ScenarioParams(persons=10, evidence=-1), "--evidence"),
    ],
)
def test_parameters_out_of_range(vocab: Vocabulary, params: ScenarioParams, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        generate_scenario(vocab, params)


@pytest.mark.parametrize("k", [2, 10])
def test_list_count_extremes(vocab: Vocabulary, k: int) -> None:
    scenario = generate_scenario(vocab, ScenarioParams(persons=500, lists=k, seed=3))
    names = [item.name for item in scenario.lists]
    assert len(names) == len(set(names)) == k
    assert all(len(item.plan) > 0 for item in scenario.lists)


def test_a_single_person(vocab: Vocabulary, tmp_path: Path) -> None:
    scenario = generate_scenario(vocab, ScenarioParams(persons=1, lists=2, seed=1))
    write_scenario(scenario, tmp_path / "one")
    info = json.loads((tmp_path / "one" / "truth.json").read_text(encoding="utf-8"))
    assert info["persons"] == 1
    assert info["observed"] in (0, 1)
