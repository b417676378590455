"""Repository for what the vault knows beyond the evidence row: extracted metadata.

Owns mapping an evidence item's extracted metadata (a JSON object) to ``evidence_metadata``, and
listing every evidence item for whole-vault checks. Must not read files or decrypt blobs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.store.schema import EvidenceRow
from gavah.store.schema_vault import EvidenceMetadataRow
from gavah.store.session import flush

__all__ = ["VaultRepository"]


class VaultRepository:
    """Extracted metadata per evidence item, and the list of stored digests."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def set_metadata(self, evidence_id: str, facts: dict[str, Any]) -> None:
        """Store (or replace) the metadata of ``evidence_id``.

        Raises:
            StorageError: no evidence item has that id.
        """
        self._session.merge(EvidenceMetadataRow(evidence_id=evidence_id, facts=facts))
        flush(self._session)

    def metadata(self, evidence_id: str) -> dict[str, Any]:
        """The stored metadata of ``evidence_id`` (empty when none)."""
        row = self._session.get(EvidenceMetadataRow, evidence_id)
        return {} if row is None else dict(row.facts)

    def all_digests(self) -> Iterator[tuple[str, str, str, int]]:
        """``(id, sha256, sha512, size)`` of every evidence item, by id."""
        rows = self._session.execute(
            select(
                EvidenceRow.id, EvidenceRow.sha256, EvidenceRow.sha512, EvidenceRow.size
            ).order_by(EvidenceRow.id)
        )
        for row in rows:
            yield row[0], row[1], row[2], row[3]

    def ids(self) -> list[str]:
        """Every evidence id, in order of receipt."""
        rows = self._session.scalars(
            select(EvidenceRow.id).order_by(EvidenceRow.received_at, EvidenceRow.id)
        )
        return list(rows)
