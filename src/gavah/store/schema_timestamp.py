"""The table of RFC 3161 timestamps of signed tree heads, on the same ``Base`` as the others.

Owns ``ledger_timestamps``: one row per signed head queued for timestamping (by tree size, with
the head's root and the SHA-256 of its signed note, which is what the authority timestamps), the
authority's URL, the status (``pending`` until a verified token is stored, then ``done``), the
DER token and the time it states, and the attempts made and the last error. Migration ``0004``.
Must not hold timestamp logic: requests and verification are :mod:`gavah.vault.timestamp`'s.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["LedgerTimestampRow"]


class LedgerTimestampRow(Base):
    """A signed tree head queued for, or holding, an RFC 3161 timestamp token."""

    __tablename__ = "ledger_timestamps"

    tree_size: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("ledger_heads.tree_size"),
        primary_key=True,
        autoincrement=False,
    )
    root_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    checkpoint_sha256: Mapped[str] = mapped_column(String(64))
    tsa_url: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    token: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    stamped_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    serial_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        CheckConstraint("status IN ('pending', 'done')", name="status_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    )
