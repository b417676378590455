"""The memorial snapshot: pages, province and date filters by bisection, names' forms."""

from __future__ import annotations

import datetime as dt

from gavah.web.memorial import MemorialEntry, MemorialSnapshot, latin_form, persian_form

START = dt.date(2026, 1, 1)


def _entry(n: int, province: str | None, day: dt.date | None) -> MemorialEntry:
    return MemorialEntry(
        f"ref{n:03d}", "نام", "Name", None, province, None, None, None, None, day, 1
    )


def _snapshot() -> MemorialSnapshot:
    entries = [
        _entry(n, "IR-23" if n % 2 else "IR-10", START + dt.timedelta(days=n % 10))
        for n in range(30)
    ]
    entries += [_entry(100, "IR-23", None), _entry(101, None, START)]
    return MemorialSnapshot.of("v1", entries)


def test_pages_cover_every_entry_once_in_day_order() -> None:
    snapshot = _snapshot()
    pages = [snapshot.page(p, size=7) for p in range(1, 6)]
    assert [p.pages for p in pages] == [5] * 5
    refs = [e.ref for p in pages for e in p.entries]
    assert sorted(refs) == sorted(snapshot.by_ref)
    days = [snapshot.by_ref[r].day for r in refs]
    assert days[-1] is None  # undated last
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated)
    assert snapshot.page(99, size=7).page == 5  # past the end: the last page


def test_province_and_date_filters() -> None:
    snapshot = _snapshot()
    tehran = snapshot.page(1, province="IR-23", size=100)
    assert tehran.total == 16
    assert {e.province for e in tehran.entries} == {"IR-23"}
    day = START + dt.timedelta(days=3)
    one_day = snapshot.page(1, since=day, until=day, size=100)
    assert {e.day for e in one_day.entries} == {day}
    assert one_day.total == 3
    both = snapshot.page(1, province="IR-23", since=day, size=100)
    assert all(e.day is not None and e.day >= day for e in both.entries)
    assert snapshot.page(1, province="IR-99").total == 0
    assert [e.province for e in snapshot.provinces()] == ["IR-10", "IR-23"]


def test_name_forms() -> None:
    assert persian_form("محمد حسيني") == "محمد حسینی"
    assert latin_form("muhammad mohamadi", None) == "Muhammad Mohamadi"
    assert latin_form(None, None) is None
    assert persian_form(None) is None
