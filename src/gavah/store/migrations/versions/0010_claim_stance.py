"""A claim's stance: whether its report affirms the assertion or denies it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22

Written by hand to match ``ClaimRow.stance`` in ``gavah.store.schema``; it must run on SQLite and
PostgreSQL. Existing claims become affirming claims, which is what every claim meant before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("claims") as batch:
        batch.add_column(
            sa.Column("stance", sa.String(length=16), server_default="affirms", nullable=False)
        )
        batch.create_check_constraint(
            op.f("ck_claims_stance_known"), "stance IN ('affirms', 'denies')"
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("claims") as batch:
        batch.drop_constraint(op.f("ck_claims_stance_known"), type_="check")
        batch.drop_column("stance")
