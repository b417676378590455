"""``gavah demo --no-serve`` builds a workspace from a synthetic scenario; the page shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gavah.cli.app import app
from gavah.cli.demo import DEMO_PASSPHRASE
from gavah.web import create_app
from gavah.workspace import Settings, Workspace
from tests.integration.cli.conftest import Invoke


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "demo-ws"
    args = ["demo", "--no-serve", "--dir", str(root), "--persons", "400", "--lists", "3"]
    result = CliRunner().invoke(app, args, env={"GAVAH_DATABASE_URL": ""})
    assert result.exit_code == 0, result.output
    assert DEMO_PASSPHRASE in result.output
    return root


def test_demo_loads_lists_sources_and_incidents(demo_dir: Path, invoke: Invoke) -> None:
    info = json.loads(invoke("-w", str(demo_dir), "status", "--json").output)
    truth = json.loads((demo_dir / "scenario" / "truth.json").read_text(encoding="utf-8"))
    listed = sum(
        len(p.read_text(encoding="utf-8").splitlines()) - 1
        for p in (demo_dir / "scenario" / "lists").glob("*.csv")
    )
    assert info["counts"]["records"] == listed
    assert len(truth["lists"]) == 3
    assert info["counts"]["sources"] >= 3
    assert info["counts"]["incidents"] > 0


def test_demo_keys_open_with_the_published_passphrase(demo_dir: Path) -> None:
    ws = Workspace.open(Settings(workspace=demo_dir))
    assert ws.unlock(DEMO_PASSPHRASE).public.age_recipient == ws.config.age_recipients[0]


def test_second_demo_reuses_the_workspace(demo_dir: Path, invoke: Invoke) -> None:
    result = invoke("demo", "--no-serve", "--dir", str(demo_dir))
    assert result.exit_code == 0, result.output
    assert "Reusing the demo workspace" in result.output


def test_rebuild_refuses_a_folder_that_is_not_a_demo(tmp_path: Path, invoke: Invoke) -> None:
    precious = tmp_path / "evidence"
    precious.mkdir()
    (precious / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = invoke("demo", "--no-serve", "--rebuild", "--dir", str(precious))
    assert result.exit_code == 1
    assert "not a demo workspace" in result.output
    assert (precious / "photo.jpg").exists()


def test_served_page_shows_the_demo_counts(demo_dir: Path) -> None:
    ws = Workspace.open(Settings(workspace=demo_dir))
    store = ws.store()
    counts = store.counts()
    client = TestClient(create_app(store.counts, name=ws.config.name))
    html = client.get("/en/").text
    ws.close()
    assert f'<td class="num">{counts["records"]:,}</td>' in html


def test_demo_counts_add_up_with_ranges_and_the_estimate(demo_dir: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(demo_dir), "counts", "--json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    grades = counts["total"]["grades"]
    documented = counts["total"]["documented"]
    for end in (0, 1):  # the documented range is confirmed + fair + weak, at both ends
        assert documented["total"][end] == sum(
            grades[g]["total"][end] for g in ("confirmed", "fair", "weak")
        )
    for tally in (*grades.values(), documented):
        assert tally["total"][0] == tally["named"] + tally["unnamed"][0]
        assert tally["unnamed"][0] <= tally["unnamed"][1]
    assert documented["named"] > 0
    assert documented["unnamed"][0] < documented["unnamed"][1]  # unnamed victims as a range
    assert grades["contested"]["total"][1] > 0  # the hospital's competing figure
    estimate = counts["estimate"]
    assert estimate["method"] == "loglinear"
    assert estimate["interval"][0] <= estimate["estimate"] <= estimate["interval"][1]
    assert counts["summary"].startswith("Documented and confirmed: ")
    assert "estimated total: " in counts["summary"]
    by_province = json.loads(
        invoke("-w", str(demo_dir), "counts", "--by", "province", "--json").output
    )
    for end in (0, 1):
        assert (
            sum(r["documented"]["total"][end] for r in by_province["rows"])
            == documented["total"][end]
        )
    # every named victim inside a count claim was absorbed once, never added twice
    uses = counts["quantities"]
    assert all(u["named_absorbed"] >= 0 for u in uses)
    assert len({u["quantity"] for u in uses}) == len(uses)


def test_demo_claims_are_graded_with_every_grade(demo_dir: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(demo_dir), "claims", "grade", "--diff", "--json")
    out = json.loads(result.output)
    assert out["changes"] == []  # the demo graded them already, under the same policy
    assert all(
        out["grades"][g] > 0 for g in ("confirmed", "fair", "weak", "contested", "discounted")
    )


def test_demo_has_one_account_per_role_and_a_search_index(demo_dir: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(demo_dir), "users", "list", "--json")
    assert result.exit_code == 0, result.output
    accounts = json.loads(result.output)
    roles = {a["name"]: a["role"] for a in (accounts if isinstance(accounts, list) else [])}
    assert roles == {r: r for r in ("admin", "analyst", "documenter", "viewer")}
    ws = Workspace.open(Settings(workspace=demo_dir))
    client = TestClient(create_app(ws.store().counts, name=ws.config.name, store=ws.store()))
    page = client.get("/en/login")
    ws.close()
    assert page.status_code == 200
