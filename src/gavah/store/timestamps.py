"""Repository for RFC 3161 timestamps of signed tree heads: the queue and the stored tokens.

Owns mapping :class:`TimestampRecord` to ``ledger_timestamps``: queueing a head (idempotent),
recording an attempt that failed (the head stays pending) or a verified token (the head is done),
and reading them back. Also answers the one ledger question queueing needs: whether a range of
the log holds anything other than ``timestamped`` events (so that the head signed over a
timestamp's own event is not queued again, which would never end). Must not contact an
authority or judge a token: :mod:`gavah.vault.stamping` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.store.codec import from_utc, to_utc
from gavah.store.schema_timestamp import LedgerTimestampRow
from gavah.store.schema_vault import LedgerEntryRow
from gavah.store.session import flush

__all__ = ["TimestampRecord", "TimestampRepository", "TimestampStatus"]

_TIMESTAMPED = "timestamped"
_ERROR_LENGTH = 500


class TimestampStatus(StrEnum):
    """Where a head is in timestamping."""

    PENDING = "pending"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class TimestampRecord:
    """One head's timestamp, as stored (``token`` and ``stamped_at`` only once done)."""

    tree_size: int
    root_hash: bytes
    checkpoint_sha256: str
    tsa_url: str
    status: TimestampStatus
    token: bytes | None
    stamped_at: dt.datetime | None
    serial_number: str | None
    queued_at: dt.datetime
    attempts: int
    last_attempt_at: dt.datetime | None
    last_error: str | None


def _record(row: LedgerTimestampRow) -> TimestampRecord:
    return TimestampRecord(
        tree_size=row.tree_size,
        root_hash=bytes(row.root_hash),
        checkpoint_sha256=row.checkpoint_sha256,
        tsa_url=row.tsa_url,
        status=TimestampStatus(row.status),
        token=None if row.token is None else bytes(row.token),
        stamped_at=None if row.stamped_at is None else from_utc(row.stamped_at),
        serial_number=row.serial_number,
        queued_at=from_utc(row.queued_at),
        attempts=row.attempts,
        last_attempt_at=None if row.last_attempt_at is None else from_utc(row.last_attempt_at),
        last_error=row.last_error,
    )


class TimestampRepository:
    """Heads queued for timestamping and their tokens, inside one store session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def queue(
        self,
        tree_size: int,
        root_hash: bytes,
        checkpoint_sha256: str,
        tsa_url: str,
        at: dt.datetime,
    ) -> bool:
        """Queue the head of ``tree_size``; return ``False`` if it was queued already.

        Raises:
            StorageError: no signed head of that size is stored.
        """
        if self._session.get(LedgerTimestampRow, tree_size) is not None:
            return False
        self._session.add(
            LedgerTimestampRow(
                tree_size=tree_size,
                root_hash=root_hash,
                checkpoint_sha256=checkpoint_sha256,
                tsa_url=tsa_url,
                status=TimestampStatus.PENDING.value,
                queued_at=to_utc(at),
                attempts=0,
            )
        )
        flush(self._session)
        return True

    def _row(self, tree_size: int) -> LedgerTimestampRow:
        row = self._session.get(LedgerTimestampRow, tree_size)
        if row is None:
            raise StorageError(f"no timestamp is queued for the head of size {tree_size}")
        return row

    def record_failure(self, tree_size: int, tsa_url: str, error: str, at: dt.datetime) -> None:
        """Count a failed attempt at ``tree_size``'s timestamp; the head stays pending.

        Raises:
            StorageError: that head is not queued.
        """
        row = self._row(tree_size)
        row.tsa_url = tsa_url
        row.attempts += 1
        row.last_attempt_at = to_utc(at)
        row.last_error = error[:_ERROR_LENGTH]
        flush(self._session)

    def record_token(
        self,
        tree_size: int,
        tsa_url: str,
        *,
        token: bytes,
        stamped_at: dt.datetime,
        serial_number: str,
        at: dt.datetime,
    ) -> None:
        """Store the verified ``token`` of ``tree_size``'s head and mark it done.

        Raises:
            StorageError: that head is not queued.
        """
        row = self._row(tree_size)
        row.tsa_url = tsa_url
        row.status = TimestampStatus.DONE.value
        row.token = token
        row.stamped_at = to_utc(stamped_at)
        row.serial_number = serial_number
        row.attempts += 1
        row.last_attempt_at = to_utc(at)
        row.last_error = None
        flush(self._session)

    def get(self, tree_size: int) -> TimestampRecord | None:
        """The timestamp of the head of ``tree_size``, if queued."""
        row = self._session.get(LedgerTimestampRow, tree_size)
        return None if row is None else _record(row)

    def all(self) -> list[TimestampRecord]:
        """Every queued or done timestamp, by tree size."""
        rows = self._session.scalars(
            select(LedgerTimestampRow).order_by(LedgerTimestampRow.tree_size)
        )
        return [_record(row) for row in rows]

    def pending(self) -> list[TimestampRecord]:
        """The heads still waiting for a token, oldest first."""
        rows = self._session.scalars(
            select(LedgerTimestampRow)
            .where(LedgerTimestampRow.status == TimestampStatus.PENDING.value)
            .order_by(LedgerTimestampRow.tree_size)
        )
        return [_record(row) for row in rows]

    def latest_done(self) -> TimestampRecord | None:
        """The timestamp of the largest head that has a token, if any."""
        row = self._session.scalar(
            select(LedgerTimestampRow)
            .where(LedgerTimestampRow.status == TimestampStatus.DONE.value)
            .order_by(LedgerTimestampRow.tree_size.desc())
            .limit(1)
        )
        return None if row is None else _record(row)

    def largest_queued(self) -> int:
        """The largest tree size queued (pending or done); 0 when none is."""
        return self._session.scalar(select(func.max(LedgerTimestampRow.tree_size))) or 0

    def logs_more_than_timestamps(self, start: int, end: int) -> bool:
        """Whether log positions ``start <= p < end`` hold any event but ``timestamped``."""
        found = self._session.scalar(
            select(LedgerEntryRow.position)
            .where(
                LedgerEntryRow.position >= start,
                LedgerEntryRow.position < end,
                LedgerEntryRow.event_type != _TIMESTAMPED,
            )
            .limit(1)
        )
        return found is not None
