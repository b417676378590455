"""Repository for store-and-forward sync: peers, their log entries and checkpoints, imports, acks.

Owns mapping peers (``bundle_peers``), the entries and signed checkpoints received from each
peer's log (``peer_entries``, ``peer_checkpoints``), imported bundles (``bundle_imports``), the
evidence items that came by bundle (``bundle_items``) and the cosignatures peers returned for our
own checkpoints (``bundle_acks``). Must not verify or sign anything: the caller hands in values
that :mod:`gavah.bundle` has verified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.store.codec import from_utc, to_utc
from gavah.store.schema_bundle import (
    BundleAckRow,
    BundleImportRow,
    BundleItemRow,
    PeerCheckpointRow,
    PeerEntryRow,
    PeerRow,
)
from gavah.store.session import flush

__all__ = ["BundleRepository", "Peer", "PeerCheckpoint", "StoredAck"]


@dataclass(frozen=True, slots=True)
class Peer:
    """A workspace whose bundles are accepted (and to which bundles may be sent)."""

    name: str
    origin: str
    vkey: str
    recipient: str | None
    added_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PeerCheckpoint:
    """A verified signed checkpoint of a peer's log."""

    origin: str
    tree_size: int
    root_hash: bytes
    checkpoint: str
    received_at: dt.datetime
    bundle_id: str


@dataclass(frozen=True, slots=True)
class StoredAck:
    """A peer's cosignature of one of our checkpoints."""

    witness: str
    tree_size: int
    root_hash: bytes
    cosigned: str
    cosigned_at: dt.datetime
    imported_at: dt.datetime


def _peer(row: PeerRow) -> Peer:
    return Peer(row.name, row.origin, row.vkey, row.recipient, from_utc(row.added_at))


def _checkpoint(row: PeerCheckpointRow) -> PeerCheckpoint:
    return PeerCheckpoint(
        row.origin,
        row.tree_size,
        bytes(row.root_hash),
        row.checkpoint,
        from_utc(row.received_at),
        row.bundle_id,
    )


def _ack(row: BundleAckRow) -> StoredAck:
    return StoredAck(
        row.witness,
        row.tree_size,
        bytes(row.root_hash),
        row.cosigned,
        from_utc(row.cosigned_at),
        from_utc(row.imported_at),
    )


class BundleRepository:
    """Peers, their logs as received, imported bundles and acknowledgements, in one session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- peers ------------------------------------------------------------------------------

    def add_peer(self, peer: Peer) -> None:
        """Insert or replace the peer named ``peer.name``.

        Raises:
            StorageError: another peer already has this origin.
        """
        self._session.merge(
            PeerRow(
                name=peer.name,
                origin=peer.origin,
                vkey=peer.vkey,
                recipient=peer.recipient,
                added_at=to_utc(peer.added_at),
            )
        )
        flush(self._session)

    def peers(self) -> list[Peer]:
        """Every peer, by name."""
        return [_peer(r) for r in self._session.scalars(select(PeerRow).order_by(PeerRow.name))]

    def peer(self, name: str) -> Peer | None:
        """The peer called ``name``."""
        row = self._session.get(PeerRow, name)
        return None if row is None else _peer(row)

    def peer_by_origin(self, origin: str) -> Peer | None:
        """The peer whose log has this origin."""
        row = self._session.scalar(select(PeerRow).where(PeerRow.origin == origin))
        return None if row is None else _peer(row)

    def peer_by_recipient(self, recipient: str) -> Peer | None:
        """The peer with this age recipient."""
        row = self._session.scalar(select(PeerRow).where(PeerRow.recipient == recipient))
        return None if row is None else _peer(row)

    # -- a peer's log, as received ----------------------------------------------------------

    def entry_count(self, origin: str) -> int:
        """How many entries of the peer's log are held (positions 0 .. n-1, dense)."""
        count = self._session.scalar(
            select(func.count()).select_from(PeerEntryRow).where(PeerEntryRow.origin == origin)
        )
        return int(count or 0)

    def leaf_hashes(self, origin: str, end: int | None = None) -> list[bytes]:
        """The stored leaf hashes of the peer's log, in position order (up to ``end``)."""
        query = select(PeerEntryRow.leaf_hash).where(PeerEntryRow.origin == origin)
        if end is not None:
            query = query.where(PeerEntryRow.position < end)
        return [bytes(r) for r in self._session.scalars(query.order_by(PeerEntryRow.position))]

    def entries(self, origin: str, start: int, end: int) -> list[bytes]:
        """The stored entries of the peer's log with ``start <= position < end``."""
        rows = self._session.scalars(
            select(PeerEntryRow.entry)
            .where(
                PeerEntryRow.origin == origin,
                PeerEntryRow.position >= start,
                PeerEntryRow.position < end,
            )
            .order_by(PeerEntryRow.position)
        )
        return [bytes(r) for r in rows]

    def entry_at(self, origin: str, position: int) -> bytes | None:
        """The entry at ``position`` of the peer's log, if held."""
        row = self._session.get(PeerEntryRow, (origin, position))
        return None if row is None else bytes(row.entry)

    def add_entry(
        self,
        origin: str,
        position: int,
        *,
        entry: bytes,
        leaf_hash: bytes,
        object_sha256: str,
        event_type: str,
    ) -> None:
        """Store one entry of the peer's log.

        Raises:
            StorageError: that position is already held.
        """
        self._session.add(
            PeerEntryRow(
                origin=origin,
                position=position,
                entry=entry,
                leaf_hash=leaf_hash,
                object_sha256=object_sha256,
                event_type=event_type,
            )
        )

    def checkpoints(self, origin: str) -> list[PeerCheckpoint]:
        """Every accepted checkpoint of the peer's log, by tree size."""
        rows = self._session.scalars(
            select(PeerCheckpointRow)
            .where(PeerCheckpointRow.origin == origin)
            .order_by(PeerCheckpointRow.tree_size)
        )
        return [_checkpoint(r) for r in rows]

    def add_checkpoint(self, checkpoint: PeerCheckpoint) -> None:
        """Record an accepted checkpoint (nothing happens if that size is recorded already)."""
        if self._session.get(PeerCheckpointRow, (checkpoint.origin, checkpoint.tree_size)):
            return
        self._session.add(
            PeerCheckpointRow(
                origin=checkpoint.origin,
                tree_size=checkpoint.tree_size,
                root_hash=checkpoint.root_hash,
                checkpoint=checkpoint.checkpoint,
                received_at=to_utc(checkpoint.received_at),
                bundle_id=checkpoint.bundle_id,
            )
        )

    # -- imports and items ------------------------------------------------------------------

    def is_imported(self, bundle_id: str) -> bool:
        """Whether the bundle with this id was imported before."""
        return self._session.get(BundleImportRow, bundle_id) is not None

    def add_import(
        self,
        bundle_id: str,
        origin: str,
        *,
        since: int,
        tree_size: int,
        items: int,
        at: dt.datetime,
    ) -> None:
        """Record that a bundle was imported."""
        self._session.add(
            BundleImportRow(
                bundle_id=bundle_id,
                origin=origin,
                since=since,
                tree_size=tree_size,
                items=items,
                imported_at=to_utc(at),
            )
        )

    def item_at(self, origin: str, position: int) -> str | None:
        """The evidence id received from the peer's ingestion entry at ``position``."""
        row = self._session.get(BundleItemRow, (origin, position))
        return None if row is None else row.evidence_id

    def add_item(self, origin: str, position: int, evidence_id: str, sha256: str) -> None:
        """Tie an evidence item to the entry of the peer's log that recorded its ingestion."""
        self._session.add(
            BundleItemRow(origin=origin, position=position, evidence_id=evidence_id, sha256=sha256)
        )

    def origins_of(self, sha256: str) -> list[tuple[str, int]]:
        """``(origin, position)`` of every peer ingestion entry for the item with this SHA-256."""
        rows = self._session.execute(
            select(BundleItemRow.origin, BundleItemRow.position)
            .where(BundleItemRow.sha256 == sha256)
            .order_by(BundleItemRow.origin, BundleItemRow.position)
        )
        return [(r[0], r[1]) for r in rows]

    def flush(self) -> None:
        """Send pending rows to the database (to surface constraint errors early).

        Raises:
            StorageError: a constraint failed.
        """
        flush(self._session)

    # -- acknowledgements of our own checkpoints ---------------------------------------------

    def add_ack(self, ack: StoredAck) -> bool:
        """Store a cosignature; return False when one for that witness and size is stored."""
        if self._session.get(BundleAckRow, (ack.witness, ack.tree_size)) is not None:
            return False
        self._session.add(
            BundleAckRow(
                witness=ack.witness,
                tree_size=ack.tree_size,
                root_hash=ack.root_hash,
                cosigned=ack.cosigned,
                cosigned_at=to_utc(ack.cosigned_at),
                imported_at=to_utc(ack.imported_at),
            )
        )
        flush(self._session)
        return True

    def acks(self, witness: str | None = None) -> list[StoredAck]:
        """Stored cosignatures (of one witness when given), by witness and tree size."""
        query = select(BundleAckRow).order_by(BundleAckRow.witness, BundleAckRow.tree_size)
        if witness is not None:
            query = query.where(BundleAckRow.witness == witness)
        return [_ack(r) for r in self._session.scalars(query)]
