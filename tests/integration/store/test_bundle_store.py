"""The bundle and connectivity repositories, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from gavah.connectivity import Observation
from gavah.errors import StorageError
from gavah.store import EvidenceRepository, RecordRepository, SourceRepository, Store
from gavah.store.bundles import BundleRepository, Peer, PeerCheckpoint, StoredAck
from gavah.store.connectivity import ConnectivityRepository
from tests.integration.store.factories import make_evidence, make_record, make_source

NOW = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)
ORIGIN = "gavah-workspace/0011223344556677"


def test_peers_entries_checkpoints_and_items(store: Store) -> None:
    source = make_source()
    item = make_evidence(source)
    with store.session() as session:
        SourceRepository(session).add(source)
        EvidenceRepository(session).add(item)
        repo = BundleRepository(session)
        repo.add_peer(Peer("تیم الف", ORIGIN, f"{ORIGIN}+00000000+AQ==", None, NOW))
        for position in range(3):
            entry = f"entry {position}".encode()
            repo.add_entry(
                ORIGIN,
                position,
                entry=entry,
                leaf_hash=hashlib.sha256(entry).digest(),
                object_sha256=item.sha256,
                event_type="ingestion",
            )
        repo.add_checkpoint(PeerCheckpoint(ORIGIN, 3, b"\x01" * 32, "note", NOW, "b" * 64))
        repo.add_checkpoint(PeerCheckpoint(ORIGIN, 3, b"\x02" * 32, "other", NOW, "c" * 64))
        repo.add_item(ORIGIN, 0, item.id, item.sha256)
        repo.add_import("b" * 64, ORIGIN, since=0, tree_size=3, items=1, at=NOW)
    with store.reader() as session:
        repo = BundleRepository(session)
        assert repo.peer("تیم الف") is not None
        assert repo.peer_by_origin(ORIGIN) is not None
        assert repo.entry_count(ORIGIN) == 3
        assert repo.entries(ORIGIN, 1, 3) == [b"entry 1", b"entry 2"]
        assert len(repo.leaf_hashes(ORIGIN, 2)) == 2
        (checkpoint,) = repo.checkpoints(ORIGIN)
        assert checkpoint.root_hash == b"\x01" * 32  # the first accepted is kept
        assert checkpoint.received_at == NOW
        assert repo.is_imported("b" * 64)
        assert repo.item_at(ORIGIN, 0) == item.id
        assert repo.origins_of(item.sha256) == [(ORIGIN, 0)]


def _add_position_twice(store: Store) -> None:
    with store.session() as session:
        repo = BundleRepository(session)
        for _ in range(2):
            repo.add_entry(
                ORIGIN,
                0,
                entry=b"x",
                leaf_hash=b"\x00" * 32,
                object_sha256="a" * 64,
                event_type="t",
            )
        repo.flush()


def test_an_entry_position_is_held_once(store: Store) -> None:
    with pytest.raises(StorageError):
        _add_position_twice(store)
    with store.reader() as session:
        assert BundleRepository(session).entry_count(ORIGIN) == 0


def test_acks_are_kept_once_per_witness_and_size(store: Store) -> None:
    ack = StoredAck(ORIGIN, 5, b"\x03" * 32, "note", NOW, NOW)
    with store.session() as session:
        repo = BundleRepository(session)
        assert repo.add_ack(ack)
        assert not repo.add_ack(ack)
    with store.reader() as session:
        assert BundleRepository(session).acks(ORIGIN) == [ack]


def test_observations_are_stored_once_per_file_and_deaths_counted_per_day(store: Store) -> None:
    observations = [
        Observation(
            "ioda", "IR", "IR-23", "Tehran", NOW, None, "ioda/bgp", 42.0, False, {"step": 300}
        ),
        Observation(
            "cloudflare-radar",
            "IR",
            None,
            None,
            NOW,
            NOW + dt.timedelta(days=1),
            "cloudflare/all",
            None,
            True,
            {"outage_cause": "GOVERNMENT_DIRECTED"},
        ),
    ]
    with store.session() as session:
        repo = ConnectivityRepository(session)
        assert repo.add_all("a" * 64, observations) == 2
        assert repo.add_all("a" * 64, observations) == 0
    source = make_source()
    with store.session() as session:
        SourceRepository(session).add(source)
        # records 0 and 31 are in IR-01, on 8 and 9 January
        RecordRepository(session).add_many(make_record(source, n) for n in (0, 1, 31, 5))
    with store.reader() as session:
        repo = ConnectivityRepository(session)
        assert repo.observations() == observations
        assert repo.deaths_per_day("IR-01") == {dt.date(2026, 1, 8): 1, dt.date(2026, 1, 9): 1}
        assert sum(repo.deaths_per_day(None).values()) == 4
