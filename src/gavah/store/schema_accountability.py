"""Tables of the accountability work: units over time, postings, organisations, attributions.

Owns :class:`UnitParentRow`, :class:`PostingRow`, :class:`OrganizationRow`,
:class:`OrgRelationRow` and :class:`AttributionRow`. Periods are stored as (first day, precision,
calendar) per end, like incident spans (:mod:`gavah.store.codec`); field-level sourcing is a JSON
object ``{field: {"citations", "confidence", "first_cited", "last_cited"}}``. An attribution keeps
its supporting claim ids and evidence ids as JSON lists without foreign keys: claims and evidence
are graded and kept by other parts of the store, and the link must outlive a re-grading. On the
same declarative base as :mod:`gavah.store.schema`; migration ``0007``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["AttributionRow", "OrgRelationRow", "OrganizationRow", "PostingRow", "UnitParentRow"]

_ID = 64
_WORD = 32
_PRECISION = 8
_CALENDAR = 16


class _Period:
    """Columns of a period whose ends are partial dates."""

    start_date: Mapped[dt.date | None] = mapped_column(Date)
    start_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    start_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    end_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))


class UnitParentRow(_Period, Base):
    """Unit ``unit_id`` was under ``parent_id`` for a period."""

    __tablename__ = "unit_parents"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    parent_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    sources: Mapped[dict[str, Any]] = mapped_column(JSON)


class PostingRow(_Period, Base):
    """An official's post in a unit for a period."""

    __tablename__ = "postings"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    official_id: Mapped[str] = mapped_column(ForeignKey("officials.id"), index=True)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    rank: Mapped[str | None] = mapped_column(Text)
    commands: Mapped[bool] = mapped_column(Boolean)
    sources: Mapped[dict[str, Any]] = mapped_column(JSON)


class OrganizationRow(Base):
    """A company or other organisation that enables repression."""

    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(_WORD))
    country: Mapped[str | None] = mapped_column(String(2))
    description: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[dict[str, Any]] = mapped_column(JSON)


class OrgRelationRow(_Period, Base):
    """An organisation's link to a unit or another organisation (``target_id``: either)."""

    __tablename__ = "org_relations"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    target_id: Mapped[str] = mapped_column(String(_ID), index=True)
    relation: Mapped[str] = mapped_column(Text)
    sources: Mapped[dict[str, Any]] = mapped_column(JSON)


class AttributionRow(Base):
    """An incident (or act) attributed to a unit and/or an official."""

    __tablename__ = "attributions"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    act_id: Mapped[str | None] = mapped_column(ForeignKey("acts.id"))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), index=True)
    official_id: Mapped[str | None] = mapped_column(ForeignKey("officials.id"), index=True)
    confidence: Mapped[str] = mapped_column(String(_PRECISION))
    claim_ids: Mapped[list[str]] = mapped_column(JSON)
    evidence_ids: Mapped[list[str]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(
            "unit_id IS NOT NULL OR official_id IS NOT NULL", name="names_unit_or_official"
        ),
    )
