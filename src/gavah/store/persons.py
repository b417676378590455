"""Repository for persons of the register and their status history.

Owns mapping :class:`~gavah.model.Person` to and from ``persons`` and ``status_events``. The
current status is repeated in ``persons.status`` so that counts by status need no scan of the
history. Which records belong to a person is kept on the records
(:meth:`gavah.store.RecordRepository.assign_persons`). Must not decide identity or status.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.model import Person, PersonStatus, RecordKey, StatusEvent
from gavah.store.codec import date_columns, date_from_columns, enum_or_none, to_enum
from gavah.store.schema import PersonRow, StatusEventRow
from gavah.store.session import flush

__all__ = ["PersonRepository"]


def _event_rows(person: Person) -> list[StatusEventRow]:
    rows = []
    for seq, event in enumerate(person.history):
        day, precision, calendar = date_columns(event.date)
        rows.append(
            StatusEventRow(
                person_id=person.id,
                seq=seq,
                status=event.status.value,
                date=day,
                date_precision=precision,
                date_calendar=calendar,
                source_id=None if event.record is None else event.record.source_id,
                record_id=None if event.record is None else event.record.record_id,
                note=event.note,
            )
        )
    return rows


def _event(row: StatusEventRow) -> StatusEvent:
    record = None
    if row.source_id is not None and row.record_id is not None:
        record = RecordKey(row.source_id, row.record_id)
    return StatusEvent(
        status=to_enum(PersonStatus, row.status),
        date=date_from_columns(row.date, row.date_precision, row.date_calendar),
        record=record,
        note=row.note,
    )


class PersonRepository:
    """Persons of the register."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, person: Person) -> None:
        """Insert ``person`` with its status history.

        Raises:
            StorageError: the id is taken, or a status event cites a missing record.
        """
        self.add_many([person])

    def add_many(self, persons: Iterable[Person]) -> int:
        """Insert many persons with their histories; return how many.

        Raises:
            StorageError: an id is taken, or a status event cites a missing record.
        """
        count = 0
        for person in persons:
            status = person.status
            self._session.add(
                PersonRow(
                    id=person.id,
                    name_fa=person.name_fa,
                    name_latin=person.name_latin,
                    status=None if status is None else status.value,
                )
            )
            self._session.add_all(_event_rows(person))
            count += 1
        flush(self._session)
        return count

    def save(self, person: Person) -> None:
        """Replace the stored names and history of an existing person with ``person``'s.

        Raises:
            StorageError: there is no person with that id, or an event cites a missing record.
        """
        row = self._session.get(PersonRow, person.id)
        if row is None:
            raise StorageError(f"no person {person.id} to update")
        status = person.status
        row.name_fa = person.name_fa
        row.name_latin = person.name_latin
        row.status = None if status is None else status.value
        self._session.execute(delete(StatusEventRow).where(StatusEventRow.person_id == person.id))
        self._session.add_all(_event_rows(person))
        flush(self._session)

    def get(self, person_id: str) -> Person | None:
        """The person with ``person_id`` and their history, or ``None``."""
        row = self._session.get(PersonRow, person_id)
        if row is None:
            return None
        events = self._session.scalars(
            select(StatusEventRow)
            .where(StatusEventRow.person_id == person_id)
            .order_by(StatusEventRow.seq)
        )
        return Person(
            id=row.id,
            name_fa=row.name_fa,
            name_latin=row.name_latin,
            history=tuple(_event(event) for event in events),
        )

    def ids(self) -> list[str]:
        """Every person id, sorted."""
        return list(self._session.scalars(select(PersonRow.id).order_by(PersonRow.id)))

    def count(self) -> int:
        """How many persons the register holds."""
        return self._session.scalar(select(func.count()).select_from(PersonRow)) or 0

    def count_by_status(self) -> dict[PersonStatus | None, int]:
        """Persons per current status (``None``: no status recorded)."""
        rows = self._session.execute(
            select(PersonRow.status, func.count()).group_by(PersonRow.status)
        )
        return {enum_or_none(PersonStatus, status): count for status, count in rows}
