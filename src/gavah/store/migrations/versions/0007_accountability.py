"""Units over time, officials' postings, sourced facts and attributions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_accountability`` (and the ``sources`` columns of
``units`` and ``officials``); it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def _period() -> list[sa.Column[object]]:
    return [
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("start_precision", sa.String(length=8), nullable=True),
        sa.Column("start_calendar", sa.String(length=16), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_precision", sa.String(length=8), nullable=True),
        sa.Column("end_calendar", sa.String(length=16), nullable=True),
    ]


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("sources", sa.JSON(), nullable=True))
    with op.batch_alter_table("officials") as batch:
        batch.add_column(sa.Column("sources", sa.JSON(), nullable=True))
    op.create_table(
        "unit_parents",
        *_period(),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.String(length=64), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["units.id"], name=op.f("fk_unit_parents_parent_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_unit_parents_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_parents")),
    )
    op.create_index(op.f("ix_unit_parents_unit_id"), "unit_parents", ["unit_id"])
    op.create_index(op.f("ix_unit_parents_parent_id"), "unit_parents", ["parent_id"])
    op.create_table(
        "postings",
        *_period(),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("official_id", sa.String(length=64), nullable=False),
        sa.Column("unit_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("rank", sa.Text(), nullable=True),
        sa.Column("commands", sa.Boolean(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["official_id"], ["officials.id"], name=op.f("fk_postings_official_id_officials")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_postings_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
    )
    op.create_index(op.f("ix_postings_official_id"), "postings", ["official_id"])
    op.create_index(op.f("ix_postings_unit_id"), "postings", ["unit_id"])
    op.create_table(
        "organizations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    op.create_table(
        "org_relations",
        *_period(),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("org_id", sa.String(length=64), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("relation", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organizations.id"], name=op.f("fk_org_relations_org_id_organizations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_relations")),
    )
    op.create_index(op.f("ix_org_relations_org_id"), "org_relations", ["org_id"])
    op.create_index(op.f("ix_org_relations_target_id"), "org_relations", ["target_id"])
    op.create_table(
        "attributions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("act_id", sa.String(length=64), nullable=True),
        sa.Column("unit_id", sa.String(length=64), nullable=True),
        sa.Column("official_id", sa.String(length=64), nullable=True),
        sa.Column("confidence", sa.String(length=8), nullable=False),
        sa.Column("claim_ids", sa.JSON(), nullable=False),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "unit_id IS NOT NULL OR official_id IS NOT NULL",
            name=op.f("ck_attributions_names_unit_or_official"),
        ),
        sa.ForeignKeyConstraint(["act_id"], ["acts.id"], name=op.f("fk_attributions_act_id_acts")),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_attributions_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["official_id"], ["officials.id"], name=op.f("fk_attributions_official_id_officials")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_attributions_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
    )
    op.create_index(op.f("ix_attributions_incident_id"), "attributions", ["incident_id"])
    op.create_index(op.f("ix_attributions_official_id"), "attributions", ["official_id"])
    op.create_index(op.f("ix_attributions_unit_id"), "attributions", ["unit_id"])


def downgrade() -> None:
    """Revert this migration."""
    for table in ("attributions", "org_relations", "organizations", "postings", "unit_parents"):
        op.drop_table(table)
    with op.batch_alter_table("officials") as batch:
        batch.drop_column("sources")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("sources")
