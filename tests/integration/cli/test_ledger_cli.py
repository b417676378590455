"""`gavah ledger`: verify passes, then fails naming the item after each attack; proofs verify."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from typer.testing import CliRunner, Result

from gavah.cli.app import app
from gavah.ledger import Checkpoint, sign_checkpoint
from gavah.ledger import verifier as standalone
from gavah.ledger.verify import main as verify_main
from tests.integration.cli.conftest import PASSPHRASE, Invoke

ENV = {"GAVAH_PASSPHRASE": PASSPHRASE}


def _json(output: str) -> dict[str, object]:
    document = json.loads(output[output.index("{") :])
    assert isinstance(document, dict)
    return document


def _run(*args: str) -> Result:
    env = {"GAVAH_HOME": None, "GAVAH_DATABASE_URL": None, "GAVAH_PASSPHRASE": PASSPHRASE}
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=True)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A workspace with two ingest batches (made once); returns it and evidence id by name."""
    root = tmp_path_factory.mktemp("ledger")
    workspace = root / "ws"
    assert _run("init", str(workspace)).exit_code == 0
    ids: dict[str, str] = {}
    for batch in ("one", "two"):
        folder = root / batch
        folder.mkdir()
        for n in range(3):
            (folder / f"{batch}-{n}.txt").write_text(f"synthetic {batch} {n}\n" * 50)
        result = _run(
            "--workspace", str(workspace), "ingest", str(folder), "--source", batch, "--json"
        )
        assert result.exit_code == 0, result.output
        for entry in _json(result.output)["files"]:  # type: ignore[attr-defined]
            ids[Path(entry["path"]).name] = entry["evidence_id"]
    return workspace, ids


def _copy(workspace: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(workspace, target)
    return target


def _sql(workspace: Path, statement: str, *args: object) -> None:
    with sqlite3.connect(workspace / "gavah.db") as db:
        db.execute(statement, args)


def _flip_blob(workspace: Path) -> None:
    blob = sorted((workspace / "vault").rglob("*.age"))[0]
    raw = bytearray(blob.read_bytes())
    raw[-10] ^= 0x01
    blob.write_bytes(bytes(raw))


def _edit_entry(workspace: Path) -> None:
    with sqlite3.connect(workspace / "gavah.db") as db:
        (entry,) = db.execute("SELECT entry FROM ledger_entries WHERE position = 3").fetchone()
        edited = bytes(entry).replace(b'"source":"one"', b'"source":"two"')
        assert edited != entry
        db.execute("UPDATE ledger_entries SET entry = ? WHERE position = 3", (edited,))


def _edit_entry_and_leaf(workspace: Path) -> None:
    with sqlite3.connect(workspace / "gavah.db") as db:
        (entry,) = db.execute("SELECT entry FROM ledger_entries WHERE position = 6").fetchone()
        edited = bytes(entry).replace(b'"source":"one"', b'"source":"xyz"')
        leaf = hashlib.sha256(b"\x00" + edited).digest()
        db.execute(
            "UPDATE ledger_entries SET entry = ?, leaf_hash = ? WHERE position = 6", (edited, leaf)
        )


def _delete_entry(workspace: Path) -> None:
    _sql(workspace, "DELETE FROM ledger_entries WHERE position = 5")


def _swap_entries(workspace: Path) -> None:
    with sqlite3.connect(workspace / "gavah.db") as db:
        rows = dict(db.execute("SELECT position, entry FROM ledger_entries").fetchall())
        for position, other in ((3, 6), (6, 3)):
            db.execute(
                "UPDATE ledger_entries SET entry = ?, leaf_hash = ? WHERE position = ?",
                (rows[other], hashlib.sha256(b"\x00" + bytes(rows[other])).digest(), position),
            )


def _resign_head(workspace: Path) -> None:
    with sqlite3.connect(workspace / "gavah.db") as db:
        size, root, note = db.execute(
            "SELECT tree_size, root_hash, checkpoint FROM ledger_heads ORDER BY tree_size DESC"
        ).fetchone()
        origin = note.split("\n")[0]
        forged = sign_checkpoint(
            Checkpoint(origin, size, bytes(root)), Ed25519PrivateKey.generate()
        )
        db.execute("UPDATE ledger_heads SET checkpoint = ? WHERE tree_size = ?", (forged, size))


ATTACKS: dict[str, tuple[Callable[[Path], None], str, str | None]] = {
    # name: (attack, words the message must contain, file whose item must be named)
    "flipped byte in a blob": (_flip_blob, "cannot be decrypted", None),
    "edited entry": (_edit_entry, "altered", "one-1.txt"),
    "edited entry and its leaf hash": (
        _edit_entry_and_leaf,
        "do not match signed head",
        "one-1.txt",
    ),
    "deleted entry": (_delete_entry, "missing (deleted)", "one-2.txt"),
    "swapped entries": (_swap_entries, "do not match signed head", "one-1.txt"),
    "head re-signed with another key": (_resign_head, "signed head", None),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=str)
def test_verify_fails_naming_the_item_after_each_attack(
    attack: str, filled: tuple[Path, dict[str, str]], tmp_path: Path, invoke: Invoke
) -> None:
    workspace, ids = filled
    damage, words, named = ATTACKS[attack]
    target = _copy(workspace, tmp_path, "attacked")
    damage(target)
    result = invoke("--workspace", str(target), "ledger", "verify", env=ENV)
    assert result.exit_code == 1, result.output
    assert words in result.output
    if named is not None:
        assert ids[named] in result.output
    if damage is _flip_blob:
        assert "item " in result.output
        assert any(i in result.output for i in ids.values())
        report = invoke("--workspace", str(target), "ledger", "verify", "--json", env=ENV)
        assert report.exit_code == 1
        document = _json(report.output)
        assert document["ok"] is False
        assert document["problems"][0]["item"] in ids.values()  # type: ignore[index]


def test_verify_head_proof_and_consistency(
    filled: tuple[Path, dict[str, str]], tmp_path: Path, invoke: Invoke
) -> None:
    workspace, ids = filled
    ok = invoke("--workspace", str(workspace), "ledger", "verify", "--json", env=ENV)
    assert ok.exit_code == 0, ok.output
    report = _json(ok.output)
    assert report["ok"] is True
    assert report["entries"] == 18
    assert report["heads"] == 2
    assert report["items"] == 6

    head = _json(invoke("--workspace", str(workspace), "ledger", "head", "--json").output)
    assert set(head) == {"origin", "tree_size", "root_hash", "checkpoint", "vkey"}
    assert head["tree_size"] == 18
    # The key comes from gavah.toml: rebuild it independently of Gavah's code.
    vkey = str(head["vkey"])
    config = (workspace / "gavah.toml").read_text()
    public = next(
        line.split('"')[1] for line in config.splitlines() if line.startswith("signing_public_key")
    )
    assert vkey.endswith(base64.b64encode(b"\x01" + base64.b64decode(public)).decode())
    assert standalone.verify_document(head, vkey).tree_size == 18

    proof = invoke("--workspace", str(workspace), "ledger", "proof", ids["two-0.txt"], "--json")
    assert proof.exit_code == 0, proof.output
    document = _json(proof.output)
    assert set(document) == {
        "entry",
        "leaf_index",
        "tree_size",
        "leaf_hash",
        "audit_path",
        "checkpoint",
    }
    entry = json.loads(str(document["entry"]))
    assert entry["type"] == "ingestion"
    assert entry["detail"]["evidence_id"] == ids["two-0.txt"]
    assert standalone.verify_document(document, vkey).tree_size == 18
    by_sha = invoke("--workspace", str(workspace), "ledger", "proof", entry["object"], "--json")
    assert _json(by_sha.output) == document
    proof_file = tmp_path / "proof.json"
    proof_file.write_text(json.dumps(document))
    assert verify_main([str(proof_file), vkey]) == 0
    tampered = dict(document, leaf_index=int(str(document["leaf_index"])) + 1)
    proof_file.write_text(json.dumps(tampered))
    assert verify_main([str(proof_file), vkey]) == 1
    assert verify_main([str(proof_file)]) == 2

    consistency = invoke("--workspace", str(workspace), "ledger", "consistency", "9", "--json")
    assert consistency.exit_code == 0, consistency.output
    cdoc = _json(consistency.output)
    assert set(cdoc) == {"first", "second", "first_root", "consistency_path", "checkpoint"}
    assert (cdoc["first"], cdoc["second"]) == (9, 18)
    assert standalone.verify_document(cdoc, vkey).tree_size == 18

    plain = invoke("--workspace", str(workspace), "ledger", "head")
    assert vkey in plain.output
    bad = invoke("--workspace", str(workspace), "ledger", "consistency", "99")
    assert bad.exit_code == 1
    missing = invoke("--workspace", str(workspace), "ledger", "proof", "nothing")
    assert missing.exit_code == 1
    assert "no evidence item" in missing.output


def test_an_empty_ledger_has_no_head(workspace: Path, invoke: Invoke) -> None:
    result = invoke("--workspace", str(workspace), "ledger", "head", "--json")
    assert result.exit_code == 1
    assert "no signed head" in result.output


@pytest.mark.parametrize("module", ["gavah.ledger.verify", "gavah.ledger"])
def test_the_standalone_verifier_runs_as_a_module(module: str, tmp_path: Path) -> None:
    junk = tmp_path / "proof.json"
    junk.write_text("[]", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", module, str(junk), "example.org+01234567+AQ=="],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "not a JSON object" in done.stderr
