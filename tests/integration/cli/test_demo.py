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
    html = client.get("/", params={"lang": "en"}).text
    ws.close()
    assert f'<td class="num">{counts["records"]}</td>' in html
