"""Stored estimate results with their input hash.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_estimate``; it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "estimates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("strata", sa.String(length=64), nullable=True),
        sa.Column("input_sha256", sa.String(length=64), nullable=False),
        sa.Column("table_csv", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_estimates")),
    )
    op.create_index(op.f("ix_estimates_input_sha256"), "estimates", ["input_sha256"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f("ix_estimates_input_sha256"), table_name="estimates")
    op.drop_table("estimates")
