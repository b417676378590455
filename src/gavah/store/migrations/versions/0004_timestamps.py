"""Trusted timestamps (RFC 3161) of signed tree heads.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_timestamp``; it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "ledger_timestamps",
        sa.Column("tree_size", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("checkpoint_sha256", sa.String(length=64), nullable=False),
        sa.Column("tsa_url", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("token", sa.LargeBinary(), nullable=True),
        sa.Column("stamped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("serial_number", sa.String(length=64), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'done')", name=op.f("ck_ledger_timestamps_status_known")
        ),
        sa.CheckConstraint(
            "attempts >= 0", name=op.f("ck_ledger_timestamps_attempts_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["tree_size"],
            ["ledger_heads.tree_size"],
            name=op.f("fk_ledger_timestamps_tree_size_ledger_heads"),
        ),
        sa.PrimaryKeyConstraint("tree_size", name=op.f("pk_ledger_timestamps")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("ledger_timestamps")
