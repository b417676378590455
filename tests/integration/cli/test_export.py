"""`gavah export bagit`: a valid RFC 8493 bag with originals, manifests, custody and proofs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import bagit

from gavah.ledger import verifier as standalone
from tests.integration.cli.conftest import PASSPHRASE, Invoke

ENV = {"GAVAH_PASSPHRASE": PASSPHRASE}


def test_export_a_case_as_a_valid_bag(tmp_path: Path, workspace: Path, invoke: Invoke) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    originals = {
        "a.txt": b"synthetic A\n" * 10,
        "../b odd%name.txt": b"synthetic B\n",
    }
    (inputs / "a.txt").write_bytes(originals["a.txt"])
    (inputs / "b odd%name.txt").write_bytes(originals["../b odd%name.txt"])
    other = tmp_path / "other.txt"
    other.write_bytes(b"not in the case")
    ws = ["--workspace", str(workspace)]
    assert (
        invoke(*ws, "ingest", str(inputs), "--source", "s", "--case", "C-7", env=ENV).exit_code == 0
    )
    assert invoke(*ws, "ingest", str(other), "--source", "s", env=ENV).exit_code == 0

    out = tmp_path / "bag"
    result = invoke(
        *ws, "export", "bagit", str(out), "--case", "C-7", "--to", "court", "--json", env=ENV
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{") :])
    assert summary["items"] == 2

    bag = bagit.Bag(str(out))
    assert bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    payload = sorted(p for p in (out / "data" / "originals").rglob("*") if p.is_file())
    assert sorted(p.read_bytes() for p in payload) == sorted(originals.values())
    assert all("%" not in p.name for p in payload)
    manifest = (out / "manifest-sha256.txt").read_text()
    for data in originals.values():
        assert hashlib.sha256(data).hexdigest() in manifest
    assert hashlib.sha256(b"not in the case").hexdigest() not in manifest

    head = json.loads((out / "data" / "ledger" / "head.json").read_text())
    vkey = (out / "data" / "ledger" / "vkey.txt").read_text().strip()
    assert head["vkey"] == vkey
    for path in (out / "data" / "evidence").iterdir():
        item = json.loads(path.read_text())
        types = [json.loads(doc["entry"])["type"] for doc in item["custody"]]
        assert types[:3] == ["ingestion", "message digest calculation", "metadata extraction"]
        assert types[-1] == "exporting"  # the export is itself a custody event, and proven
        assert json.loads(item["custody"][-1]["entry"])["detail"]["recipient"] == "court"
        for doc in item["custody"]:
            assert standalone.verify_document(doc, vkey).tree_size == head["tree_size"]
    # The ledger still verifies after the export.
    assert invoke(*ws, "ledger", "verify", env=ENV).exit_code == 0


def test_export_errors(tmp_path: Path, workspace: Path, invoke: Invoke) -> None:
    ws = ["--workspace", str(workspace)]
    nothing = invoke(*ws, "export", "bagit", str(tmp_path / "bag"), env=ENV)
    assert nothing.exit_code == 1
    assert "say what to export" in nothing.output
    empty_case = invoke(*ws, "export", "bagit", str(tmp_path / "bag"), "--case", "none", env=ENV)
    assert empty_case.exit_code == 1
    assert "nothing to export" in empty_case.output
    assert not (tmp_path / "bag").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".bag")]
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x")
    refused = invoke(*ws, "export", "bagit", str(busy), "no-such-id", env=ENV)
    assert refused.exit_code == 1
    assert "not an empty folder" in refused.output
