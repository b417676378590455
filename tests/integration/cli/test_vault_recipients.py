"""`gavah vault recipients add` and `gavah vault rewrap`: a partner's key opens every blob."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyrage

from gavah.workspace import Settings, Workspace
from tests.integration.cli.conftest import PASSPHRASE, Invoke

ENV = {"GAVAH_PASSPHRASE": PASSPHRASE}


def test_add_a_recipient_and_rewrap(tmp_path: Path, workspace: Path, invoke: Invoke) -> None:
    ws = ["--workspace", str(workspace)]
    original = tmp_path / "photo.bin"
    original.write_bytes(b"synthetic original " * 1000)
    assert invoke(*ws, "ingest", str(original), "--source", "s", env=ENV).exit_code == 0
    sha = hashlib.sha256(original.read_bytes()).hexdigest()
    blob = workspace / "vault" / sha[:2] / f"{sha}.age"
    partner = pyrage.x25519.Identity.generate()
    try:
        pyrage.decrypt(blob.read_bytes(), [partner])
        raise AssertionError("the partner must not open the blob before the re-wrap")
    except pyrage.DecryptError:
        pass

    bad = invoke(*ws, "vault", "recipients", "add", "age1nope")
    assert bad.exit_code == 1
    added = invoke(*ws, "vault", "recipients", "add", str(partner.to_public()))
    assert added.exit_code == 0, added.output
    again = invoke(*ws, "vault", "recipients", "add", str(partner.to_public()))
    assert "nothing changed" in again.output
    listed = json.loads(invoke(*ws, "vault", "recipients", "list", "--json").output)
    assert listed["age_recipients"][-1] == str(partner.to_public())
    assert len(listed["age_recipients"]) == 2

    result = invoke(*ws, "vault", "rewrap", env=ENV)
    assert result.exit_code == 0, result.output
    assert "1 blobs re-wrapped to 2 recipients" in result.output
    assert pyrage.decrypt(blob.read_bytes(), [partner]) == original.read_bytes()
    own = Workspace.open(Settings(workspace=workspace)).unlock(PASSPHRASE)
    assert pyrage.decrypt(blob.read_bytes(), [own.age_identity]) == original.read_bytes()
    assert not list((workspace / "vault" / "tmp").iterdir())
    # The re-wrap is logged and the ledger still verifies.
    proof = invoke(*ws, "ledger", "head", "--json")
    assert json.loads(proof.output)["tree_size"] == 4
    assert invoke(*ws, "ledger", "verify", env=ENV).exit_code == 0
