"""Publication approvals of victims (owned by the memorial work).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22

STUB: replace with the real migration (or tell the integrator it is unused).
"""

from __future__ import annotations

__all__ = ["branch_labels", "depends_on", "down_revision", "downgrade", "revision", "upgrade"]

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Apply this migration."""


def downgrade() -> None:
    """Revert this migration."""
