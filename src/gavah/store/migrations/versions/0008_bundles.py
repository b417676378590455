"""Store-and-forward bundles, peers' checkpoints, acknowledgements, connectivity.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22

Written by hand to match ``gavah.store.schema_bundle``; it must run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def _tz() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "bundle_peers",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("vkey", sa.Text(), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=True),
        sa.Column("added_at", _tz(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_bundle_peers")),
        sa.UniqueConstraint("origin", name=op.f("uq_bundle_peers_origin")),
    )
    op.create_table(
        "peer_entries",
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entry", sa.LargeBinary(), nullable=False),
        sa.Column("leaf_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("object_sha256", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("origin", "position", name=op.f("pk_peer_entries")),
    )
    op.create_index(
        op.f("ix_peer_entries_object_sha256"), "peer_entries", ["object_sha256"], unique=False
    )
    op.create_table(
        "peer_checkpoints",
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("tree_size", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("checkpoint", sa.Text(), nullable=False),
        sa.Column("received_at", _tz(), nullable=False),
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("origin", "tree_size", name=op.f("pk_peer_checkpoints")),
    )
    op.create_table(
        "bundle_imports",
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("since", sa.BigInteger(), nullable=False),
        sa.Column("tree_size", sa.BigInteger(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("imported_at", _tz(), nullable=False),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_bundle_imports")),
    )
    op.create_index(op.f("ix_bundle_imports_origin"), "bundle_imports", ["origin"], unique=False)
    op.create_table(
        "bundle_items",
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("evidence_id", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_items.id"],
            name=op.f("fk_bundle_items_evidence_id_evidence_items"),
        ),
        sa.PrimaryKeyConstraint("origin", "position", name=op.f("pk_bundle_items")),
    )
    op.create_index(
        op.f("ix_bundle_items_evidence_id"), "bundle_items", ["evidence_id"], unique=False
    )
    op.create_index(op.f("ix_bundle_items_sha256"), "bundle_items", ["sha256"], unique=False)
    op.create_table(
        "bundle_acks",
        sa.Column("witness", sa.String(length=200), nullable=False),
        sa.Column("tree_size", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("root_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("cosigned", sa.Text(), nullable=False),
        sa.Column("cosigned_at", _tz(), nullable=False),
        sa.Column("imported_at", _tz(), nullable=False),
        sa.PrimaryKeyConstraint("witness", "tree_size", name=op.f("pk_bundle_acks")),
    )
    op.create_table(
        "connectivity_observations",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("region", sa.String(length=16), nullable=True),
        sa.Column("region_name", sa.Text(), nullable=True),
        sa.Column("start", _tz(), nullable=False),
        sa.Column("end", _tz(), nullable=True),
        sa.Column("signal", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("outage", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_connectivity_observations")),
        sa.UniqueConstraint(
            "evidence_sha256", "seq", name=op.f("uq_connectivity_observations_evidence_sha256_seq")
        ),
    )
    for column in ("evidence_sha256", "region", "start"):
        op.create_index(
            op.f(f"ix_connectivity_observations_{column}"),
            "connectivity_observations",
            [column],
            unique=False,
        )


def downgrade() -> None:
    """Revert this migration."""
    for column in ("evidence_sha256", "region", "start"):
        op.drop_index(
            op.f(f"ix_connectivity_observations_{column}"), table_name="connectivity_observations"
        )
    op.drop_table("connectivity_observations")
    op.drop_table("bundle_acks")
    op.drop_index(op.f("ix_bundle_items_sha256"), table_name="bundle_items")
    op.drop_index(op.f("ix_bundle_items_evidence_id"), table_name="bundle_items")
    op.drop_table("bundle_items")
    op.drop_index(op.f("ix_bundle_imports_origin"), table_name="bundle_imports")
    op.drop_table("bundle_imports")
    op.drop_table("peer_checkpoints")
    op.drop_index(op.f("ix_peer_entries_object_sha256"), table_name="peer_entries")
    op.drop_table("peer_entries")
    op.drop_table("bundle_peers")
