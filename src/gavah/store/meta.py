"""Repository for workspace metadata: a small key → text table.

Owns reading and writing ``workspace_meta`` (e.g. the workspace id, the format version, the time
of the last link). Values are text; callers encode anything else. Must not hold secrets: keys and
passphrases live in the workspace's key files, encrypted.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.store.schema import MetaRow
from gavah.store.session import flush

__all__ = ["MetaRepository"]


class MetaRepository:
    """Workspace-wide key → text settings."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> str | None:
        """The value of ``key``, or ``None``."""
        row = self._session.get(MetaRow, key)
        return None if row is None else row.value

    def set(self, key: str, value: str) -> None:
        """Set ``key`` to ``value``, replacing any earlier value.

        Raises:
            StorageError: the database refused the write.
        """
        row = self._session.get(MetaRow, key)
        if row is None:
            self._session.add(MetaRow(key=key, value=value))
        else:
            row.value = value
        flush(self._session)

    def items(self) -> dict[str, str]:
        """Every key and value, by key."""
        rows = self._session.scalars(select(MetaRow).order_by(MetaRow.key))
        return {row.key: row.value for row in rows}
