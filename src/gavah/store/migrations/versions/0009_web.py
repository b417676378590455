"""Web application: accounts, sessions, audit log, search documents.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_web``; it must run on SQLite and PostgreSQL. The
full-text index over ``search_documents`` is derived data that ``gavah.store.search`` builds.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "web_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("totp_secret", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_web_accounts_name")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["web_accounts.id"],
            name=op.f("fk_web_sessions_account_id_web_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index(
        op.f("ix_web_sessions_account_id"), "web_sessions", ["account_id"], unique=False
    )
    op.create_table(
        "web_audit",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_web_audit")),
    )
    op.create_index(op.f("ix_web_audit_at"), "web_audit", ["at"], unique=False)
    op.create_table(
        "search_documents",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("skeleton", sa.Text(), nullable=False),
        sa.Column("keys", sa.Text(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("province", sa.String(length=16), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_search_documents")),
    )
    op.create_index(
        op.f("ix_search_documents_kind_ref"), "search_documents", ["kind", "ref"], unique=True
    )


def downgrade() -> None:
    """Revert this migration (the derived full-text index goes with its table)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index(op.f("ix_search_documents_kind_ref"), table_name="search_documents")
    op.drop_table("search_documents")
    op.drop_index(op.f("ix_web_audit_at"), table_name="web_audit")
    op.drop_table("web_audit")
    op.drop_index(op.f("ix_web_sessions_account_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("web_accounts")
