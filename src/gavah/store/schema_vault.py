"""The vault and ledger tables, on the same declarative ``Base`` as :mod:`gavah.store.schema`.

Owns ``ledger_entries`` (the append-only log: index, exact entry bytes, leaf hash, the object
it concerns), ``ledger_state`` (the Merkle frontier after the last append, so appending needs no
scan), ``ledger_heads`` (every signed checkpoint) and ``evidence_metadata`` (what was extracted
from each original). Changing anything here needs an Alembic migration (``0002_vault_ledger``).
Must not hold ledger logic: hashing and proofs are :mod:`gavah.ledger`'s.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["EvidenceMetadataRow", "LedgerEntryRow", "LedgerHeadRow", "LedgerStateRow"]

_WORD = 32


class LedgerEntryRow(Base):
    """One logged custody event: its exact canonical bytes at its position in the log."""

    __tablename__ = "ledger_entries"

    position: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entry: Mapped[bytes] = mapped_column(LargeBinary)
    leaf_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    object_sha256: Mapped[str] = mapped_column(String(64), index=True)
    event_type: Mapped[str] = mapped_column(String(_WORD))

    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)


class LedgerStateRow(Base):
    """The log's size and Merkle frontier (concatenated 32-byte hashes), one row."""

    __tablename__ = "ledger_state"

    name: Mapped[str] = mapped_column(String(_WORD), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    frontier: Mapped[bytes] = mapped_column(LargeBinary)


class LedgerHeadRow(Base):
    """A signed tree head: the C2SP signed checkpoint note, by tree size."""

    __tablename__ = "ledger_heads"

    tree_size: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    checkpoint: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EvidenceMetadataRow(Base):
    """Metadata extracted from an evidence item's original (JSON)."""

    __tablename__ = "evidence_metadata"

    evidence_id: Mapped[str] = mapped_column(
        ForeignKey("evidence_items.id", ondelete="CASCADE"), primary_key=True
    )
    facts: Mapped[dict[str, Any]] = mapped_column(JSON)
