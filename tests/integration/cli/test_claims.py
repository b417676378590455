"""``gavah import claims``, ``claims grade|board|show``, ``counts`` and the claim exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.integration.cli.conftest import Invoke

SUBJECT = {"status": "killed", "province": "IR-16", "city": "آبدانان", "date": "1404/10/19"}

#: Two media reports quote one NGO (one stream); a family report is independent.
SCENARIO: list[dict[str, Any]] = [
    {"type": "source", "id": "ngo", "name": "شبکهٔ حقوق‌بشری", "kind": "ngo",
     "reliability": "reliable"},
    {"type": "source", "id": "media-a", "name": "Media A", "kind": "media", "origin": "ngo"},
    {"type": "source", "id": "media-b", "name": "Media B", "kind": "media"},
    {"type": "source", "id": "family", "name": "خانوادهٔ جان‌باختگان", "kind": "family",
     "reliability": "usually_reliable"},
    {"type": "source", "id": "ministry", "name": "Ministry statement", "kind": "official",
     "reliability": "doubtful"},
    {"type": "incident", "id": "inc-1", "place": {"name": "=HYPERLINK(\"x\") آبدانان",
     "lat": 32.99, "lon": 47.42, "precision": "city", "province": "IR-16"},
     "start": "2026-01-09", "end": "2026-01-09", "description": "Synthetic incident.",
     "acts": [{"id": "act-1", "type": "killing", "victims": {"min": 40, "max": 45},
               "perpetrator": "IRGC ground forces"}]},
    {"type": "claim", "id": "c-ngo", "source": "ngo", "date": "۱۴۰۴/۱۰/۲۱", "kind": "count",
     "text": "دست‌کم ۴۰ نفر در آبدانان کشته شدند", "count": {"min": 40, "max": 45},
     "subject": SUBJECT, "incident": "inc-1"},
    {"type": "claim", "id": "c-media-a", "source": "media-a", "date": "2026-01-12",
     "kind": "count", "text": "40 killed in Abdanan, the NGO says", "count": {"min": 40,
     "max": 45}, "subject": SUBJECT, "incident": "inc-1", "supports": ["c-ngo"]},
    {"type": "claim", "id": "c-media-b", "source": "media-b", "relays": "ngo",
     "date": "2026-01-13", "kind": "count", "text": "At least 40 dead in Abdanan",
     "count": {"min": 40, "max": 45}, "subject": SUBJECT, "incident": "inc-1",
     "supports": ["c-ngo"]},
    {"type": "claim", "id": "c-family", "source": "family", "date": "2026-01-15",
     "kind": "count", "text": "خانواده‌ها پیکر ۴۰ تن را شناسایی کردند",
     "count": {"min": 40, "max": 45}, "subject": SUBJECT, "incident": "inc-1",
     "supports": ["c-ngo"]},
    {"type": "claim", "id": "c-official", "source": "ministry", "date": "2026-01-20",
     "kind": "national_count", "text": "چند هزار نفر", "count": {"min": 2000, "max": 9999},
     "subject": {"status": "killed"}},
]  # fmt: skip


def _write(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n"
                for x in lines),
        encoding="utf-8",
    )  # fmt: skip
    return path


@pytest.fixture
def graded(workspace: Path, invoke: Invoke, tmp_path: Path) -> Path:
    """The workspace with the scenario imported."""
    path = _write(tmp_path / "claims.jsonl", SCENARIO)
    result = invoke("-w", str(workspace), "import", "claims", str(path), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["refused"] == []
    assert summary["imported"] == {"source": 5, "report": 5, "incident": 1, "claim": 5}
    return workspace


def test_grades_follow_the_policy_and_name_the_streams(graded: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(graded), "claims", "grade", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["grades"] == {"confirmed": 1, "fair": 4, "weak": 0, "contested": 0,
                             "discounted": 0}  # fmt: skip
    by_claim = {
        claim: json.loads(invoke("-w", str(graded), "claims", "show", claim, "--json").output)[
            "explanation"
        ]["grade"]
        for claim in ("c-ngo", "c-media-a", "c-media-b", "c-family", "c-official")
    }
    # NGO + its two relays are one stream, the family another: two streams is fair (not
    # confirmed: no verified primary evidence); the ministry's own figure is acknowledged.
    assert by_claim == {"c-ngo": "fair", "c-media-a": "fair", "c-media-b": "fair",
                        "c-family": "fair", "c-official": "confirmed"}  # fmt: skip
    shown = invoke("-w", str(graded), "claims", "show", "c-media-b", "--json")
    explanation = json.loads(shown.output)["explanation"]
    assert explanation["grade"] == "fair"
    streams = {s["stream"]: s for s in explanation["streams"]}
    assert set(streams) == {"شبکهٔ حقوق‌بشری", "خانوادهٔ جان‌باختگان"}
    assert streams["شبکهٔ حقوق‌بشری"]["speakers"] == ["Media A", "Media B", "شبکهٔ حقوق‌بشری"]
    text = invoke("-w", str(graded), "claims", "show", "c-ngo").output
    assert "stream 'شبکهٔ حقوق‌بشری' via Media A, Media B, شبکهٔ حقوق‌بشری: counted" in text


def test_a_stricter_threshold_changes_exactly_its_grades_and_diff_says_so(
    graded: Path, invoke: Invoke
) -> None:
    assert invoke("-w", str(graded), "claims", "grade").exit_code == 0
    config = graded / "gavah.toml"
    policy = (Path(__file__).parents[3] / "src/gavah/verify/data/policy.toml").read_text("utf-8")
    stricter = policy.replace("[grading.fair]\n# At least this many independent credible streams.\n"
                              "min_streams = 2", "[grading.fair]\nmin_streams = 3")  # fmt: skip
    assert stricter != policy
    config.write_text(config.read_text("utf-8") + "\n" + stricter, encoding="utf-8")
    result = invoke("-w", str(graded), "claims", "grade", "--diff", "--json")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["changes"]
    assert changes == [
        {"claim": c, "old": "fair", "new": "weak"}
        for c in ("c-family", "c-media-a", "c-media-b", "c-ngo")
    ]
    again = invoke("-w", str(graded), "claims", "grade", "--diff")
    assert "No grade changed" in again.output


def test_a_bad_policy_fails_closed(graded: Path, invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "policy.toml"
    bad.write_text("[grading]\nname = 'x'\n", encoding="utf-8")
    result = invoke("-w", str(graded), "claims", "grade", "--policy", str(bad))
    assert result.exit_code == 1
    assert "gavah: error:" in result.output
    assert "lacks setting(s)" in result.output


def test_malformed_lines_are_refused_with_their_numbers(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    claim = {k: v for k, v in SCENARIO[6].items() if k != "incident"}
    lines: list[Any] = [
        SCENARIO[0],  # 1 good
        "{not json",  # 2 bad JSON
        {"type": "rumour", "id": "x"},  # 3 unknown type
        {**claim, "id": "c-ghost", "source": "no-such-source"},  # 4 missing source
        {**claim, "id": "c-future", "date": "2099-01-01"},  # 5 date in the future
        {**claim, "id": "c-negative", "count": {"min": -3}},  # 6 negative count
        "",  # 7 blank: skipped
        {**claim, "id": "c-good"},  # 8 good
    ]
    path = _write(tmp_path / "bad.jsonl", lines)
    result = invoke("-w", str(workspace), "import", "claims", str(path))
    assert result.exit_code == 0, result.output
    assert f"{path}:2: line not imported: not JSON" in result.output
    assert f"{path}:3: line not imported: unknown type 'rumour'" in result.output
    assert f"{path}:4: line not imported: claim c-ghost cites unknown source" in result.output
    assert f"{path}:5: line not imported: claim date 2099-01-01 is in the future" in result.output
    assert f"{path}:6: line not imported: count.min: a count cannot be negative" in result.output
    assert "imported 1 sources, 1 reports, 0 incidents, 1 claims" in result.output
    strict = invoke("-w", str(workspace), "import", "claims", str(path), "--strict", "--json")
    assert strict.exit_code == 1
    summary = json.loads(strict.output)
    assert [p["line"] for p in summary["refused"]] == [2, 3, 4, 5, 6]
    assert summary["unchanged"] == 2  # re-import: the good lines are there already


def test_export_and_reimport_round_trip(graded: Path, invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert invoke("-w", str(graded), "export", "claims", str(out)).exit_code == 0
    lines = out.read_text("utf-8").splitlines()
    assert [json.loads(x)["type"] for x in lines].count("claim") == 5
    published = json.loads((Path(__file__).parents[3] / "docs/interchange.schema.json").read_text())
    validator = Draft202012Validator(published)
    for line in lines:  # every exported line is valid under the schema partners are given
        assert list(validator.iter_errors(json.loads(line))) == [], line
    assert list(validator.iter_errors({"type": "claim", "id": "x", "count": {"min": -1}}))
    other = tmp_path / "other"
    assert invoke("init", str(other), env={"GAVAH_PASSPHRASE": "x" * 20}).exit_code == 0
    result = invoke("-w", str(other), "import", "claims", str(out), "--json")
    assert json.loads(result.output)["refused"] == []
    again = tmp_path / "again.jsonl"
    assert invoke("-w", str(other), "export", "claims", str(again)).exit_code == 0
    assert again.read_text("utf-8") == out.read_text("utf-8")


def test_acled_export_uses_acled_columns_and_defuses_formulas(
    graded: Path, invoke: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "acled.csv"
    result = invoke("-w", str(graded), "export", "acled", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["event_date"] == "2026-01-09"
    assert row["event_type"] == "Violence against civilians"
    assert row["sub_event_type"] == "Attack"
    assert row["fatalities"] == "40"
    assert row["admin1"] == "Ilam"
    assert row["location"].startswith("'=HYPERLINK")  # neutralised, not a formula
    assert row["gavah_grade"] == "fair"


def test_board_and_counts(graded: Path, invoke: Invoke) -> None:
    board = json.loads(invoke("-w", str(graded), "claims", "board", "--json").output)
    assert next(row["quantity"] for row in board) == "killed, nationwide"
    local = board[1]
    assert local["date"] == "2026-01-09"
    assert local["competing"] is False
    assert len(local["claims"]) == 4
    counts = json.loads(invoke("-w", str(graded), "counts", "--json").output)
    total = counts["total"]
    assert total["grades"]["fair"]["unnamed"] == [40, 45]
    assert total["documented"]["total"] == [40, 45]
    assert counts["estimate"] is None
    assert counts["summary"].startswith("Documented and confirmed: 0; fair: +40–45; weak: +0")


@pytest.mark.parametrize(
    ("command", "phrases"),
    [
        (["claims", "grade"], ["--diff", "[grading] table", "--dry-run"]),
        (["claims", "board"], ["side by side", "--competing"]),
        (["claims", "show"], ["its stored grade and why"]),
        (["counts"], ["--by", "never", "counted twice", "estimate"]),
        (["import", "claims"], ["JSON Schema", "line", "atomic"]),
        (["export", "claims"], ["gavah import claims"]),
        (["export", "acled"], ["ACLED", "gavah_grade"]),
    ],
)
def test_every_command_explains_itself(
    command: list[str], phrases: list[str], invoke: Invoke
) -> None:
    result = invoke(*command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for phrase in phrases:
        assert phrase in result.output


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("x = [", encoding="utf-8")
    return {
        "unknown claim": (["claims", "show", "c-nowhere"], "no claim 'c-nowhere'"),
        "missing policy": (
            ["claims", "grade", "--policy", str(tmp_path / "none.toml")],
            "cannot read the policy file",
        ),
        "bad policy TOML": (["claims", "grade", "--policy", str(bad_toml)], "not valid TOML"),
        "unknown status": (["counts", "--status", "کشته"], "unknown status 'کشته'"),
        "missing file": (["import", "claims", str(tmp_path / "none.jsonl")], "cannot read"),
        "not UTF-8": (["import", "claims", str(binary)], "not UTF-8"),
        "a folder": (["export", "claims", str(tmp_path)], "cannot write"),
        "no such folder": (["export", "acled", str(tmp_path / "no" / "x.csv")], "cannot write"),
    }


@pytest.mark.parametrize(
    "case",
    ["unknown claim", "missing policy", "bad policy TOML", "unknown status", "missing file",
     "not UTF-8", "a folder", "no such folder"],
)  # fmt: skip
def test_bad_input_is_one_error_line_not_a_traceback(
    case: str, workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    args, message = _bad_inputs(tmp_path)[case]
    result = invoke("-w", str(workspace), *args)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("gavah: error:")]
    assert len(errors) == 1, result.output
    assert message in errors[0]
    assert "Traceback" not in result.output
