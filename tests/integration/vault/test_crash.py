"""Crash safety: ingest killed with SIGKILL at a random instant, then re-run, leaves every file
ingested exactly once and a ledger that verifies (issue 3, item 7).

``GAVAH_CRASH_RUNS`` sets the number of runs (default 4 to keep the suite short; the issue's
acceptance run uses 20).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gavah.store import Store
from gavah.vault import BlobStore, audit_workspace
from gavah.vault.log import log_verifier
from gavah.workspace import Settings, Workspace
from gavah.workspace.keys import public_key_from_base64

PASSPHRASE = "a long test passphrase"
FILES = 100
RUNS = int(os.environ.get("GAVAH_CRASH_RUNS", "4"))
_GAVAH = [sys.executable, "-c", "from gavah.cli.app import main; main()"]


def _env(workspace: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GAVAH_")}
    env.update(GAVAH_HOME=str(workspace), GAVAH_PASSPHRASE=PASSPHRASE)
    return env


def _ingest_command(inputs: Path) -> list[str]:
    return [*_GAVAH, "ingest", str(inputs), "--source", "crash test"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, float]:
    """An empty workspace to copy, 100 small synthetic files, and a full ingest's duration."""
    root = tmp_path_factory.mktemp("crash")
    inputs = root / "in"
    inputs.mkdir()
    rng = random.Random(20260108)
    for n in range(FILES):
        (inputs / f"file-{n:03d}.txt").write_bytes(
            f"synthetic file {n}\n".encode() + rng.randbytes(rng.randrange(100, 20_000))
        )
    empty = root / "empty"
    subprocess.run([*_GAVAH, "init", str(empty)], env=_env(empty), check=True, capture_output=True)
    timed = root / "timed"
    shutil.copytree(empty, timed)
    start = time.monotonic()
    subprocess.run(_ingest_command(inputs), env=_env(timed), check=True, capture_output=True)
    return empty, inputs, time.monotonic() - start


def _check(workspace: Path) -> None:
    opened = Workspace.open(Settings(workspace=workspace))
    try:
        keys = opened.unlock(PASSPHRASE)
        text = opened.config.signing_public_key
        report = audit_workspace(
            Store(opened.engine),
            BlobStore(opened.vault_dir),
            [keys.age_identity],
            log_verifier(text, public_key_from_base64(text)),
        )
    finally:
        opened.close()
    assert report.ok, [p.line() for p in report.problems]
    assert report.items == FILES
    with sqlite3.connect(workspace / "gavah.db") as db:
        ingested = db.execute(
            "SELECT object_sha256, COUNT(*) FROM ledger_entries"
            " WHERE event_type = 'ingestion' GROUP BY object_sha256"
        ).fetchall()
    assert len(ingested) == FILES
    assert all(count == 1 for _, count in ingested)
    assert len(list((workspace / "vault").rglob("*.age"))) == FILES
    assert not list((workspace / "vault" / "tmp").glob("*"))


@pytest.mark.slow
@pytest.mark.parametrize("run", range(RUNS))
def test_sigkill_during_ingest_then_rerun(
    run: int, template: tuple[Path, Path, float], tmp_path: Path
) -> None:
    empty, inputs, duration = template
    workspace = tmp_path / "ws"
    shutil.copytree(empty, workspace)
    delay = random.Random(run).uniform(0.0, duration)
    process = subprocess.Popen(
        _ingest_command(inputs),
        env=_env(workspace),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    rerun = subprocess.run(
        _ingest_command(inputs), check=False, env=_env(workspace), capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    _check(workspace)
