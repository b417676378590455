"""`gavah ledger timestamp` and the ingest hook against a local `openssl ts` authority.

On SQLite and PostgreSQL: a configured authority → each batch's head gets a verified token,
stored and logged, that `openssl ts -verify` accepts; the authority down → ingest succeeds, the
head stays pending, and a later retry stamps it; a tampered token → `ledger verify` fails naming
the head.
"""

from __future__ import annotations

import base64
import json
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from gavah.ledger import EventType, decode_entry
from gavah.store import Store, make_engine
from gavah.store.ledger import LedgerRepository
from gavah.vault.timestamp import verify_timestamp
from tests.integration.cli.conftest import PASSPHRASE, Invoke
from tests.integration.vault.openssl_tsa import OpensslTsa, TsaServer

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")

# Persian file names, with a ZWNJ (U+200C) and Persian digits.
FILES = {"گزارش‌ها-۱۴۰۲.txt": "متن آزمایشی ۱\n", "عکس-۲.txt": "synthetic two\n"}


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> OpensslTsa:
    return OpensslTsa(tmp_path_factory.mktemp("tsa"))


@pytest.fixture
def server(tsa: OpensslTsa) -> Iterator[TsaServer]:
    running = TsaServer(tsa).start()
    try:
        yield running
    finally:
        running.stop()


class Rig:
    """A workspace on one backend, driven through the command line."""

    def __init__(self, invoke: Invoke, root: Path, url: str) -> None:
        self.invoke = invoke
        self.root = root
        self.url = url
        self.env = {"GAVAH_PASSPHRASE": PASSPHRASE, "GAVAH_DATABASE_URL": url}
        result = invoke("init", str(root), env=self.env)
        assert result.exit_code == 0, result.output

    def run(self, *args: str) -> tuple[int, str]:
        result = self.invoke("-w", str(self.root), *args, env=self.env)
        return result.exit_code, result.output

    def ingest(self, folder: Path, **files: str) -> tuple[int, str]:
        folder.mkdir()
        for name, content in (files or FILES).items():
            (folder / name).write_text(content, encoding="utf-8")
        return self.run("ingest", str(folder), "--source", "کانال الف")

    def json(self, *args: str) -> dict[str, object]:
        code, output = self.run(*args, "--json")
        assert code == 0, output
        document = json.loads(output[output.index("{") :])
        assert isinstance(document, dict)
        return document

    def store(self) -> Store:
        return Store(make_engine(self.url))


@pytest.fixture
def rig(invoke: Invoke, tmp_path: Path, store_url: str) -> Rig:
    return Rig(invoke, tmp_path / "ws", store_url)


def _configure(rig: Rig, tsa: OpensslTsa, url: str) -> None:
    code, output = rig.run(
        "ledger", "timestamp", "--configure", url, "--roots", str(tsa.path("root")),
        "--tsa-cert", str(tsa.path("tsa")), "--timeout", "3",
    )  # fmt: skip
    assert code == 0, output


def _timestamp_events(rig: Rig) -> list[dict[str, object]]:
    store = rig.store()
    with store.reader() as session:
        entries = list(LedgerRepository(session).entries())
    store.engine.dispose()
    return [
        dict(decode_entry(e.entry).detail)
        for e in entries
        if e.event_type == EventType.TIMESTAMPED.value
    ]


def test_a_configured_authority_timestamps_each_batch(
    rig: Rig, tsa: OpensslTsa, server: TsaServer, tmp_path: Path
) -> None:
    _configure(rig, tsa, server.url)
    config = tomllib.loads((rig.root / "gavah.toml").read_text(encoding="utf-8"))
    assert config["timestamp"] == {
        "url": server.url,
        "roots": "tsa/roots.pem",
        "certificate": "tsa/tsa.pem",
        "timeout": 3.0,
    }
    code, output = rig.ingest(tmp_path / "in")
    assert code == 0, output
    assert "warning" not in output
    assert f"timestamped the head(s) at size 6 by {server.url}" in output

    head = rig.json("ledger", "head")
    stamp = head["timestamp"]
    assert isinstance(stamp, dict)
    # The token covers the batch's head (6 events); the head after it also logs the timestamp.
    assert stamp["tree_size"] == 6
    assert head["tree_size"] == 7
    assert set(head) >= {"origin", "tree_size", "root_hash", "checkpoint", "vkey"}
    token = base64.b64decode(stamp["token"])
    checkpoint = str(stamp["checkpoint"]).encode("utf-8")
    verify_timestamp(token, checkpoint, [tsa.cert("root")], tsa.cert("tsa"))

    # The expert's check, with nothing but openssl.
    (tmp_path / "head-6.txt").write_bytes(checkpoint)
    (tmp_path / "head-6.tsr").write_bytes(token)
    assert "OK" in tsa.verify_with_openssl(tmp_path / "head-6.txt", tmp_path / "head-6.tsr")

    (event,) = _timestamp_events(rig)
    assert event["tree_size"] == 6
    assert event["tsa"] == server.url

    code, output = rig.run("ledger", "verify")
    assert code == 0, output
    assert "1 timestamp tokens verified, 0 heads pending" in output

    # The head over the timestamp's own event is not queued: nothing more to do.
    listing = rig.json("ledger", "timestamp")
    assert listing["stamped"] == []
    assert listing["pending"] == 0
    timestamps = listing["timestamps"]
    assert isinstance(timestamps, list)
    assert [t["tree_size"] for t in timestamps] == [6]

    # A second batch gets its own token.
    code, output = rig.ingest(tmp_path / "in2", **{"سوم.txt": "synthetic three\n"})
    assert code == 0, output
    verified = rig.json("ledger", "verify")
    assert verified["ok"] is True
    assert verified["timestamps"] == {"tokens": 2, "pending": 0}
    assert [e["tree_size"] for e in _timestamp_events(rig)] == [6, 10]


def test_an_offline_authority_never_blocks_ingest_and_is_retried(
    rig: Rig, tsa: OpensslTsa, tmp_path: Path
) -> None:
    offline = TsaServer(tsa)  # its port refuses connections until started
    _configure(rig, tsa, offline.url)
    code, output = rig.ingest(tmp_path / "in")
    assert code == 0, output
    assert "gavah: warning: 1 tree head(s) left pending" in output
    assert "unreachable" in output

    code, output = rig.run("ledger", "verify")
    assert code == 0, output
    assert "0 timestamp tokens verified, 1 heads pending" in output
    assert "timestamp" not in rig.json("ledger", "head")

    # Still offline: the explicit retry fails with exit 1 and counts the attempt.
    code, output = rig.run("ledger", "timestamp")
    assert code == 1
    assert "unreachable" in output

    offline.start()
    try:
        listing = rig.json("ledger", "timestamp")
    finally:
        offline.stop()
    assert listing["stamped"] == [6]
    assert listing["pending"] == 0
    timestamps = listing["timestamps"]
    assert isinstance(timestamps, list)
    assert len(timestamps) == 1
    record = timestamps[0]
    assert record["status"] == "done"
    assert record["attempts"] == 3
    assert record["last_error"] is None
    assert listing["tree_size"] == 7
    code, output = rig.run("ledger", "verify")
    assert code == 0, output
    assert "1 timestamp tokens verified, 0 heads pending" in output


def _tamper(rig: Rig, tree_size: int, change: bytes | None = None) -> None:
    engine = make_engine(rig.url)
    with engine.begin() as connection:
        token = connection.execute(
            text("SELECT token FROM ledger_timestamps WHERE tree_size = :n"), {"n": tree_size}
        ).scalar_one()
        if change is None:
            flipped = bytearray(token)
            flipped[-1] ^= 0x01  # the last byte of the TSA's signature
            change = bytes(flipped)
        connection.execute(
            text("UPDATE ledger_timestamps SET token = :t WHERE tree_size = :n"),
            {"t": change, "n": tree_size},
        )
    engine.dispose()


def test_a_tampered_token_fails_verify_naming_the_head(
    rig: Rig, tsa: OpensslTsa, server: TsaServer, tmp_path: Path
) -> None:
    _configure(rig, tsa, server.url)
    assert rig.ingest(tmp_path / "in")[0] == 0
    assert rig.ingest(tmp_path / "in2", **{"سوم.txt": "synthetic three\n"})[0] == 0
    assert rig.run("ledger", "verify")[0] == 0

    _tamper(rig, 6)
    code, output = rig.run("ledger", "verify")
    assert code == 1
    assert "timestamp token of the tree head at size 6" in output
    assert "does not verify" in output
    assert "size 10" not in output

    # A valid token, but of another head (its message imprint is another checkpoint's).
    engine = make_engine(rig.url)
    with engine.connect() as connection:
        other = connection.execute(
            text("SELECT token FROM ledger_timestamps WHERE tree_size = 10")
        ).scalar_one()
    engine.dispose()
    _tamper(rig, 6, bytes(other))
    code, output = rig.run("ledger", "verify")
    assert code == 1
    assert "timestamp token of the tree head at size 6" in output
    assert "Mismatch between messages" in output
