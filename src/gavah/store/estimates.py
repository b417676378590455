"""Repository of stored estimates: every estimate run in a workspace, citable by id and hash.

Owns :class:`StoredEstimate` (what a report cites: id, when, method, the SHA-256 of the inputs,
the estimate JSON and the stratum field), :class:`EstimateRepository` (add, get, list, latest)
and :func:`latest`, the one call other features need to show the current estimate. Rows are
only added. Must not compute estimates (``gavah.estimate``) nor check that the hash matches the
table: the caller hashes, this stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.store.codec import from_utc, to_utc
from gavah.store.schema_estimate import EstimateRow
from gavah.store.session import storage_error

__all__ = ["EstimateRepository", "StoredEstimate", "latest"]


@dataclass(frozen=True, slots=True)
class StoredEstimate:
    """A stored estimate run.

    ``result`` is the estimate JSON (design.md: ``method``, ``lists``, ``observed``,
    ``estimate``, ``interval``, ``level``, ``strata``, with ``diagnostics``, ``settings``,
    ``input_sha256``); ``strata`` is the field it was stratified by, or ``None``.
    """

    id: int
    created: dt.datetime
    method: str
    input_sha256: str
    result: Mapping[str, Any]
    strata: str | None


class EstimateRepository:
    """Estimates stored in a workspace, newest last."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        created: dt.datetime,
        method: str,
        input_sha256: str,
        table_csv: str,
        result: Mapping[str, Any],
        strata: str | None = None,
    ) -> int:
        """Store an estimate run and return its id.

        Raises:
            StorageError: ``created`` has no time zone, or the database refused the row.
        """
        if created.tzinfo is None:
            raise StorageError("an estimate's creation time needs a time zone")
        try:
            new_id = self._session.execute(
                insert(EstimateRow)
                .values(
                    created=to_utc(created),
                    method=method,
                    strata=strata,
                    input_sha256=input_sha256,
                    table_csv=table_csv,
                    result=dict(result),
                )
                .returning(EstimateRow.id)
            ).scalar_one()
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc
        return int(new_id)

    def get(self, estimate_id: int) -> StoredEstimate:
        """The estimate with this id.

        Raises:
            StorageError: there is none.
        """
        row = self._session.get(EstimateRow, estimate_id)
        if row is None:
            raise StorageError(
                f"no stored estimate {estimate_id}; `gavah estimate list` shows them"
            )
        return _stored(row)

    def table_csv(self, estimate_id: int) -> str:
        """The canonical capture table(s) the estimate was made from.

        Raises:
            StorageError: there is no estimate with this id.
        """
        row = self._session.get(EstimateRow, estimate_id)
        if row is None:
            raise StorageError(
                f"no stored estimate {estimate_id}; `gavah estimate list` shows them"
            )
        return row.table_csv

    def list(self, method: str | None = None) -> list[StoredEstimate]:
        """Every stored estimate (of ``method``, when given), oldest first."""
        query = select(EstimateRow).order_by(EstimateRow.id)
        if method is not None:
            query = query.where(EstimateRow.method == method)
        return [_stored(row) for row in self._session.scalars(query)]

    def latest(self, method: str | None = None) -> StoredEstimate | None:
        """The most recent stored estimate (of ``method``, when given), or ``None``."""
        query = select(EstimateRow).order_by(EstimateRow.id.desc()).limit(1)
        if method is not None:
            query = query.where(EstimateRow.method == method)
        row = self._session.scalars(query).first()
        return None if row is None else _stored(row)


def latest(session: Session, method: str | None = None) -> StoredEstimate | None:
    """The most recent stored estimate (of ``method``: ``"lcmcr"`` or ``"loglinear"``), or ``None``.

    The same as ``EstimateRepository(session).latest(method)``; read-only.
    """
    return EstimateRepository(session).latest(method)


def _stored(row: EstimateRow) -> StoredEstimate:
    return StoredEstimate(
        id=row.id,
        created=from_utc(row.created),
        method=row.method,
        input_sha256=row.input_sha256,
        result=row.result,
        strata=row.strata,
    )
