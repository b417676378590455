"""Persons of the register and the history of their status.

Owns :class:`Person` (one human being as the register knows them, after linkage merged the records
that describe them) and :class:`StatusEvent` (a change of status with its date and the record that
reports it). Status is a field with history, not a separate list: a person detained, then
sentenced, then executed has three events, and their status is the latest. Linkage itself is
``gavah.linkage``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

from gavah.model.dates import PartialDate, check_date
from gavah.model.record import RecordKey
from gavah.model.rules import check_id, check_optional_text, require
from gavah.model.vocabulary import PersonStatus

__all__ = ["Person", "StatusEvent"]


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """A person's status from a date on, and where the register learned it.

    Attributes:
        status: the status.
        date: when it took effect, to a precision, if known.
        record: the record that reports it, if it came from a list.
        note: free text (e.g. the claim or decision it came from).
    """

    status: PersonStatus
    date: PartialDate | None = None
    record: RecordKey | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        require(isinstance(self.status, PersonStatus), f"unknown status {self.status!r}")
        check_date("status date", self.date)
        require(
            self.record is None or isinstance(self.record, RecordKey),
            "a status event's record must be a RecordKey",
        )
        check_optional_text("status note", self.note)


@dataclass(frozen=True, slots=True)
class Person:
    """An entry of the register.

    Attributes:
        id: stable id.
        name_fa: display name in Persian script.
        name_latin: display name in Latin script.
        history: status events in the order they happened (undated events keep their given
            place). Dated events must not go backwards in time.
    """

    id: str
    name_fa: str | None = None
    name_latin: str | None = None
    history: tuple[StatusEvent, ...] = ()

    def __post_init__(self) -> None:
        check_id("person id", self.id)
        check_optional_text("person Persian name", self.name_fa)
        check_optional_text("person Latin name", self.name_latin)
        require(isinstance(self.history, tuple), "a person's history must be a tuple")
        latest = None
        for event in self.history:
            require(isinstance(event, StatusEvent), "a person's history holds StatusEvents")
            if event.date is None:
                continue
            if latest is not None:
                require(
                    event.date.last_date() >= latest.to_date(),
                    f"person {self.id}: status history goes back in time at"
                    f" {event.date.isoformat()}",
                )
            latest = event.date

    @property
    def status(self) -> PersonStatus | None:
        """The current status: that of the last event, or ``None`` without history."""
        return self.history[-1].status if self.history else None

    def with_event(self, event: StatusEvent) -> Person:
        """Return a copy of this person with ``event`` appended to the history.

        Raises:
            InvariantError: the event is dated before the latest dated event.
        """
        return Person(self.id, self.name_fa, self.name_latin, (*self.history, event))
