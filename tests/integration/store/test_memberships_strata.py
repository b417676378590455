"""Strata of capture histories by age band and date window, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.errors import StorageError
from gavah.model import Person, Record, Source
from gavah.store import PersonRepository, RecordRepository, SourceRepository, Store
from gavah.store.records import STRATA_FIELDS
from gavah.store.strata import age_band, date_window
from gavah.text.dates import DatePrecision, PartialDate
from gavah.text.months import Calendar
from tests.integration.store.factories import make_record, make_source


@pytest.mark.parametrize(
    ("age", "band"),
    [
        *[(None, None), (-1, None), (0, "0-17"), (17, "0-17"), (18, "18-29"), (29, "18-29")],
        *[(30, "30-44"), (44, "30-44"), (45, "45-59"), (59, "45-59"), (60, "60+"), (101, "60+")],
    ],
)
def test_age_bands_are_the_documented_ones(age: int | None, band: str | None) -> None:
    assert age_band(age) == band


def test_band_labels_sort_in_age_order() -> None:
    labels = [age_band(a) for a in (3, 20, 35, 50, 70)]
    assert labels == sorted(str(label) for label in labels)


def test_date_windows_need_a_date_at_least_as_precise_as_the_window() -> None:
    day = dt.date(2026, 1, 8)
    assert date_window(day, "day", "gregorian", "month") == "2026-01"
    assert date_window(day, "day", "gregorian", "week") == "2026-W02"
    assert date_window(dt.date(2026, 1, 1), "day", "gregorian", "week") == "2026-W01"
    assert date_window(dt.date(2027, 1, 1), "day", "gregorian", "week") == "2026-W53"
    assert date_window(dt.date(2026, 1, 1), "month", "gregorian", "month") == "2026-01"
    assert date_window(dt.date(2026, 1, 1), "month", "gregorian", "week") is None
    assert date_window(dt.date(2026, 1, 1), "year", "gregorian", "month") is None
    # Dey 1404 starts on 22 December 2025 and ends in January: no Gregorian month holds it
    assert date_window(dt.date(2025, 12, 22), "month", "solar_hijri", "month") is None
    assert date_window(None, None, None, "month") is None
    with pytest.raises(ValueError, match="window"):
        date_window(day, "day", "gregorian", "fortnight")


def _seed(store: Store) -> None:
    a, b = make_source("list-a"), make_source("list-b")
    dey_1404 = PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)
    records = [
        make_record(a, 1, age=16, event_date=PartialDate.from_date(dt.date(2026, 1, 8))),
        make_record(b, 1, age=17, event_date=PartialDate.from_date(dt.date(2026, 1, 9))),
        make_record(a, 2, age=44, event_date=PartialDate.from_date(dt.date(2026, 2, 2))),
        make_record(b, 2, age=45, event_date=PartialDate(2026, 2, None, DatePrecision.MONTH)),
        make_record(a, 3, age=None, event_date=dey_1404),
        make_record(b, 3, age=None, event_date=PartialDate(2026, None, None, DatePrecision.YEAR)),
    ]
    _store_linked(store, [a, b], records, ["p-1", "p-1", "p-2", "p-2", "p-3", "p-3"])


def _store_linked(
    store: Store, sources: list[Source], records: list[Record], persons: list[str]
) -> None:
    """Store ``sources`` and ``records``, record ``i`` linked to person ``persons[i]``."""
    with store.session() as session:
        for source in sources:
            SourceRepository(session).add(source)
        RecordRepository(session).add_many(records)
        for pid in sorted(set(persons)):
            PersonRepository(session).add(Person(pid))
        RecordRepository(session).assign_persons(
            {record.key: pid for record, pid in zip(records, persons, strict=True)}
        )


def _strata(store: Store, field: str) -> dict[str, str | None]:
    with store.reader() as session:
        return {p: s for p, _, s in RecordRepository(session).memberships(field)}


def test_every_documented_field_stratifies() -> None:
    assert {"province", "city", "sex", "event", "age", "month", "week"} <= set(STRATA_FIELDS)


def test_people_are_stratified_by_age_band(store: Store) -> None:
    _seed(store)
    # p-2: 44 and 45 are one vote each for two bands; the tie goes to the smaller label
    assert _strata(store, "age") == {"p-1": "0-17", "p-2": "30-44", "p-3": None}


def test_people_are_stratified_by_month_and_week(store: Store) -> None:
    _seed(store)
    assert _strata(store, "month") == {"p-1": "2026-01", "p-2": "2026-02", "p-3": None}
    # p-2's second record is known only to the month: the day-precise one decides
    assert _strata(store, "week") == {"p-1": "2026-W02", "p-2": "2026-W06", "p-3": None}


def test_any_column_of_the_verbatim_rows_stratifies(store: Store) -> None:
    a, b = make_source("list-a"), make_source("list-b")
    prisons = ["زندان اوین", "زندان  اوین", "Qezel Hesar", "", None]
    records = [
        make_record(src, n, raw={"record_id": str(n), "prison": prison} if prison is not None
                    else {"record_id": str(n)})
        for n, (src, prison) in enumerate(zip((a, b, a, b, a), prisons, strict=True), start=1)
    ]  # fmt: skip
    _store_linked(store, [a, b], records, ["p-1", "p-1", "p-2", "p-3", "p-3"])
    # runs of spaces do not make a second stratum; empty and missing cells give none
    assert _strata(store, "raw:prison") == {"p-1": "زندان اوین", "p-2": "Qezel Hesar", "p-3": None}
    with pytest.raises(StorageError, match="raw:COLUMN"):
        _strata(store, "prison")
    with pytest.raises(StorageError, match="raw:COLUMN"):
        _strata(store, "raw:")
