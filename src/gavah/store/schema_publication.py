"""Table of publication decisions: which list records may be named on the public site.

Owns :class:`PublicationRow`: one decision per list record (``source_id`` + ``record_id``, the
stable identity of a row of a list), ``approved`` or ``withheld``, with who decided, when and
why, and the opaque ``public_ref`` the memorial shows in its addresses. Decisions are keyed on
records, not persons, because ``gavah link`` re-makes the persons: a person is public when at
least one of its records is approved and none is withheld (:mod:`gavah.store.publication`).
On the same declarative base as :mod:`gavah.store.schema`; migration ``0011``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["APPROVED", "DECISIONS", "REF_LENGTH", "WITHHELD", "PublicationRow"]

APPROVED = "approved"
WITHHELD = "withheld"
DECISIONS = (APPROVED, WITHHELD)
#: Length of a memorial reference: 16 characters of base32 (80 random bits).
REF_LENGTH = 16


class PublicationRow(Base):
    """The current publication decision about one list record."""

    __tablename__ = "publication_decisions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(200))
    decision: Mapped[str] = mapped_column(String(16), index=True)
    public_ref: Mapped[str] = mapped_column(String(REF_LENGTH), unique=True)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        ForeignKeyConstraint(
            ["source_id", "record_id"],
            ["records.source_id", "records.record_id"],
            ondelete="CASCADE",
        ),
        UniqueConstraint("source_id", "record_id"),
        CheckConstraint("decision IN ('approved', 'withheld')", name="decision_known"),
    )
