"""Table of stored estimates: every ``gavah estimate`` run in a workspace, with its input hash.

Owns :class:`EstimateRow`: when the estimate was made, its method and stratum field, the
SHA-256 of its inputs (canonical capture table(s) and settings, seed included), the canonical
table itself (so the hash can be checked and the estimate re-run), and the estimate JSON. Rows
are only added, never changed. On the declarative base of :mod:`gavah.store.schema`; migration
``0005``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["EstimateRow"]


class EstimateRow(Base):
    """One estimate run: what went in (hash and table) and what came out (the estimate JSON)."""

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    method: Mapped[str] = mapped_column(String(16))
    strata: Mapped[str | None] = mapped_column(String(64))
    input_sha256: Mapped[str] = mapped_column(String(64), index=True)
    table_csv: Mapped[str] = mapped_column(Text)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
