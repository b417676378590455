"""The ledger and vault repositories, on every backend: append, frontier, heads, metadata."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.errors import StorageError
from gavah.ledger import (
    CustodyEvent,
    EventType,
    NoteVerifier,
    encode_entry,
    leaf_hash,
    open_checkpoint,
    root_hash,
)
from gavah.store import EvidenceRepository, SourceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.store.vault import VaultRepository
from gavah.vault.log import append_event, log_origin, seal_log
from tests.integration.store.factories import make_evidence, make_source

NOW = dt.datetime(2026, 1, 9, 18, 30, tzinfo=dt.UTC)


def _event(n: int) -> CustodyEvent:
    sha = hashlib.sha256(str(n).encode()).hexdigest()
    return CustodyEvent(EventType.INGESTION, sha, "test", NOW, detail={"n": n})


def test_append_keeps_entries_frontier_and_root(store: Store) -> None:
    events = [_event(n) for n in range(11)]
    with store.session() as session:
        positions = [append_event(session, event) for event in events[:5]]
    with store.session() as session:
        positions += [append_event(session, event) for event in events[5:]]
    assert positions == list(range(11))
    encoded = [encode_entry(event) for event in events]
    with store.reader() as session:
        ledger = LedgerRepository(session)
        assert ledger.size() == 11 == ledger.count_entries()
        assert ledger.frontier().root() == root_hash(leaf_hash(e) for e in encoded)
        stored = list(ledger.entries())
        assert [row.entry for row in stored] == encoded
        assert [row.leaf_hash for row in stored] == [leaf_hash(e) for e in encoded]
        assert [row.position for row in ledger.entries(3, 6)] == [3, 4, 5]
        assert ledger.leaf_hashes(4) == [leaf_hash(e) for e in encoded[:4]]
        about = ledger.positions_of(events[7].object)
        assert [row.position for row in about] == [7]
        assert about[0].event_type == "ingestion"


def test_a_rolled_back_append_leaves_no_trace(store: Store) -> None:
    def crash() -> None:
        with store.session() as session:
            append_event(session, _event(1))
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        crash()
    with store.reader() as session:
        ledger = LedgerRepository(session)
        assert ledger.size() == 0 == ledger.count_entries()
        assert ledger.latest_head() is None


def test_seal_signs_each_size_once(store: Store) -> None:
    key = Ed25519PrivateKey.generate()
    origin = "gavah-workspace/test"
    with store.session() as session:
        assert seal_log(session, key, origin, NOW) is None  # nothing to sign in an empty log
        append_event(session, _event(1))
        first = seal_log(session, key, origin, NOW)
        assert first is not None
        assert seal_log(session, key, origin, NOW) is None  # size 1 is signed already
        append_event(session, _event(2))
        second = seal_log(session, key, origin, NOW)
    assert second is not None
    verifier = NoteVerifier.from_public_key(origin, key.public_key())
    with store.reader() as session:
        ledger = LedgerRepository(session)
        heads = ledger.heads()
        assert [h.tree_size for h in heads] == [1, 2]
        latest = ledger.latest_head()
        assert latest is not None
        assert latest.tree_size == 2
        assert latest.signed_at == NOW
        checkpoint = open_checkpoint(latest.checkpoint, verifier)
        assert checkpoint.root_hash == ledger.frontier().root() == latest.root_hash
        assert ledger.head_at(1) == heads[0]
        assert ledger.head_at(5) is None
    with pytest.raises(StorageError), store.session() as session:
        LedgerRepository(session).add_head(2, b"\0" * 32, "x", NOW)


def test_evidence_metadata(store: Store) -> None:
    source = make_source()
    item = make_evidence(source)
    with store.session() as session:
        SourceRepository(session).add(source)
        EvidenceRepository(session).add(item)
        vault = VaultRepository(session)
        vault.set_metadata(item.id, {"exif": {"gps": {"latitude": 35.7}}, "note": "فارسی"})
        vault.set_metadata(item.id, {"width": 64})
    with store.reader() as session:
        vault = VaultRepository(session)
        assert vault.metadata(item.id) == {"width": 64}
        assert vault.metadata("missing") == {}
        assert list(vault.all_digests()) == [(item.id, item.sha256, item.sha512, item.size)]
        assert vault.ids() == [item.id]
    with pytest.raises(StorageError), store.session() as session:
        VaultRepository(session).set_metadata("no-such-item", {})


def test_log_origin_is_stable_and_a_valid_key_name() -> None:
    assert log_origin("AAAA") == log_origin("AAAA")
    assert log_origin("AAAA").startswith("gavah-workspace/")
    assert log_origin("AAAA") != log_origin("AAAB")
