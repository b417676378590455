"""Repository for the ledger: appended entries, the Merkle frontier and the signed heads.

Owns mapping the log to ``ledger_entries``, ``ledger_state`` and ``ledger_heads``. Entries are
only ever appended: positions are dense from 0, and each append updates the stored frontier in
the same transaction, so the log, its frontier and its heads can never disagree after a commit.
Must not sign anything or judge entries: the caller hands in encoded entries and signed notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.ledger import HASH_SIZE, CompactRange, leaf_hash
from gavah.store.codec import from_utc, to_utc
from gavah.store.schema_vault import LedgerEntryRow, LedgerHeadRow, LedgerStateRow
from gavah.store.session import flush

__all__ = ["LedgerEntry", "LedgerRepository", "SignedHead"]

_STATE = "main"
_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """A logged entry as stored: its position, exact bytes, stored leaf hash and object."""

    position: int
    entry: bytes
    leaf_hash: bytes
    object_sha256: str
    event_type: str


@dataclass(frozen=True, slots=True)
class SignedHead:
    """A stored signed tree head."""

    tree_size: int
    root_hash: bytes
    checkpoint: str
    signed_at: dt.datetime


def _head(row: LedgerHeadRow) -> SignedHead:
    return SignedHead(row.tree_size, row.root_hash, row.checkpoint, from_utc(row.signed_at))


class LedgerRepository:
    """The append-only log of custody events, inside one store session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def frontier(self) -> CompactRange:
        """The Merkle frontier of the whole log (empty for an empty log).

        Raises:
            TreeError: the stored frontier is damaged.
        """
        row = self._session.get(LedgerStateRow, _STATE)
        if row is None:
            return CompactRange()
        hashes = [row.frontier[i : i + HASH_SIZE] for i in range(0, len(row.frontier), HASH_SIZE)]
        return CompactRange.from_state(row.size, hashes)

    def size(self) -> int:
        """How many entries the log holds, by its stored state."""
        row = self._session.get(LedgerStateRow, _STATE)
        return 0 if row is None else row.size

    def append(self, entry: bytes, object_sha256: str, event_type: str) -> int:
        """Append one canonical entry; return its position. Updates the frontier.

        Raises:
            StorageError: the database refused the row (a concurrent writer took the position).
        """
        frontier = self.frontier()
        position = frontier.size
        leaf = leaf_hash(entry)
        frontier.append(leaf)
        self._session.add(
            LedgerEntryRow(
                position=position,
                entry=entry,
                leaf_hash=leaf,
                object_sha256=object_sha256,
                event_type=event_type,
            )
        )
        self._session.merge(
            LedgerStateRow(name=_STATE, size=frontier.size, frontier=b"".join(frontier.hashes))
        )
        flush(self._session)
        return position

    def entries(self, start: int = 0, end: int | None = None) -> Iterator[LedgerEntry]:
        """The stored entries with ``start <= position < end``, in order, read in batches."""
        position = start
        while end is None or position < end:
            query = (
                select(
                    LedgerEntryRow.position,
                    LedgerEntryRow.entry,
                    LedgerEntryRow.leaf_hash,
                    LedgerEntryRow.object_sha256,
                    LedgerEntryRow.event_type,
                )
                .where(LedgerEntryRow.position >= position)
                .order_by(LedgerEntryRow.position)
                .limit(_BATCH)
            )
            if end is not None:
                query = query.where(LedgerEntryRow.position < end)
            rows = self._session.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield LedgerEntry(row[0], bytes(row[1]), bytes(row[2]), row[3], row[4])
            position = rows[-1][0] + 1

    def entry_bytes(self) -> Iterator[bytes]:
        """Every stored entry's bytes in position order, read in batches (for verification)."""
        position = 0
        while True:
            rows = self._session.execute(
                select(LedgerEntryRow.position, LedgerEntryRow.entry)
                .where(LedgerEntryRow.position >= position)
                .order_by(LedgerEntryRow.position)
                .limit(_BATCH)
            ).all()
            if not rows:
                return
            for row in rows:
                yield bytes(row[1])
            position = rows[-1][0] + 1

    def leaf_hashes(self, end: int) -> list[bytes]:
        """The stored leaf hashes of positions ``0 .. end-1`` in order."""
        rows = self._session.execute(
            select(LedgerEntryRow.leaf_hash)
            .where(LedgerEntryRow.position < end)
            .order_by(LedgerEntryRow.position)
        )
        return [row[0] for row in rows]

    def positions_of(self, object_sha256: str) -> list[LedgerEntry]:
        """Every entry about the object with this SHA-256, in log order."""
        rows = self._session.scalars(
            select(LedgerEntryRow)
            .where(LedgerEntryRow.object_sha256 == object_sha256)
            .order_by(LedgerEntryRow.position)
        )
        return [
            LedgerEntry(row.position, row.entry, row.leaf_hash, row.object_sha256, row.event_type)
            for row in rows
        ]

    def count_entries(self) -> int:
        """How many entry rows are stored (compare with :meth:`size`)."""
        return self._session.scalar(select(func.count()).select_from(LedgerEntryRow)) or 0

    def add_head(self, tree_size: int, root_hash: bytes, checkpoint: str, at: dt.datetime) -> None:
        """Store a signed checkpoint for ``tree_size``.

        Raises:
            StorageError: a head for that size is stored already.
        """
        self._session.add(
            LedgerHeadRow(
                tree_size=tree_size,
                root_hash=root_hash,
                checkpoint=checkpoint,
                signed_at=to_utc(at),
            )
        )
        flush(self._session)

    def head_at(self, tree_size: int) -> SignedHead | None:
        """The signed head for ``tree_size``, if any."""
        row = self._session.get(LedgerHeadRow, tree_size)
        return None if row is None else _head(row)

    def latest_head(self) -> SignedHead | None:
        """The signed head of the largest tree, or ``None`` before the first."""
        row = self._session.scalar(
            select(LedgerHeadRow).order_by(LedgerHeadRow.tree_size.desc()).limit(1)
        )
        return None if row is None else _head(row)

    def heads(self) -> list[SignedHead]:
        """Every signed head, by tree size."""
        rows = self._session.scalars(select(LedgerHeadRow).order_by(LedgerHeadRow.tree_size))
        return [_head(row) for row in rows]
