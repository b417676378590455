"""``gavah connectivity``: measurement files become evidence and observations; the timeline plot
shows deaths per day beside connectivity and marks the outage."""

from __future__ import annotations

import json
from pathlib import Path

from tests.integration.cli.conftest import PASSPHRASE, Invoke

FIXTURES = Path(__file__).parents[2] / "unit" / "connectivity" / "fixtures"
ENV = {"GAVAH_PASSPHRASE": PASSPHRASE}

LIST = (
    "record_id,full_name,date,event,province\n"
    "1,زهرا محمدی,۱۴۰۴/۱۰/۱۸,کشته,تهران\n"
    "2,علی‌رضا کریمی,1404/10/19,killed,Tehran\n"
    "3,Reza Ahmadi,2026-01-09,killed,IR-23\n"
    "4,مریم رضایی,2026-01-09,killed,اصفهان\n"
    "5,Sara Nouri,2026-01,killed,Tehran\n"
)


def test_import_three_formats_and_plot_the_timeline(
    invoke: Invoke, workspace: Path, tmp_path: Path
) -> None:
    w = ("--workspace", str(workspace))
    days = {}
    for name in (
        "ioda_signals_tehran.json",
        "ioda_events.json",
        "ooni_ir.jsonl",
        "radar_outages.csv",
    ):
        result = invoke(*w, "connectivity", "import", str(FIXTURES / name), "--json", env=ENV)
        assert result.exit_code == 0, result.output
        doc = json.loads(result.stdout)
        days[name] = (doc["format"], doc["first_day"], doc["last_day"], doc["added"])
    assert days["ioda_signals_tehran.json"] == ("ioda", "2026-01-07", "2026-01-11", 40)
    assert days["ioda_events.json"][:3] == ("ioda", "2026-01-08", "2026-01-11")
    assert days["ooni_ir.jsonl"] == ("ooni", "2026-01-07", "2026-01-10", 5)
    assert days["radar_outages.csv"][:2] == ("cloudflare", "2026-01-09")
    again = invoke(*w, "connectivity", "import", str(FIXTURES / "ooni_ir.jsonl"), "--json", env=ENV)
    assert json.loads(again.stdout)["added"] == 0
    lists = tmp_path / "list.csv"
    lists.write_text(LIST, encoding="utf-8")
    result = invoke(*w, "lists", "import", str(lists), "--source", "فهرست آزمایشی", env=ENV)
    assert result.exit_code == 0, result.output
    plot = tmp_path / "timeline.svg"
    result = invoke(
        *w, "connectivity", "timeline", "--region", "تهران", "--out", str(plot), "--json"
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    deaths = dict(zip(doc["days"], doc["deaths"], strict=True))
    assert deaths["2026-01-08"] == 1
    assert deaths["2026-01-09"] == 2
    assert sum(doc["deaths"]) == 3
    # IODA's Tehran and national events and Radar's national outage; not Sistan's
    assert {o["source"] for o in doc["outages"]} == {"ioda", "cloudflare-radar"}
    assert not any(o["start"].startswith("2026-01-09T20") for o in doc["outages"])
    assert any(o["start"].startswith("2026-01-08T16:30") for o in doc["outages"])
    svg = plot.read_text(encoding="utf-8")
    assert 'id="outage-0-a"' in svg
    assert 'id="outage-0-b"' in svg
    # deterministic: the same data draws the same bytes
    second = tmp_path / "again.svg"
    invoke(*w, "connectivity", "timeline", "--region", "تهران", "--out", str(second))
    assert second.read_text(encoding="utf-8") == svg
    png = tmp_path / "timeline.png"
    assert invoke(*w, "connectivity", "timeline", "--out", str(png)).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    # the files are evidence: encrypted in the vault, logged, and the ledger verifies
    verify = invoke(*w, "ledger", "verify", "--json", env=ENV)
    assert json.loads(verify.stdout)["items"] == 4


def test_a_file_in_no_known_format_changes_nothing(
    invoke: Invoke, workspace: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": "world"}')
    result = invoke("--workspace", str(workspace), "connectivity", "import", str(bad), env=ENV)
    assert result.exit_code == 1
    assert "not a recognised measurement file" in result.output
    status = invoke("--workspace", str(workspace), "status", "--json")
    assert not any((workspace / "vault").rglob("*.age"))
    assert status.exit_code == 0
    unknown = invoke(
        "--workspace",
        str(workspace),
        "connectivity",
        "timeline",
        "--region",
        "Atlantis",
        "--out",
        str(tmp_path / "x.svg"),
    )
    assert unknown.exit_code == 1
    assert "not a province" in unknown.output
