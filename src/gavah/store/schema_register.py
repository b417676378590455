"""Tables of the victims register: list imports, review decisions, the review queue.

Owns :class:`ListImportRow` (one imported file version: its hash and what it did), the
:class:`ReviewDecisionRow` log (a reviewer's judgement on a pair of records, append-only: the
latest decision on a pair is the one that counts) and :class:`ReviewPairRow` (the uncertain pairs
of the latest link, with each comparison's match weight). Pairs name records by (source id,
record id) without a foreign key, so decisions outlive a re-import that rewrites records. On the
same declarative base as :mod:`gavah.store.schema`; migration ``0003``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["ListImportRow", "ReviewDecisionRow", "ReviewPairRow"]

_ID = 64
_RECORD_ID = 200


class ListImportRow(Base):
    """One version of a list file imported under a source."""

    __tablename__ = "list_imports"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    rows: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    refused: Mapped[int] = mapped_column(Integer)

    __table_args__ = (UniqueConstraint("source_id", "sha256"),)


class ReviewDecisionRow(Base):
    """A reviewer's judgement on a pair of records (``left`` sorts before ``right``)."""

    __tablename__ = "review_decisions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    left_source: Mapped[str] = mapped_column(String(_ID))
    left_record: Mapped[str] = mapped_column(String(_RECORD_ID))
    right_source: Mapped[str] = mapped_column(String(_ID))
    right_record: Mapped[str] = mapped_column(String(_RECORD_ID))
    judgement: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index(None, "left_source", "left_record", "right_source", "right_record"),)


class ReviewPairRow(Base):
    """An uncertain pair of the latest link, waiting for a reviewer."""

    __tablename__ = "review_pairs"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    left_source: Mapped[str] = mapped_column(String(_ID))
    left_record: Mapped[str] = mapped_column(String(_RECORD_ID))
    right_source: Mapped[str] = mapped_column(String(_ID))
    right_record: Mapped[str] = mapped_column(String(_RECORD_ID))
    match_weight: Mapped[float] = mapped_column(Float)
    probability: Mapped[float] = mapped_column(Float)
    contributions: Mapped[list[Any]] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("left_source", "left_record", "right_source", "right_record"),
    )
