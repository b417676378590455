"""The database schema: SQLAlchemy 2 tables for the domain model.

Owns the declarative :class:`Base` (with a constraint naming convention, so that later migrations
can name what they alter) and one row class per table. A partial date is three columns (first
Gregorian day, precision, calendar). Vocabularies are stored as short strings, not native enums,
so a new act type needs no migration; the domain types check them. Rows are not domain objects:
mapping lives in the repositories. Any change here needs an Alembic migration in
``gavah/store/migrations/versions`` (a test compares the migrated schema with this metadata).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false

__all__ = [
    "NAMING_CONVENTION",
    "ActRow",
    "Base",
    "ClaimLinkRow",
    "ClaimRow",
    "EvidenceRow",
    "IncidentRow",
    "MetaRow",
    "OfficialRow",
    "PersonRow",
    "RecordRevisionRow",
    "RecordRow",
    "ReportEvidenceRow",
    "ReportRow",
    "SourceRow",
    "StatusEventRow",
    "UnitRow",
]

#: Constraint and index names, so every constraint has a stable name to alter or drop later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

_ID = 64  # width of id columns; matches gavah.model.rules.MAX_ID_LENGTH
_WORD = 32  # width of vocabulary columns
_PRECISION = 8  # "day" | "month" | "year"
_CALENDAR = 16  # "gregorian" | "solar_hijri"


class Base(DeclarativeBase):
    """Declarative base of every table, with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MetaRow(Base):
    """Workspace-wide settings and markers, key → text."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SourceRow(Base):
    """A source (``gavah.model.Source``)."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(_WORD))
    origin_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id"))
    reliability_note: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    reliability: Mapped[str | None] = mapped_column(String(_WORD))


class ReportRow(Base):
    """A report (``gavah.model.Report``); its cited evidence is in ``report_evidence``."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    reported_on_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    reported_on_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    relays_source_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id"), index=True)
    evidence_verified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class EvidenceRow(Base):
    """An evidence item (``gavah.model.EvidenceItem``)."""

    __tablename__ = "evidence_items"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    sha512: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(255))
    original_filename: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    case_label: Mapped[str | None] = mapped_column(String(200), index=True)
    perceptual_hash: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("size >= 0", name="size_not_negative"),)


class ReportEvidenceRow(Base):
    """An evidence item cited by a report, in the report's order."""

    __tablename__ = "report_evidence"

    report_id: Mapped[str] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    evidence_id: Mapped[str] = mapped_column(
        ForeignKey("evidence_items.id"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class PersonRow(Base):
    """A person of the register; ``status`` repeats the latest status event for counting."""

    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    name_fa: Mapped[str | None] = mapped_column(Text)
    name_latin: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(_WORD), index=True)


class RecordRow(Base):
    """One row of a source's list, verbatim (``raw``) and normalised; indexed for blocking."""

    __tablename__ = "records"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    record_id: Mapped[str] = mapped_column(String(200))
    raw: Mapped[dict[str, str]] = mapped_column(JSON)
    full_name: Mapped[str | None] = mapped_column(Text)
    latin_key: Mapped[str | None] = mapped_column(Text, index=True)
    skeleton: Mapped[str | None] = mapped_column(Text, index=True)
    given_name: Mapped[str | None] = mapped_column(Text)
    family_name: Mapped[str | None] = mapped_column(Text)
    father_name: Mapped[str | None] = mapped_column(Text)
    sex: Mapped[str | None] = mapped_column(String(_WORD))
    age: Mapped[int | None] = mapped_column(Integer)
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    event_date_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    event_date_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))
    event: Mapped[str | None] = mapped_column(String(_WORD))
    province: Mapped[str | None] = mapped_column(String(16), index=True)
    city: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    person_id: Mapped[str | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )

    __table_args__ = (
        UniqueConstraint("source_id", "record_id"),
        CheckConstraint("age IS NULL OR (age >= 0 AND age <= 130)", name="age_range"),
        CheckConstraint(
            "(event_date IS NULL) = (event_date_precision IS NULL)"
            " AND (event_date IS NULL) = (event_date_calendar IS NULL)",
            name="event_date_parts",
        ),
        CheckConstraint("revision >= 1", name="revision_positive"),
    )


class RecordRevisionRow(Base):
    """An earlier version of a record, kept when a re-import changed it."""

    __tablename__ = "record_revisions"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(_ID))
    record_id: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer)
    raw: Mapped[dict[str, str]] = mapped_column(JSON)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (
        ForeignKeyConstraint(
            ["source_id", "record_id"],
            ["records.source_id", "records.record_id"],
            ondelete="CASCADE",
        ),
        UniqueConstraint("source_id", "record_id", "revision"),
    )


class StatusEventRow(Base):
    """One status event of a person, ``seq`` giving the order of the history."""

    __tablename__ = "status_events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(_WORD))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    date_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))
    source_id: Mapped[str | None] = mapped_column(String(_ID))
    record_id: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        ForeignKeyConstraint(
            ["source_id", "record_id"], ["records.source_id", "records.record_id"]
        ),
        UniqueConstraint("person_id", "seq"),
        Index(None, "source_id", "record_id"),
    )


class UnitRow(Base):
    """A perpetrator unit (``gavah.model.Unit``)."""

    __tablename__ = "units"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    name_fa: Mapped[str | None] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(_WORD))
    description: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # field-level sourcing (0007)


class OfficialRow(Base):
    """An official (``gavah.model.Official``)."""

    __tablename__ = "officials"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    name_fa: Mapped[str | None] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # field-level sourcing (0007)


class IncidentRow(Base):
    """An incident (``gavah.model.Incident``): place and time span, each with a precision."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    place_name: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    location_precision: Mapped[str | None] = mapped_column(String(16))
    province: Mapped[str | None] = mapped_column(String(16), index=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    start_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    start_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(_PRECISION))
    end_calendar: Mapped[str | None] = mapped_column(String(_CALENDAR))
    description: Mapped[str | None] = mapped_column(Text)


class ActRow(Base):
    """An act within an incident (``gavah.model.Act``)."""

    __tablename__ = "acts"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    act_type: Mapped[str] = mapped_column(String(_WORD))
    victim_person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    victims_low: Mapped[int | None] = mapped_column(Integer)
    victims_high: Mapped[int | None] = mapped_column(Integer)
    perpetrator: Mapped[str | None] = mapped_column(Text)
    perpetrator_unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("victims_low IS NULL OR victims_low >= 0", name="victims_low_not_negative"),
        CheckConstraint(
            "victims_high IS NULL OR (victims_low IS NOT NULL AND victims_high >= victims_low)",
            name="victims_range",
        ),
        CheckConstraint("victim_person_id IS NULL OR victims_low IS NULL", name="named_or_counted"),
    )


class ClaimRow(Base):
    """A claim (``gavah.model.Claim``); its relations to other claims are in ``claim_links``."""

    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(_ID), primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    kind: Mapped[str] = mapped_column(String(_WORD))
    text: Mapped[str] = mapped_column(Text)
    subject: Mapped[dict[str, Any]] = mapped_column(JSON)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incidents.id"), index=True)
    act_id: Mapped[str | None] = mapped_column(ForeignKey("acts.id"), index=True)
    count_low: Mapped[int | None] = mapped_column(Integer)
    count_high: Mapped[int | None] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(16), default="affirms", server_default="affirms")

    __table_args__ = (
        CheckConstraint("count_low IS NULL OR count_low >= 0", name="count_low_not_negative"),
        CheckConstraint(
            "count_high IS NULL OR (count_low IS NOT NULL AND count_high >= count_low)",
            name="count_range",
        ),
        CheckConstraint("stance IN ('affirms', 'denies')", name="stance_known"),
    )


class ClaimLinkRow(Base):
    """Claim ``claim_id`` supports or contradicts claim ``target_id``."""

    __tablename__ = "claim_links"

    claim_id: Mapped[str] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    target_id: Mapped[str] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[str] = mapped_column(String(16))

    __table_args__ = (CheckConstraint("claim_id <> target_id", name="not_self"),)
