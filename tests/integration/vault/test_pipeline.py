"""The ingest pipeline and the audit in-process, on every backend (no passphrase KDF needed)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.errors import GavahError
from gavah.ledger import EventType, NoteVerifier, decode_entry
from gavah.model.ids import ulid_ids
from gavah.store import EvidenceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.store.vault import VaultRepository
from gavah.vault import (
    BlobStore,
    Ingestor,
    IngestRequest,
    IngestResult,
    audit_workspace,
    walk_files,
)
from gavah.vault.log import append_event
from gavah.vault.media import MediaFacts

ORIGIN = "gavah-workspace/pipeline"
NOW = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)


class Rig:
    """An ingestor over a store and a vault folder, with its keys."""

    def __init__(self, store: Store, root: Path) -> None:
        self.store = store
        self.blobs = BlobStore(root / "vault")
        self.identity = pyrage.x25519.Identity.generate()
        self.key = Ed25519PrivateKey.generate()
        self.verifier = NoteVerifier.from_public_key(ORIGIN, self.key.public_key())
        self.ingestor = Ingestor(
            store=store,
            blobs=self.blobs,
            recipients=(str(self.identity.to_public()),),
            signing_key=self.key,
            origin=ORIGIN,
            clock=lambda: NOW,
            ids=ulid_ids(lambda: NOW, random.Random(7)),
        )

    def audit(self) -> list[str]:
        report = audit_workspace(self.store, self.blobs, [self.identity], self.verifier)
        return [p.line() for p in report.problems]


@pytest.fixture
def rig(store: Store, tmp_path: Path) -> Rig:
    return Rig(store, tmp_path)


def test_ingest_received_again_and_audit(rig: Rig, tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_bytes(b"synthetic statement\n")
    counted: list[int] = []
    outcome = rig.ingestor.ingest(first, IngestRequest("s1", "C", "n"), progress=counted.append)
    assert outcome.result is IngestResult.INGESTED
    assert sum(counted) == first.stat().st_size
    assert outcome.sha256 == hashlib.sha256(first.read_bytes()).hexdigest()
    copy = tmp_path / "b.txt"
    copy.write_bytes(first.read_bytes())
    again = rig.ingestor.ingest(copy, IngestRequest("s2"))
    assert again.result is IngestResult.RECEIVED_AGAIN
    assert again.evidence_id == outcome.evidence_id
    (problem,) = rig.audit()
    assert "nothing vouches for the ledger" in problem
    assert outcome.evidence_id in problem
    head = rig.ingestor.seal()
    assert head is not None
    assert head.tree_size == 4
    assert rig.ingestor.seal() is None
    assert rig.audit() == []
    with rig.store.reader() as session:
        item = EvidenceRepository(session).get(outcome.evidence_id)
        assert item is not None
        assert (item.case, item.note, item.media_type) == ("C", "n", "text/plain")
        assert VaultRepository(session).metadata(item.id) == {}
        types = [decode_entry(e.entry).type for e in LedgerRepository(session).entries()]
    assert types == [
        EventType.INGESTION,
        EventType.MESSAGE_DIGEST_CALCULATION,
        EventType.METADATA_EXTRACTION,
        EventType.RECEIVED_AGAIN,
    ]


def test_recover_signs_what_an_interrupted_run_left(rig: Rig, tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00synthetic")
    rig.ingestor.ingest(path, IngestRequest("s"))
    rig.blobs.tmp_dir.joinpath("left.partial").write_bytes(b"ciphertext")
    head = rig.ingestor.recover()
    assert head is not None
    assert not list(rig.blobs.tmp_dir.iterdir())
    assert rig.audit() == []


def test_audit_names_a_missing_blob_and_a_missing_ingestion(rig: Rig, tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00synthetic")
    outcome = rig.ingestor.ingest(path, IngestRequest("s"))
    rig.ingestor.seal()
    rig.blobs.path_for(outcome.sha256).unlink()
    problems = rig.audit()
    assert problems == [
        f"item {outcome.evidence_id}: blob {outcome.sha256} is missing from the vault"
    ]


def test_unloggable_metadata_is_logged_as_a_failure(rig: Rig) -> None:
    facts = MediaFacts(metadata={"bad": float("nan")})
    event = rig.ingestor._metadata_event("0" * 64, facts)
    assert event.outcome.value == "failure"
    assert "not loggable" in str(event.detail["warnings"])
    with rig.store.session() as session:
        append_event(session, event)


def test_walk_files(tmp_path: Path) -> None:
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "e" / "2.txt").write_text("2")
    (tmp_path / "d" / "1.txt").write_text("1")
    (tmp_path / "d" / "link").symlink_to(tmp_path / "d" / "1.txt")
    (tmp_path / "f.txt").write_text("f")
    found = list(walk_files([tmp_path / "f.txt", tmp_path / "d"]))
    assert found == [tmp_path / "f.txt", tmp_path / "d" / "1.txt", tmp_path / "d" / "e" / "2.txt"]
    with pytest.raises(GavahError, match="no such file"):
        list(walk_files([tmp_path / "missing"]))


def test_an_unreadable_file_records_nothing(rig: Rig, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(GavahError, match="cannot read"):
        rig.ingestor.ingest(folder, IngestRequest("s"))
    with rig.store.reader() as session:
        assert LedgerRepository(session).size() == 0
