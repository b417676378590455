"""Vault and ledger: ledger entries, frontier state, signed heads, evidence metadata.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_vault``; it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "ledger_entries",
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entry", sa.LargeBinary(), nullable=False),
        sa.Column("leaf_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("object_sha256", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_ledger_entries_position_not_negative")),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_ledger_entries")),
    )
    op.create_index(
        op.f("ix_ledger_entries_object_sha256"), "ledger_entries", ["object_sha256"], unique=False
    )
    op.create_table(
        "ledger_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("frontier", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_ledger_state")),
    )
    op.create_table(
        "ledger_heads",
        sa.Column("tree_size", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("checkpoint", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tree_size", name=op.f("pk_ledger_heads")),
    )
    op.create_table(
        "evidence_metadata",
        sa.Column("evidence_id", sa.String(length=64), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_items.id"],
            name=op.f("fk_evidence_metadata_evidence_id_evidence_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("evidence_id", name=op.f("pk_evidence_metadata")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("evidence_metadata")
    op.drop_table("ledger_heads")
    op.drop_index(op.f("ix_ledger_entries_object_sha256"), table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_table("ledger_state")
