"""``gavah estimate`` through the real app: register strata, stored runs, malformed tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from gavah.errors import StorageError
from gavah.model import Person
from gavah.store import PersonRepository, RecordRepository, SourceRepository
from gavah.text.dates import PartialDate
from gavah.workspace import Settings, Workspace
from tests.integration.cli.conftest import Invoke
from tests.integration.store.factories import make_record, make_source

DATA = Path(__file__).parents[2] / "unit" / "estimate" / "data"
UK5 = str(DATA / "uk_modern_slavery_2013_5lists.csv")
#: one cycle of capture patterns over lists a, b, c (bit j: on list j)
CYCLE = [0b001] * 5 + [0b010] * 4 + [0b100] * 3 + [0b011] * 2 + [0b101, 0b110, 0b111]
SHORT_LCMCR = ("--chains", "2", "--iterations", "2000", "--burnin", "200", "--thin", "5")


@pytest.fixture
def register(workspace: Path) -> Path:
    """A linked register: 170 people aged 25 (January), 170 aged 35 (February), and 20 aged 70
    (March) who are each on one list only, so their stratum cannot be estimated."""
    sources = [make_source(f"list-{name}") for name in ("a", "b", "c")]
    groups = [(25, 1, CYCLE * 10), (35, 2, CYCLE * 10), (70, 3, [0b001, 0b010] * 10)]
    records, owners = [], {}
    person = 0
    for age, month, masks in groups:
        for mask in masks:
            person += 1
            day = PartialDate.from_date(dt.date(2026, month, 1 + person % 28))
            for j, source in enumerate(sources):
                if mask >> j & 1:
                    record = make_record(source, person, age=age, event_date=day)
                    records.append(record)
                    owners[record.key] = f"p-{person}"
    ws = Workspace.open(Settings.build({}, workspace))
    try:
        store = ws.store()
        with store.session() as session:
            for source in sources:
                SourceRepository(session).add(source)
            RecordRepository(session).add_many(records)
            for pid in sorted(set(owners.values())):
                PersonRepository(session).add(Person(pid))
            RecordRepository(session).assign_persons(owners)
    finally:
        ws.close()
    return workspace


def test_register_strata_by_age_band_leave_out_what_cannot_be_estimated(
    register: Path, invoke: Invoke
) -> None:
    result = invoke("-w", str(register), "estimate", "--strata", "age", "--method", "loglinear",
                    "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["stratum"] for s in data["strata"]] == ["18-29", "30-44"]
    assert data["strata_left_out"] == [
        {
            "stratum": "60+",
            "observed": 20,
            "reason": "stratum '60+': nobody is on more than one list: without overlaps "
            "nothing bounds the number no list recorded",
        }
    ]
    assert data["observed"] == 340
    assert data["observed_left_out"] == 20
    assert isinstance(data["id"], int)


def test_register_strata_by_month_and_week(register: Path, invoke: Invoke) -> None:
    months = invoke("-w", str(register), "estimate", "--strata", "month", "--method", "loglinear",
                    "--json", "--no-store")  # fmt: skip
    assert months.exit_code == 0, months.output
    data = json.loads(months.stdout)
    assert [s["stratum"] for s in data["strata"]] == ["2026-01", "2026-02"]
    assert [s["stratum"] for s in data["strata_left_out"]] == ["2026-03"]
    assert "id" not in data
    weeks = invoke("-w", str(register), "estimate", "--strata", "week", "--method", "loglinear",
                   "--json", "--no-store")  # fmt: skip
    assert weeks.exit_code == 0, weeks.output
    names = [s["stratum"] for s in json.loads(weeks.stdout)["strata"]]
    names += [s["stratum"] for s in json.loads(weeks.stdout)["strata_left_out"]]
    assert names
    assert all(n.startswith("2026-W") for n in names)


def test_runs_are_stored_with_the_hash_of_their_inputs(workspace: Path, invoke: Invoke) -> None:
    ws = ("-w", str(workspace))
    first = invoke(*ws, "estimate", "--table", UK5, "--method", "loglinear", "--json")
    assert first.exit_code == 0, first.output
    printed = json.loads(first.stdout)
    second = invoke(*ws, "estimate", "--table", UK5, "--method", "lcmcr", "--seed", "4",
                    *SHORT_LCMCR)  # fmt: skip
    assert second.exit_code == 0, second.output
    assert f"stored as estimate {printed['id'] + 1}" in second.stdout
    skipped = invoke(*ws, "estimate", "--table", UK5, "--method", "loglinear", "--no-store")
    assert skipped.exit_code == 0
    assert "stored as" not in skipped.stdout

    listed = json.loads(invoke(*ws, "estimate", "list", "--json").stdout)
    assert [e["method"] for e in listed] == ["loglinear", "lcmcr"]
    assert listed[0]["estimate"] == 11313.0
    assert listed[0]["input_sha256"] == printed["input_sha256"]
    human_list = invoke(*ws, "estimate", "list").stdout
    assert "loglinear: 11,313 (9,889 to 13,063), estimable" in human_list

    shown = json.loads(invoke(*ws, "estimate", "show", str(printed["id"]), "--json").stdout)
    assert shown["result"] == {k: v for k, v in printed.items() if k != "id"}
    # the hash can be checked from what is stored: canonical table, then the settings line
    settings = json.dumps(shown["result"]["settings"], sort_keys=True, separators=(",", ":"))
    inputs = (shown["table_csv"] + settings + "\n").encode("utf-8")
    assert hashlib.sha256(inputs).hexdigest() == shown["input_sha256"]
    table_hash = hashlib.sha256(shown["table_csv"].encode("utf-8")).hexdigest()
    assert table_hash == shown["result"]["table_sha256"]

    human = invoke(*ws, "estimate", "show", str(printed["id"] + 1))
    assert human.exit_code == 0, human.output
    assert "chain medians" in human.stdout
    assert "verdict" in human.stdout
    missing = invoke(*ws, "estimate", "show", "99")
    assert missing.exit_code == 1
    assert (
        missing.stderr == "gavah: error: no stored estimate 99; `gavah estimate list` shows them\n"
    )


def test_a_table_outside_a_workspace_is_estimated_and_not_stored(
    tmp_path: Path, invoke: Invoke
) -> None:
    nowhere = ("-w", str(tmp_path / "none"))
    result = invoke(*nowhere, "estimate", "--table", UK5, "--method", "loglinear", "--json")
    assert result.exit_code == 0, result.output
    assert "id" not in json.loads(result.stdout)
    assert not (tmp_path / "none").exists()
    listing = invoke(*nowhere, "estimate", "list")
    assert listing.exit_code == 1
    assert listing.stderr.startswith("gavah: error: no workspace at")


def test_an_empty_workspace_lists_no_estimates(workspace: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(workspace), "estimate", "list")
    assert result.exit_code == 0
    assert "no stored estimates yet" in result.stdout
    assert json.loads(invoke("-w", str(workspace), "estimate", "list", "--json").stdout) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("A,B,C,count\n2,0,0,5\n", "expected 0 or 1"),
        ("A,B,C,count\n1,0,0,-5\n", "negative"),
        ("A,B,C,count\n1,0,0,1.5\n", "not a whole number"),
        ("A,B,C\n1,0,0\n", "no 'count' column"),
        ("A,count\n1,5\n", "at least 2 lists"),
        ("A,B,C,count\n1,0,0,0\n0,1,0,0\n", "no observed people"),
        (",".join(f"L{i}" for i in range(40)) + ",count\n" + "1," * 40 + "1\n", "40 list columns"),
    ],
    ids=["not-01", "negative", "fraction", "no-count", "one-list", "all-zero", "forty-lists"],
)
@pytest.mark.parametrize("method", ["lcmcr", "loglinear"])
def test_malformed_tables_get_one_clear_line(
    tmp_path: Path, invoke: Invoke, content: str, message: str, method: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    result = invoke("estimate", "--table", str(path), "--method", method)
    assert result.exit_code == 1
    assert result.stderr.startswith("gavah: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, "one line, no traceback"
    assert result.stdout == ""


def test_a_result_that_cannot_be_stored_is_still_printed(
    workspace: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> int:
        raise StorageError("database error: disk I/O error")

    monkeypatch.setattr("gavah.cli.estimate.store_result", refuse)
    result = invoke("-w", str(workspace), "estimate", "--table", UK5, "--method", "loglinear")
    assert result.exit_code == 1
    assert "11,313" in result.stdout
    assert result.stderr == (
        "gavah: error: the estimate was not stored: database error: disk I/O error\n"
    )
