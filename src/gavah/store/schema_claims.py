"""Tables of grading: each grading run with its policy, and each claim's latest grade.

Owns :class:`GradingRunRow` (one ``gavah claims grade``: when, under which policy — its name,
SHA-256 digest and full text — how many claims, and which grades changed from the run before)
and :class:`ClaimGradeRow` (a claim's latest grade with its explanation, naming the run). On the
same declarative base as :mod:`gavah.store.schema`; migration ``0006``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["ClaimGradeRow", "GradingRunRow"]

_ID = 64
_GRADE = 16


class GradingRunRow(Base):
    """One grading of every claim under a policy."""

    __tablename__ = "grading_runs"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    graded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    policy_name: Mapped[str] = mapped_column(Text)
    policy_digest: Mapped[str] = mapped_column(String(64), index=True)
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)
    claims: Mapped[int] = mapped_column(Integer)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class ClaimGradeRow(Base):
    """A claim's latest grade and why."""

    __tablename__ = "claim_grades"

    claim_id: Mapped[str] = mapped_column(
        String(_ID), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    run_pk: Mapped[int] = mapped_column(ForeignKey("grading_runs.pk"), index=True)
    grade: Mapped[str] = mapped_column(String(_GRADE), index=True)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)
