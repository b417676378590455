"""The scenario on the shipped vocabulary, read back with the project's own parsers.

What the register's importer will rely on: every date parses (gavah.text.dates) to a period
within three days of the truth, and every province cell names the true province in the
gazetteer (gavah.vocab), in either script and with its spelling variants.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from gavah.synth import ScenarioParams, generate_scenario, write_scenario
from gavah.text.dates import parse_date
from gavah.vocab import load_gazetteer, load_vocabulary

SLACK = dt.timedelta(days=3)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "out"
    params = ScenarioParams(persons=2500, lists=7, seed=2, evidence=1)
    write_scenario(generate_scenario(load_vocabulary(), params), out)
    return out


def _lists(root: Path) -> dict[str, list[dict[str, str]]]:
    info = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    out = {}
    for name in info["lists"]:
        with (root / "lists" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            out[name] = list(csv.DictReader(f))
    return out


def _truth(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    with (root / "persons.csv").open(encoding="utf-8", newline="") as f:
        persons = {p["person_id"]: p for p in csv.DictReader(f)}
    with (root / "truth.csv").open(encoding="utf-8", newline="") as f:
        return {(t["source"], t["record_id"]): persons[t["person_id"]] for t in csv.DictReader(f)}


def test_every_date_parses_near_the_truth(shipped: Path) -> None:
    truth = _truth(shipped)
    checked = 0
    for name, rows in _lists(shipped).items():
        for row in rows:
            if not row.get("date"):
                continue
            period = parse_date(row["date"])
            true_day = dt.date.fromisoformat(truth[(name, row["record_id"])]["date"])
            assert period.to_date() - SLACK <= true_day <= period.last_date() + SLACK, row["date"]
            checked += 1
    assert checked > 1000


def test_every_province_names_the_true_province(shipped: Path) -> None:
    gazetteer = load_gazetteer()
    truth = _truth(shipped)
    checked = 0
    for name, rows in _lists(shipped).items():
        for row in rows:
            if not row.get("province"):
                continue
            found = gazetteer.match_province(row["province"])
            assert found is not None, row["province"]
            assert found.code == truth[(name, row["record_id"])]["province_code"]
            checked += 1
    assert checked > 1000


def test_most_cities_are_found_despite_typos(shipped: Path) -> None:
    gazetteer = load_gazetteer()
    cells = [r["city"] for rows in _lists(shipped).values() for r in rows if r.get("city")]
    missed = sum(gazetteer.match_city(c) is None for c in cells)
    assert missed / len(cells) < 0.05


def test_namesakes_are_frequent_with_the_shipped_names(shipped: Path) -> None:
    info = json.loads((shipped / "truth.json").read_text(encoding="utf-8"))
    namesakes = info["namesakes"]
    assert namesakes["persons_sharing_full_name"] > 0.2 * info["persons"]
    assert namesakes["persons_sharing_full_and_father_name"] > 0
