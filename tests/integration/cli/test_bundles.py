"""Store-and-forward between three workspaces: HQ and two field workspaces, A and B.

A and B are field workspaces (they encrypt to HQ and cannot decrypt); they ingest offline,
export bundles (A's in chunks), and HQ imports them, twice and with the chunks shuffled. Every
item arrives exactly once, HQ's ledger verifies, and HQ proves each item's inclusion in A's or
B's signed log. Then the refusals: a flipped byte, a missing chunk, an unknown key, a fork; each
is named precisely and changes nothing. Acknowledgements go back from HQ to A.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from gavah.cli.app import app
from gavah.ledger import verify_document
from gavah.store import make_engine
from gavah.store.bundles import BundleRepository
from gavah.store.ledger import LedgerRepository
from gavah.store.schema import EvidenceRow
from gavah.store.session import Store
from gavah.workspace.keys import unseal
from tests.integration.cli.conftest import PASSPHRASE

ENV = {"GAVAH_PASSPHRASE": PASSPHRASE, "GAVAH_HOME": "", "GAVAH_DATABASE_URL": ""}


def gavah(workspace: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--workspace", str(workspace), *args], env=ENV)


def ok(workspace: Path, *args: str) -> Result:
    result = gavah(workspace, *args)
    assert result.exit_code == 0, result.output + str(result.exception)
    return result


def as_json(workspace: Path, *args: str) -> object:
    return json.loads(ok(workspace, *args, "--json").stdout)


@dataclass
class World:
    root: Path
    hq: Path
    a: Path
    b: Path
    hq_recipient: str
    vkeys: dict[str, str]
    a_chunks: list[Path]
    b_bundle: Path
    contents: dict[str, bytes]  # file name -> bytes, every distinct file A and B ingested


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("bundles")
    hq, a, b = root / "hq", root / "field-a", root / "field-b"
    ok(hq, "init")
    hq_self = as_json(hq, "peers", "self")
    assert isinstance(hq_self, dict)
    hq_recipient = hq_self["age_recipients"][0]
    ok(a, "init", "--field", "--recipient", hq_recipient)
    ok(b, "init", "--field", "--recipient", hq_recipient)
    vkeys = {"hq": hq_self["vkey"]}
    for name, ws in (("A", a), ("B", b)):
        doc = as_json(ws, "peers", "self")
        assert isinstance(doc, dict)
        vkeys[name] = doc["vkey"]
        ok(hq, "peers", "add", f"field {name}", doc["vkey"])
        ok(ws, "peers", "add", "HQ", vkeys["hq"], "--recipient", hq_recipient)
    shared = b"the same video, received by both teams " * 40
    a_files = {
        "گزارش‌ تهران ۱.txt": "شاهد: تیراندازی در خیابان، ۱۸ دی ۱۴۰۴\n".encode() * 50,
        "photo-a.bin": bytes(random.Random(1).randbytes(5000)),
        "shared.bin": shared,
    }
    b_files = {
        "زاهدان.txt": "گزارش از زاهدان\n".encode() * 30,
        "shared-copy.bin": shared,
    }
    ok(
        a,
        "ingest",
        str(_write(root / "in-a", a_files)),
        "--source",
        "تیم الف",
        "--location",
        "35.7,51.4",
    )
    ok(b, "ingest", str(_write(root / "in-b", b_files)), "--source", "تیم ب")
    out = as_json(
        a, "bundle", "export", str(root / "out" / "a.bundle"), "--to", "HQ", "--chunk", "4KiB"
    )
    assert isinstance(out, dict)
    a_chunks = [Path(p) for p in out["files"]]
    assert len(a_chunks) > 3
    b_bundle = root / "out" / "b.bundle"
    ok(b, "bundle", "export", str(b_bundle), "--to", hq_recipient)
    contents = {**a_files, **b_files}
    return World(root, hq, a, b, hq_recipient, vkeys, a_chunks, b_bundle, contents)


def state(workspace: Path) -> dict[str, object]:
    """Everything an import could change, to compare before and after."""
    engine = make_engine(f"sqlite:///{workspace / 'gavah.db'}")
    try:
        with Store(engine).reader() as session:
            repo = BundleRepository(session)
            peers = repo.peers()
            return {
                "evidence": session.scalar(select(func.count()).select_from(EvidenceRow)),
                "ledger": LedgerRepository(session).size(),
                "peer_entries": {p.name: repo.entry_count(p.origin) for p in peers},
                "checkpoints": {p.name: len(repo.checkpoints(p.origin)) for p in peers},
                "blobs": sorted(p.name for p in (workspace / "vault").rglob("*.age")),
            }
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def imported(world: World) -> World:
    shuffled = list(world.a_chunks)
    random.Random(8).shuffle(shuffled)
    ok(world.hq, "bundle", "import", *map(str, shuffled), str(world.b_bundle))
    return world


def test_every_item_arrives_exactly_once_even_when_imported_twice(imported: World) -> None:
    w = imported
    first = state(w.hq)
    distinct = set(w.contents.values())
    assert first["evidence"] == len(distinct) == 4
    again = list(reversed(w.a_chunks))
    result = as_json(w.hq, "bundle", "import", *map(str, again), str(w.b_bundle))
    assert isinstance(result, list)
    assert all(r["already_imported"] for r in result)
    assert state(w.hq) == first


def test_hq_ledger_verifies_and_decrypts_what_the_field_sent(imported: World) -> None:
    report = as_json(imported.hq, "ledger", "verify")
    assert isinstance(report, dict)
    assert report["ok"], report["problems"]
    assert report["items"] == 4


def test_hq_proves_each_item_in_the_senders_signed_log(imported: World) -> None:
    w = imported
    origins: dict[str, set[str]] = {}
    for name, data in w.contents.items():
        sha = _sha(data)
        proofs = as_json(w.hq, "bundle", "proof", sha)
        assert isinstance(proofs, list)
        assert proofs, name
        for proof in proofs:
            head = verify_document(proof, proof["vkey"])
            assert json.loads(proof["entry"])["object"] == sha
            assert json.loads(proof["entry"])["type"] == "ingestion"
            origins.setdefault(name, set()).add(proof["peer"])
            assert head.tree_size == proof["tree_size"]
            key = {"field A": w.vkeys["A"], "field B": w.vkeys["B"]}[proof["peer"]]
            assert proof["vkey"] == key
    # the shared file is proven in both logs
    assert origins["shared.bin"] == {"field A", "field B"}


def test_field_ingest_records_the_device_clock_and_the_chosen_location(world: World) -> None:
    proof = as_json(world.a, "ledger", "proof", _sha(world.contents["photo-a.bin"]))
    assert isinstance(proof, dict)
    device = json.loads(proof["entry"])["detail"]["device"]
    assert device["location"] == {"lat": 35.7, "lon": 51.4}
    assert device["clock_source"] == "device clock, not verified"
    assert device["field_workspace"] is True
    proof_b = as_json(world.b, "ledger", "proof", _sha(world.contents["زاهدان.txt"]))
    assert isinstance(proof_b, dict)
    assert "location" not in json.loads(proof_b["entry"])["detail"]["device"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_field_workspace_cannot_decrypt_its_own_items(world: World) -> None:
    sealed = (world.a / "keys" / "secret.age").read_bytes()
    keys = unseal(sealed, PASSPHRASE)
    assert keys.age_identity is None
    assert keys.identities == []
    assert b"AGE-SECRET-KEY" not in pyrage.passphrase.decrypt(sealed, PASSPHRASE)
    blob = next((world.a / "vault").rglob("*.age"))
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(blob.read_bytes(), [pyrage.x25519.Identity.generate()])
    # the organisation can
    hq_keys = unseal((world.hq / "keys" / "secret.age").read_bytes(), PASSPHRASE)
    assert pyrage.decrypt(blob.read_bytes(), hq_keys.identities)
    # and verifying the field workspace fails on every blob: it cannot open them
    result = gavah(world.a, "ledger", "verify")
    assert result.exit_code == 1
    assert "cannot be decrypted" in result.output


def _copy(world: World, name: str) -> Path:
    target = world.root / name
    shutil.copytree(world.hq, target)
    return target


def test_a_flipped_byte_is_rejected_and_changes_nothing(world: World) -> None:
    hq = _copy(world, "hq-flip")
    bad = world.root / "flipped.bundle"
    data = bytearray(world.b_bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    before = state(hq)
    result = gavah(hq, "bundle", "import", str(bad))
    assert result.exit_code == 1
    assert "is corrupted: its payload's SHA-256 is not the one the sender signed" in result.output
    assert state(hq) == before
    # a flipped byte in a chunk names the chunk
    chunk = world.root / "flipped-chunk"
    raw = bytearray(world.a_chunks[1].read_bytes())
    raw[-3] ^= 0x80
    chunk.write_bytes(bytes(raw))
    others = [str(p) for p in world.a_chunks if p != world.a_chunks[1]]
    result = gavah(hq, "bundle", "import", *others, str(chunk))
    assert result.exit_code == 1
    assert f"chunk 2 of {len(world.a_chunks)} is corrupted" in result.output
    assert state(hq) == before


def test_a_truncated_bundle_is_rejected(world: World) -> None:
    hq = _copy(world, "hq-trunc")
    cut = world.root / "cut.bundle"
    cut.write_bytes(world.b_bundle.read_bytes()[:-100])
    before = state(hq)
    result = gavah(hq, "bundle", "import", str(cut))
    assert result.exit_code == 1
    assert "truncated" in result.output
    assert state(hq) == before


def test_a_missing_chunk_is_listed_and_nothing_is_imported(world: World) -> None:
    hq = _copy(world, "hq-missing")
    before = state(hq)
    count = len(world.a_chunks)
    given = [str(p) for i, p in enumerate(world.a_chunks) if i not in {1, 3}]
    result = gavah(hq, "bundle", "import", str(world.b_bundle), *given)
    assert result.exit_code == 1
    assert f"chunk(s) 2, 4 of {count} missing; nothing imported" in result.output
    assert state(hq) == before


def test_a_bundle_from_an_unknown_key_is_rejected(world: World) -> None:
    hq = _copy(world, "hq-unknown")
    stranger = world.root / "stranger"
    ok(stranger, "init", "--field", "--recipient", world.hq_recipient)
    (world.root / "in-s").mkdir()
    (world.root / "in-s" / "x.txt").write_text("planted")
    ok(stranger, "ingest", str(world.root / "in-s"), "--source", "?")
    bundle = world.root / "stranger.bundle"
    ok(stranger, "bundle", "export", str(bundle), "--to", world.hq_recipient)
    before = state(hq)
    result = gavah(hq, "bundle", "import", str(bundle))
    assert result.exit_code == 1
    assert "is signed by an unknown key: gavah-workspace/" in result.output
    assert "gavah peers add" in result.output
    assert state(hq) == before


def test_acknowledgement_round_trip_and_incremental_bundle(imported: World, tmp_path: Path) -> None:
    w = imported
    ack = tmp_path / "ack.txt"
    ok(w.hq, "bundle", "ack", "export", "field A", str(ack))
    text = ack.read_text()
    assert "\n— gavah-workspace/" in text
    assert text.count("— ") == 2
    ok(w.a, "bundle", "ack", "import", str(ack))
    peers = as_json(w.a, "peers", "list")
    assert isinstance(peers, list)
    acked = peers[0]["acknowledged_size"]
    assert acked > 0
    # the acknowledgement is also a signed head of A's log: --since accepts it
    by_file = as_json(
        w.a, "bundle", "export", str(tmp_path / "x.bundle"), "--to", "HQ", "--since", str(ack)
    )
    assert isinstance(by_file, dict)
    assert by_file["since"] == acked
    # an altered acknowledgement is refused
    forged = tmp_path / "forged.txt"
    lines = text.splitlines(keepends=True)
    forged.write_text(lines[0] + "999\n" + "".join(lines[2:]))
    assert gavah(w.a, "bundle", "ack", "import", str(forged)).exit_code == 1
    # the next bundle starts where HQ acknowledged
    (w.root / "in-a2").mkdir()
    (w.root / "in-a2" / "later.txt").write_text("later, after the ack")
    ok(w.a, "ingest", str(w.root / "in-a2"), "--source", "تیم الف")
    out = as_json(w.a, "bundle", "export", str(tmp_path / "a2.bundle"), "--to", "HQ")
    assert isinstance(out, dict)
    assert out["since"] == acked
    assert out["items"] == 1
    result = as_json(w.hq, "bundle", "import", str(tmp_path / "a2.bundle"))
    assert isinstance(result, list)
    assert result[0]["new_items"] == 1
    assert as_json(w.hq, "ledger", "verify")["ok"]  # type: ignore[index]


def test_a_forked_log_is_rejected_and_changes_nothing(imported: World, tmp_path: Path) -> None:
    w = imported
    # The copy shares A's keys: the same log origin, rewritten after HQ saw it.
    rewritten = w.root / "field-a-rewritten"
    shutil.copytree(w.a, rewritten)
    engine = make_engine(f"sqlite:///{rewritten / 'gavah.db'}")
    try:
        with Store(engine).reader() as session:
            seen = LedgerRepository(session).size()
    finally:
        engine.dispose()
    # HQ holds A's log up to `seen` once the honest bundle is in; the rewritten copy diverges
    honest = tmp_path / "honest.bundle"
    ok(w.a, "bundle", "export", str(honest), "--to", "HQ")
    ok(w.hq, "bundle", "import", str(honest))
    (tmp_path / "in-h").mkdir()
    (tmp_path / "in-h" / "x.txt").write_text("honest addition")
    (tmp_path / "in-f").mkdir()
    (tmp_path / "in-f" / "x.txt").write_text("a different history, replacing the honest one")
    (tmp_path / "in-f" / "y.txt").write_text("and one more")
    ok(w.a, "ingest", str(tmp_path / "in-h"), "--source", "a")
    ok(w.a, "bundle", "export", str(tmp_path / "h2.bundle"), "--to", "HQ")
    ok(w.hq, "bundle", "import", str(tmp_path / "h2.bundle"))
    ok(rewritten, "ingest", str(tmp_path / "in-f"), "--source", "a")
    peers = as_json(w.hq, "peers", "list")
    assert isinstance(peers, list)
    held = next(p for p in peers if p["name"] == "field A")["received_size"]
    assert held > seen
    before = state(w.hq)
    # starting at the size HQ holds: the consistency proof cannot link to HQ's root
    forked = tmp_path / "forked.bundle"
    ok(rewritten, "bundle", "export", str(forked), "--to", "HQ", "--since", str(held))
    result = gavah(w.hq, "bundle", "import", str(forked))
    assert result.exit_code == 1, result.output
    assert "fork:" in result.output
    assert "the log was rewritten; nothing imported" in result.output
    assert f"is not an extension of its log at size {held}" in result.output
    # starting earlier: the entries HQ holds differ
    overlap = tmp_path / "overlap.bundle"
    ok(rewritten, "bundle", "export", str(overlap), "--to", "HQ", "--since", str(seen))
    result = gavah(w.hq, "bundle", "import", str(overlap))
    assert result.exit_code == 1
    assert f"has a different entry {seen} than received before" in result.output
    assert state(w.hq) == before


def test_bundles_and_field_workspaces_hold_no_plaintext(world: World) -> None:
    needles = [data[:32] for data in world.contents.values()]
    needles += [name.encode() for name in world.contents] + ["تیم الف".encode()]
    files = [*world.a_chunks, world.b_bundle]
    files += [p for ws in (world.a, world.b) for p in (ws / "vault").rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, (path, needle)


def test_a_flip_anywhere_in_the_bundle_is_rejected(world: World) -> None:
    """The attack: one byte changed in transit, in the magic, the length line, the signed
    envelope's text or signature, or the payload's first or last byte."""
    hq = _copy(world, "hq-flips")
    original = world.b_bundle.read_bytes()
    note_start = original.index(b"\n", 15) + 1
    signature = original.index("— ".encode(), note_start) + 40
    payload_end = len(original) - 1
    positions = {
        "magic": 3,
        "length": 16,
        "envelope text": note_start + 20,
        "signature": signature,
        "payload start": original.index(b"age-encryption.org") + 2,
        "payload end": payload_end,
    }
    before = state(hq)
    for what, position in positions.items():
        data = bytearray(original)
        data[position] ^= 0x04
        bad = world.root / f"flip-{position}.bundle"
        bad.write_bytes(bytes(data))
        result = gavah(hq, "bundle", "import", str(bad))
        assert result.exit_code == 1, what
        assert result.output.startswith("gavah: error: "), (what, result.output)
        assert state(hq) == before, what
