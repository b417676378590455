"""The same workspace commands on SQLite and PostgreSQL (GAVAH_DATABASE_URL / --database-url)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from gavah.store import normalise_url
from tests.integration.cli.conftest import PASSPHRASE, Invoke


def test_init_and_status_on_each_backend(tmp_path: Path, invoke: Invoke, store_url: str) -> None:
    root = tmp_path / "ws"
    env = {"GAVAH_PASSPHRASE": PASSPHRASE, "GAVAH_DATABASE_URL": store_url}
    assert invoke("init", str(root), env=env).exit_code == 0
    result = invoke("-w", str(root), "status", "--json", env=env)
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["database"]["backend"] == normalise_url(store_url).get_backend_name()
    assert info["database"]["up_to_date"] is True
    assert set(info["counts"]) >= {"sources", "records", "persons", "evidence_items"}
    # The environment's URL is used for the run, not written into the workspace's config.
    config = tomllib.loads((root / "gavah.toml").read_text(encoding="utf-8"))
    assert config["database"]["url"] == ""


def test_database_url_option_is_recorded_in_the_config(
    tmp_path: Path, invoke: Invoke, store_url: str
) -> None:
    root = tmp_path / "ws"
    result = invoke(
        "init", str(root), "--database-url", store_url, env={"GAVAH_PASSPHRASE": PASSPHRASE}
    )
    assert result.exit_code == 0, result.output
    config = tomllib.loads((root / "gavah.toml").read_text(encoding="utf-8"))
    assert config["database"]["url"] == store_url
    status = json.loads(invoke("-w", str(root), "status", "--json").output)
    assert status["database"]["backend"] == normalise_url(store_url).get_backend_name()
