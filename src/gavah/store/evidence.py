"""Repository for evidence items.

Owns mapping :class:`~gavah.model.EvidenceItem` to and from ``evidence_items``; timestamps are
stored in UTC. The blobs themselves are the vault's (``gavah.vault``); this stores their
description only. Must not read or hash files.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.model import EvidenceItem
from gavah.store.codec import from_utc, to_utc
from gavah.store.schema import EvidenceRow
from gavah.store.session import flush

__all__ = ["EvidenceRepository"]


def _evidence(row: EvidenceRow) -> EvidenceItem:
    return EvidenceItem(
        id=row.id,
        sha256=row.sha256,
        sha512=row.sha512,
        size=row.size,
        media_type=row.media_type,
        original_filename=row.original_filename,
        received_at=from_utc(row.received_at),
        source_id=row.source_id,
        case=row.case_label,
        perceptual_hash=row.perceptual_hash,
        note=row.note,
    )


class EvidenceRepository:
    """Evidence items, by id and by content digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, item: EvidenceItem) -> None:
        """Insert ``item``.

        Raises:
            StorageError: the id or the SHA-256 is already stored, or the source is missing.
        """
        self._session.add(
            EvidenceRow(
                id=item.id,
                sha256=item.sha256,
                sha512=item.sha512,
                size=item.size,
                media_type=item.media_type,
                original_filename=item.original_filename,
                received_at=to_utc(item.received_at),
                source_id=item.source_id,
                case_label=item.case,
                perceptual_hash=item.perceptual_hash,
                note=item.note,
            )
        )
        flush(self._session)

    def get(self, item_id: str) -> EvidenceItem | None:
        """The item with ``item_id``, or ``None``."""
        row = self._session.get(EvidenceRow, item_id)
        return None if row is None else _evidence(row)

    def get_by_sha256(self, sha256: str) -> EvidenceItem | None:
        """The item whose content has this SHA-256 (lowercase hex), or ``None``."""
        row = self._session.scalar(select(EvidenceRow).where(EvidenceRow.sha256 == sha256))
        return None if row is None else _evidence(row)

    def by_case(self, case: str) -> list[EvidenceItem]:
        """The items filed under ``case``, in order of receipt."""
        rows = self._session.scalars(
            select(EvidenceRow)
            .where(EvidenceRow.case_label == case)
            .order_by(EvidenceRow.received_at, EvidenceRow.id)
        )
        return [_evidence(row) for row in rows]

    def count(self) -> int:
        """How many items are stored."""
        return self._session.scalar(select(func.count()).select_from(EvidenceRow)) or 0
