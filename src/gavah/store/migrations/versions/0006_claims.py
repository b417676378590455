"""Sources' origins, claims, grades and the grading policy's results.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_claims`` and the source and report columns of
``gavah.store.schema``; it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("reliability", sa.String(length=32), nullable=True))
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("relays_source_id", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("evidence_verified", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.create_foreign_key(
            op.f("fk_reports_relays_source_id_sources"), "sources", ["relays_source_id"], ["id"]
        )
        batch.create_index(op.f("ix_reports_relays_source_id"), ["relays_source_id"], unique=False)
    op.create_table(
        "grading_runs",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("policy_name", sa.Text(), nullable=False),
        sa.Column("policy_digest", sa.String(length=64), nullable=False),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_grading_runs")),
    )
    op.create_index(
        op.f("ix_grading_runs_policy_digest"), "grading_runs", ["policy_digest"], unique=False
    )
    op.create_table(
        "claim_grades",
        sa.Column("claim_id", sa.String(length=64), nullable=False),
        sa.Column("run_pk", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_grades_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_pk"], ["grading_runs.pk"], name=op.f("fk_claim_grades_run_pk_grading_runs")
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_grades")),
    )
    op.create_index(op.f("ix_claim_grades_grade"), "claim_grades", ["grade"], unique=False)
    op.create_index(op.f("ix_claim_grades_run_pk"), "claim_grades", ["run_pk"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f("ix_claim_grades_run_pk"), table_name="claim_grades")
    op.drop_index(op.f("ix_claim_grades_grade"), table_name="claim_grades")
    op.drop_table("claim_grades")
    op.drop_index(op.f("ix_grading_runs_policy_digest"), table_name="grading_runs")
    op.drop_table("grading_runs")
    with op.batch_alter_table("reports") as batch:
        batch.drop_index(op.f("ix_reports_relays_source_id"))
        batch.drop_constraint(op.f("fk_reports_relays_source_id_sources"), type_="foreignkey")
        batch.drop_column("evidence_verified")
        batch.drop_column("relays_source_id")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("reliability")
