"""Publication decisions: which list records may be named on the public site.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22

Written by hand to match :class:`gavah.store.schema_publication.PublicationRow`; it must run on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "publication_decisions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=200), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("public_ref", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "decision IN ('approved', 'withheld')",
            name=op.f("ck_publication_decisions_decision_known"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id", "record_id"],
            ["records.source_id", "records.record_id"],
            name=op.f("fk_publication_decisions_source_id_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_publication_decisions")),
        sa.UniqueConstraint("public_ref", name=op.f("uq_publication_decisions_public_ref")),
        sa.UniqueConstraint(
            "source_id", "record_id", name=op.f("uq_publication_decisions_source_id_record_id")
        ),
    )
    op.create_index(
        op.f("ix_publication_decisions_decision"), "publication_decisions", ["decision"]
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f("ix_publication_decisions_decision"), table_name="publication_decisions")
    op.drop_table("publication_decisions")
