"""Initial schema: sources, reports, evidence, records, persons, incidents, acts, claims, units.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22

Written by autogenerate, then reviewed by hand: it must run on SQLite (batch mode) and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("place_name", sa.Text(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("location_precision", sa.String(length=16), nullable=True),
        sa.Column("province", sa.String(length=16), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("start_precision", sa.String(length=8), nullable=True),
        sa.Column("start_calendar", sa.String(length=16), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_precision", sa.String(length=8), nullable=True),
        sa.Column("end_calendar", sa.String(length=16), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index(op.f("ix_incidents_province"), "incidents", ["province"])
    op.create_index(op.f("ix_incidents_start_date"), "incidents", ["start_date"])

    op.create_table(
        "officials",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_fa", sa.Text(), nullable=True),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officials")),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_fa", sa.Text(), nullable=True),
        sa.Column("name_latin", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
    )
    op.create_index(op.f("ix_persons_status"), "persons", ["status"])

    op.create_table(
        "sources",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("origin_id", sa.String(length=64), nullable=True),
        sa.Column("reliability_note", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["origin_id"], ["sources.id"], name=op.f("fk_sources_origin_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("name", name=op.f("uq_sources_name")),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_fa", sa.Text(), nullable=True),
        sa.Column("name_en", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
    )
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspace_meta")),
    )
    op.create_table(
        "acts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("act_type", sa.String(length=32), nullable=False),
        sa.Column("victim_person_id", sa.String(length=64), nullable=True),
        sa.Column("victims_low", sa.Integer(), nullable=True),
        sa.Column("victims_high", sa.Integer(), nullable=True),
        sa.Column("perpetrator", sa.Text(), nullable=True),
        sa.Column("perpetrator_unit_id", sa.String(length=64), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "victim_person_id IS NULL OR victims_low IS NULL", name=op.f("ck_acts_named_or_counted")
        ),
        sa.CheckConstraint(
            "victims_high IS NULL OR (victims_low IS NOT NULL AND victims_high >= victims_low)",
            name=op.f("ck_acts_victims_range"),
        ),
        sa.CheckConstraint(
            "victims_low IS NULL OR victims_low >= 0", name=op.f("ck_acts_victims_low_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_acts_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["perpetrator_unit_id"], ["units.id"], name=op.f("fk_acts_perpetrator_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["victim_person_id"], ["persons.id"], name=op.f("fk_acts_victim_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acts")),
    )
    op.create_index(op.f("ix_acts_incident_id"), "acts", ["incident_id"])
    op.create_index(op.f("ix_acts_perpetrator_unit_id"), "acts", ["perpetrator_unit_id"])
    op.create_index(op.f("ix_acts_victim_person_id"), "acts", ["victim_person_id"])

    op.create_table(
        "evidence_items",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sha512", sa.String(length=128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=255), nullable=False),
        sa.Column("original_filename", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("case_label", sa.String(length=200), nullable=True),
        sa.Column("perceptual_hash", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("size >= 0", name=op.f("ck_evidence_items_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_evidence_items_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_items")),
        sa.UniqueConstraint("sha256", name=op.f("uq_evidence_items_sha256")),
    )
    op.create_index(op.f("ix_evidence_items_case_label"), "evidence_items", ["case_label"])
    op.create_index(op.f("ix_evidence_items_source_id"), "evidence_items", ["source_id"])

    op.create_table(
        "records",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=True),
        sa.Column("latin_key", sa.Text(), nullable=True),
        sa.Column("skeleton", sa.Text(), nullable=True),
        sa.Column("given_name", sa.Text(), nullable=True),
        sa.Column("family_name", sa.Text(), nullable=True),
        sa.Column("father_name", sa.Text(), nullable=True),
        sa.Column("sex", sa.String(length=32), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_date_precision", sa.String(length=8), nullable=True),
        sa.Column("event_date_calendar", sa.String(length=16), nullable=True),
        sa.Column("event", sa.String(length=32), nullable=True),
        sa.Column("province", sa.String(length=16), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "(event_date IS NULL) = (event_date_precision IS NULL)"
            " AND (event_date IS NULL) = (event_date_calendar IS NULL)",
            name=op.f("ck_records_event_date_parts"),
        ),
        sa.CheckConstraint(
            "age IS NULL OR (age >= 0 AND age <= 130)", name=op.f("ck_records_age_range")
        ),
        sa.CheckConstraint("revision >= 1", name=op.f("ck_records_revision_positive")),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_records_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_records_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_records")),
        sa.UniqueConstraint("source_id", "record_id", name=op.f("uq_records_source_id_record_id")),
    )
    op.create_index(op.f("ix_records_event_date"), "records", ["event_date"])
    op.create_index(op.f("ix_records_latin_key"), "records", ["latin_key"])
    op.create_index(op.f("ix_records_person_id"), "records", ["person_id"])
    op.create_index(op.f("ix_records_province"), "records", ["province"])
    op.create_index(op.f("ix_records_skeleton"), "records", ["skeleton"])

    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("reported_on_precision", sa.String(length=8), nullable=True),
        sa.Column("reported_on_calendar", sa.String(length=16), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_reports_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index(op.f("ix_reports_source_id"), "reports", ["source_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("subject", sa.JSON(), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=True),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("act_id", sa.String(length=64), nullable=True),
        sa.Column("count_low", sa.Integer(), nullable=True),
        sa.Column("count_high", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "count_high IS NULL OR (count_low IS NOT NULL AND count_high >= count_low)",
            name=op.f("ck_claims_count_range"),
        ),
        sa.CheckConstraint(
            "count_low IS NULL OR count_low >= 0", name=op.f("ck_claims_count_low_not_negative")
        ),
        sa.ForeignKeyConstraint(["act_id"], ["acts.id"], name=op.f("fk_claims_act_id_acts")),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_claims_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_claims_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_claims_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_act_id"), "claims", ["act_id"])
    op.create_index(op.f("ix_claims_incident_id"), "claims", ["incident_id"])
    op.create_index(op.f("ix_claims_person_id"), "claims", ["person_id"])
    op.create_index(op.f("ix_claims_report_id"), "claims", ["report_id"])

    op.create_table(
        "record_revisions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id", "record_id"],
            ["records.source_id", "records.record_id"],
            name=op.f("fk_record_revisions_source_id_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_record_revisions")),
        sa.UniqueConstraint(
            "source_id",
            "record_id",
            "revision",
            name=op.f("uq_record_revisions_source_id_record_id_revision"),
        ),
    )
    op.create_table(
        "report_evidence",
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("evidence_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_items.id"],
            name=op.f("fk_report_evidence_evidence_id_evidence_items"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_evidence_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "evidence_id", name=op.f("pk_report_evidence")),
    )
    op.create_index(op.f("ix_report_evidence_evidence_id"), "report_evidence", ["evidence_id"])

    op.create_table(
        "status_events",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("date_calendar", sa.String(length=16), nullable=True),
        sa.Column("source_id", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_status_events_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id", "record_id"],
            ["records.source_id", "records.record_id"],
            name=op.f("fk_status_events_source_id_record_id_records"),
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_status_events")),
        sa.UniqueConstraint("person_id", "seq", name=op.f("uq_status_events_person_id_seq")),
    )
    op.create_index(
        op.f("ix_status_events_source_id_record_id"), "status_events", ["source_id", "record_id"]
    )

    op.create_table(
        "claim_links",
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.CheckConstraint("claim_id <> target_id", name=op.f("ck_claim_links_not_self")),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_links_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["claims.id"],
            name=op.f("fk_claim_links_target_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "target_id", name=op.f("pk_claim_links")),
    )
    op.create_index(op.f("ix_claim_links_target_id"), "claim_links", ["target_id"])


def downgrade() -> None:
    """Revert this migration: drop every table (indexes and constraints go with them)."""
    op.drop_table("claim_links")
    op.drop_table("status_events")
    op.drop_table("report_evidence")
    op.drop_table("record_revisions")
    op.drop_table("claims")
    op.drop_table("reports")
    op.drop_table("records")
    op.drop_table("evidence_items")
    op.drop_table("acts")
    op.drop_table("workspace_meta")
    op.drop_table("units")
    op.drop_table("sources")
    op.drop_table("persons")
    op.drop_table("officials")
    op.drop_table("incidents")
