"""``gavah init``, ``status`` and ``keys check`` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.integration.cli.conftest import PASSPHRASE, Invoke


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_init_creates_the_documented_layout(workspace: Path) -> None:
    assert (workspace / "gavah.toml").is_file()
    assert (workspace / "gavah.db").is_file()
    assert (workspace / "vault").is_dir()
    sealed = (workspace / "keys" / "secret.age").read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert (workspace / "keys" / "secret.age").stat().st_mode & 0o077 == 0
    assert not list(workspace.parent.glob(".ws.init-*")), "staging folder left behind"


def test_second_init_changes_nothing_and_says_so(workspace: Path, invoke: Invoke) -> None:
    before = _snapshot(workspace)
    result = invoke("init", str(workspace), env={"GAVAH_PASSPHRASE": "another passphrase"})
    assert result.exit_code == 0
    assert "already exists" in result.output
    assert "nothing changed" in result.output
    assert _snapshot(workspace) == before


def test_sqlite_database_is_in_wal_mode(workspace: Path) -> None:
    with sqlite3.connect(workspace / "gavah.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_status_json_reports_what_the_workspace_holds(workspace: Path, invoke: Invoke) -> None:
    result = invoke("--workspace", str(workspace), "status", "--json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["workspace"] == str(workspace.resolve())
    assert info["name"] == "ws"
    assert info["database"]["backend"] == "sqlite"
    assert info["database"]["up_to_date"] is True
    assert info["database"]["revision"] == info["database"]["head"]
    assert info["counts"], "counts of the main tables are reported"
    assert all(v == 0 for v in info["counts"].values())
    assert info["vault"] == {"blobs": 0, "bytes": 0}
    assert info["keys"]["age_recipients"][0].startswith("age1")


def test_gavah_home_selects_the_workspace(workspace: Path, invoke: Invoke) -> None:
    result = invoke("status", "--json", env={"GAVAH_HOME": str(workspace)})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["workspace"] == str(workspace.resolve())


def test_status_without_workspace_is_a_one_line_error(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("--workspace", str(tmp_path / "nowhere"), "status")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "no workspace at" in result.output
    assert "Traceback" not in result.output


def test_keys_check_accepts_the_right_passphrase(workspace: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(workspace), "keys", "check", env={"GAVAH_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert "opens the workspace keys" in result.output


def test_wrong_passphrase_is_a_clear_error_not_a_traceback(workspace: Path, invoke: Invoke) -> None:
    result = invoke("-w", str(workspace), "keys", "check", env={"GAVAH_PASSPHRASE": "wrong one!"})
    assert result.exit_code == 1
    assert result.output.strip() == (
        "gavah: error: wrong passphrase: it does not open the workspace keys"
    )


def test_init_without_passphrase_and_without_terminal_fails(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("init", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert "set GAVAH_PASSPHRASE" in result.output
    assert not (tmp_path / "ws").exists()


def test_init_refuses_a_non_empty_folder_that_is_not_a_workspace(
    tmp_path: Path, invoke: Invoke
) -> None:
    target = tmp_path / "papers"
    target.mkdir()
    (target / "note.txt").write_text("keep me", encoding="utf-8")
    result = invoke("init", str(target), env={"GAVAH_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 1
    assert "not an empty folder" in result.output
    assert sorted(p.name for p in target.iterdir()) == ["note.txt"]


def test_init_into_an_existing_empty_folder(tmp_path: Path, invoke: Invoke) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    result = invoke("init", str(target), "--json", env={"GAVAH_PASSPHRASE": PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["created"] is True
    assert (target / "gavah.toml").is_file()


def test_weak_passphrase_leaves_nothing_behind(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("init", str(tmp_path / "ws"), env={"GAVAH_PASSPHRASE": "short"})
    assert result.exit_code == 1
    assert "at least 8 characters" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unreachable_database_fails_cleanly_and_leaves_nothing(
    tmp_path: Path, invoke: Invoke
) -> None:
    result = invoke(
        "init",
        str(tmp_path / "ws"),
        env={
            "GAVAH_PASSPHRASE": PASSPHRASE,
            # Port 9 (discard) on loopback: nothing listens there.
            "GAVAH_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2",
        },
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("gavah: error:")
    assert list(tmp_path.iterdir()) == []
