"""Repositories for units and officials (first cut: names and kinds).

Owns mapping :class:`~gavah.model.Unit` and :class:`~gavah.model.Official` to and from ``units``
and ``officials``. Hierarchies over time and postings come with the accountability work. Must not
attribute anything.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.model import Official, Unit, UnitKind
from gavah.store.codec import to_enum
from gavah.store.schema import OfficialRow, UnitRow
from gavah.store.session import flush

__all__ = ["OfficialRepository", "UnitRepository"]


def _unit(row: UnitRow) -> Unit:
    return Unit(
        id=row.id,
        name_fa=row.name_fa,
        name_en=row.name_en,
        kind=to_enum(UnitKind, row.kind),
        description=row.description,
    )


def _official(row: OfficialRow) -> Official:
    return Official(
        id=row.id, name_fa=row.name_fa, name_en=row.name_en, description=row.description
    )


class UnitRepository:
    """Perpetrator units."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, unit: Unit) -> None:
        """Insert ``unit``.

        Raises:
            StorageError: the id is taken.
        """
        self._session.add(
            UnitRow(
                id=unit.id,
                name_fa=unit.name_fa,
                name_en=unit.name_en,
                kind=unit.kind.value,
                description=unit.description,
            )
        )
        flush(self._session)

    def get(self, unit_id: str) -> Unit | None:
        """The unit with ``unit_id``, or ``None``."""
        row = self._session.get(UnitRow, unit_id)
        return None if row is None else _unit(row)

    def list(self) -> list[Unit]:
        """All units, by id."""
        return [_unit(row) for row in self._session.scalars(select(UnitRow).order_by(UnitRow.id))]


class OfficialRepository:
    """Officials."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, official: Official) -> None:
        """Insert ``official``.

        Raises:
            StorageError: the id is taken.
        """
        self._session.add(
            OfficialRow(
                id=official.id,
                name_fa=official.name_fa,
                name_en=official.name_en,
                description=official.description,
            )
        )
        flush(self._session)

    def get(self, official_id: str) -> Official | None:
        """The official with ``official_id``, or ``None``."""
        row = self._session.get(OfficialRow, official_id)
        return None if row is None else _official(row)

    def list(self) -> list[Official]:
        """All officials, by id."""
        rows = self._session.scalars(select(OfficialRow).order_by(OfficialRow.id))
        return [_official(row) for row in rows]
