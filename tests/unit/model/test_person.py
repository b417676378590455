"""Persons: status is the latest event of a history that does not go back in time."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.model import DatePrecision, PartialDate, Person, PersonStatus, RecordKey, StatusEvent


def test_status_is_the_latest_event() -> None:
    person = Person("p-1")
    assert person.status is None
    detained = person.with_event(
        StatusEvent(
            PersonStatus.DETAINED, PartialDate(2026, 1, 9, DatePrecision.DAY), RecordKey("s", "1")
        )
    )
    executed = detained.with_event(StatusEvent(PersonStatus.EXECUTED))
    assert detained.status is PersonStatus.DETAINED
    assert executed.status is PersonStatus.EXECUTED
    assert person.history == ()  # with_event returns a copy


def test_the_history_does_not_go_back_in_time() -> None:
    later = StatusEvent(PersonStatus.DETAINED, PartialDate(2026, 1, 20, DatePrecision.DAY))
    earlier = StatusEvent(PersonStatus.SENTENCED, PartialDate(2026, 1, 10, DatePrecision.DAY))
    with pytest.raises(InvariantError, match="back in time"):
        Person("p-1", history=(later, earlier))
    # Overlapping precisions are not a contradiction: "in January" may follow "on 20 January".
    january = PartialDate(2026, 1, None, DatePrecision.MONTH)
    in_january = StatusEvent(PersonStatus.SENTENCED, january)
    assert Person("p-1", history=(later, in_january)).status is PersonStatus.SENTENCED


def test_a_status_event_takes_members_only() -> None:
    with pytest.raises(InvariantError, match="unknown status"):
        StatusEvent("killed")  # type: ignore[arg-type]
