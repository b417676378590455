"""Tables of store-and-forward sync and of connectivity data, on the same ``Base`` as the rest.

Owns ``bundle_peers`` (the workspaces whose bundles we accept: name, log origin, verifier key,
age recipient), ``peer_entries`` (every entry of a peer's log we received, exact bytes),
``peer_checkpoints`` (every signed checkpoint of a peer we accepted: the record that lets a fork
be detected), ``bundle_imports`` (each bundle imported, by id: what makes import idempotent),
``bundle_items`` (which evidence item came from which entry of which peer's log),
``bundle_acks`` (cosignatures of our own checkpoints that peers sent back) and
``connectivity_observations`` (internet measurements normalised by region and time).
Changing anything here needs an Alembic migration (``0008_bundles``). Must not hold logic.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = [
    "BundleAckRow",
    "BundleImportRow",
    "BundleItemRow",
    "ConnectivityObservationRow",
    "PeerCheckpointRow",
    "PeerEntryRow",
    "PeerRow",
]

_NAME = 200  # key names and peer names
_WORD = 32


class PeerRow(Base):
    """A peer workspace: its name here, its log origin and verifier key, its age recipient."""

    __tablename__ = "bundle_peers"

    name: Mapped[str] = mapped_column(String(_NAME), primary_key=True)
    origin: Mapped[str] = mapped_column(String(_NAME), unique=True)
    vkey: Mapped[str] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class PeerEntryRow(Base):
    """One entry of a peer's log, as received: exact bytes at the peer's position."""

    __tablename__ = "peer_entries"

    origin: Mapped[str] = mapped_column(String(_NAME), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entry: Mapped[bytes] = mapped_column(LargeBinary)
    leaf_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    object_sha256: Mapped[str] = mapped_column(String(64), index=True)
    event_type: Mapped[str] = mapped_column(String(_WORD))


class PeerCheckpointRow(Base):
    """A signed checkpoint of a peer's log that was verified and accepted."""

    __tablename__ = "peer_checkpoints"

    origin: Mapped[str] = mapped_column(String(_NAME), primary_key=True)
    tree_size: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    checkpoint: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    bundle_id: Mapped[str] = mapped_column(String(64))


class BundleImportRow(Base):
    """A bundle that was imported (its id is the SHA-256 of the whole bundle file)."""

    __tablename__ = "bundle_imports"

    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    origin: Mapped[str] = mapped_column(String(_NAME), index=True)
    since: Mapped[int] = mapped_column(BigInteger)
    tree_size: Mapped[int] = mapped_column(BigInteger)
    items: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class BundleItemRow(Base):
    """An evidence item received by bundle, tied to its ingestion entry in the peer's log."""

    __tablename__ = "bundle_items"

    origin: Mapped[str] = mapped_column(String(_NAME), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    evidence_id: Mapped[str] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)


class BundleAckRow(Base):
    """A peer's cosignature of one of our checkpoints (C2SP tlog-cosignature, Ed25519)."""

    __tablename__ = "bundle_acks"

    witness: Mapped[str] = mapped_column(String(_NAME), primary_key=True)
    tree_size: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    cosigned: Mapped[str] = mapped_column(Text)
    cosigned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ConnectivityObservationRow(Base):
    """One connectivity observation, from a measurement file kept in the vault."""

    __tablename__ = "connectivity_observations"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    evidence_sha256: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    dataset: Mapped[str] = mapped_column(String(_WORD))
    country: Mapped[str] = mapped_column(String(8))
    region: Mapped[str | None] = mapped_column(String(16), index=True)
    region_name: Mapped[str | None] = mapped_column(Text)
    start: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    end: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    signal: Mapped[str] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(Float)
    outage: Mapped[bool] = mapped_column(Boolean)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("evidence_sha256", "seq"),)
