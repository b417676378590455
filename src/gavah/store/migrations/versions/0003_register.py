"""Victims register: list imports, review decisions, review queue.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_register``; it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_PAIR = ("left_source", "left_record", "right_source", "right_record")


def _pair_columns() -> list[sa.Column[str]]:
    return [
        sa.Column("left_source", sa.String(length=64), nullable=False),
        sa.Column("left_record", sa.String(length=200), nullable=False),
        sa.Column("right_source", sa.String(length=64), nullable=False),
        sa.Column("right_record", sa.String(length=200), nullable=False),
    ]


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "list_imports",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_list_imports_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_list_imports")),
        sa.UniqueConstraint("source_id", "sha256", name=op.f("uq_list_imports_source_id_sha256")),
    )
    op.create_table(
        "review_decisions",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        *_pair_columns(),
        sa.Column("judgement", sa.String(length=16), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_review_decisions")),
    )
    op.create_index(
        op.f("ix_review_decisions_left_source_left_record_right_source_right_record"),
        "review_decisions",
        list(_PAIR),
        unique=False,
    )
    op.create_table(
        "review_pairs",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        *_pair_columns(),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("contributions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_review_pairs")),
        sa.UniqueConstraint(
            *_PAIR, name=op.f("uq_review_pairs_left_source_left_record_right_source_right_record")
        ),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("review_pairs")
    op.drop_index(
        op.f("ix_review_decisions_left_source_left_record_right_source_right_record"),
        table_name="review_decisions",
    )
    op.drop_table("review_decisions")
    op.drop_table("list_imports")
