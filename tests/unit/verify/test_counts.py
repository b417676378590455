"""Counts by grade: named persons once, unnamed as ranges, never a named victim twice."""

from __future__ import annotations

from gavah.model import ClaimKind, SourceKind
from gavah.verify import (
    Estimate,
    Grade,
    NamedVictim,
    StreamIndex,
    Witness,
    claim_witness,
    count_by_grade,
    default_policy,
    grade_claims,
    summary_line,
)
from gavah.verify.counts import Counts
from tests.unit.verify.world import ABDANAN, World, two_media_one_ngo_and_a_family

POLICY = default_policy()


def _victim(pid: str, *lists: str, city: str = "آبدانان", date: str = "2026-01-09") -> NamedVictim:
    return NamedVictim(
        pid,
        "killed",
        province="IR-16",
        place=city,
        date=date,
        witnesses=tuple(Witness(f"record {s}:{pid}", s) for s in lists),
    )


def _count(w: World, named: list[NamedVictim], **kwargs: object) -> Counts:
    reports = {r.id: r for r in w.reports}
    return count_by_grade(
        named=named,
        claims=w.claims,
        grades=grade_claims(w.sources, w.reports, w.claims, POLICY),
        witnesses={c.id: claim_witness(c, reports.get(c.report_id)) for c in w.claims},
        incidents={},
        index=StreamIndex(w.sources),
        policy=POLICY,
        **kwargs,  # type: ignore[arg-type]
    )


def _world() -> World:
    w = two_media_one_ngo_and_a_family()  # "40-45 killed in Abdanan on 9 January": fair
    w.source("list-a", SourceKind.LIST)
    w.source("list-b", SourceKind.LIST)
    return w


def test_named_victims_inside_a_count_claim_are_absorbed_not_added_twice() -> None:
    named = [_victim("p1", "list-a", "list-b"), _victim("p2", "list-a"), _victim("p3", "list-b")]
    counts = _count(_world(), named)
    t = counts.total.tallies
    assert t[Grade.FAIR].named == 1  # p1: two independent lists
    assert t[Grade.WEAK].named == 2  # p2, p3: one list each
    # the claim's 40-45 already includes the three named victims of that place and day
    assert (t[Grade.FAIR].unnamed_low, t[Grade.FAIR].unnamed_high) == (37, 42)
    assert (counts.total.documented.low, counts.total.documented.high) == (40, 45)
    [use] = counts.quantities
    assert use.absorbed == 3


def test_named_victims_elsewhere_or_another_day_are_not_absorbed() -> None:
    named = [
        _victim("p1", "list-a", city="ایذه"),  # another town
        _victim("p2", "list-a", date="2026-01-10"),  # another day
        _victim("p3", "list-a", city=""),  # town unknown: same province and day, absorbed
    ]
    counts = _count(_world(), named)
    assert counts.quantities[0].absorbed == 1
    assert (counts.total.documented.low, counts.total.documented.high) == (42, 47)


def test_a_named_victim_is_absorbed_by_one_claim_at_most() -> None:
    w = _world()
    # a second quantity of the same province and day, in another town, with no town known
    w.source("witness", SourceKind.WITNESS)
    w.claim("c-other", "witness", low=2, high=2, subject={**ABDANAN, "city": "دهلران"})
    named = [_victim("p1", "list-a", city="")]
    counts = _count(w, named)
    assert sum(q.absorbed for q in counts.quantities) == 1


def test_competing_claims_count_once_through_the_best_grade() -> None:
    w = _world()
    w.source("lone", SourceKind.WITNESS)
    w.claim("c-lone", "lone", low=60, high=70)  # weak, same quantity, not linked
    counts = _count(w, [])
    [use] = counts.quantities
    assert use.claim_id == "c-family"  # the fair group (ties: higher minimum, then id)
    assert use.grade is Grade.FAIR
    assert "c-lone" in use.others
    assert counts.total.tallies[Grade.WEAK].unnamed_high == 0


def test_contested_and_discounted_are_shown_not_added() -> None:
    w = _world()
    w.source("hospital", SourceKind.MEDICAL)
    w.claim("c-hospital", "hospital", low=70, high=80, contradicts=("c-ngo",))
    counts = _count(w, [])
    t = counts.total.tallies
    assert t[Grade.CONTESTED].unnamed_high == 80  # the higher minimum of the contested pair
    assert counts.total.documented.high == 0


def test_by_province_date_and_event_rows_add_up_to_the_total() -> None:
    named = [_victim("p1", "list-a"), _victim("p2", "list-a", date="2026-01-10")]
    for by in ("province", "date", "event"):
        counts = _count(_world(), named, by=by, status=None if by == "event" else "killed")
        assert sum(r.documented.low for r in counts.rows) == counts.total.documented.low
        assert sum(r.documented.high for r in counts.rows) == counts.total.documented.high
    dates = [r.key for r in _count(_world(), named, by="date").rows]
    assert dates == ["2026-01-09", "2026-01-10"]


def test_at_least_adds_its_minimum_at_both_ends() -> None:
    w = World()
    w.source("ngo", SourceKind.NGO)
    w.claim("c", "ngo", low=12, high=None)
    counts = _count(w, [])
    assert (counts.total.documented.low, counts.total.documented.high) == (12, 12)


def test_national_counts_are_not_added() -> None:
    w = World()
    w.source("ministry", SourceKind.OFFICIAL)
    w.claim("c", "ministry", kind=ClaimKind.NATIONAL_COUNT, low=2000, high=9999)
    assert _count(w, []).total.documented.high == 0


def test_the_summary_line() -> None:
    counts = _count(_world(), [_victim("p1", "list-a", "list-b")])
    line = summary_line(counts.total, Estimate(16500.0, 12000.0, 20000.0, method="lcmcr"))
    assert line == (
        "Documented and confirmed: 0; fair: +40–45; weak: +0;"
        " estimated total: 16,500 (95% interval 12,000–20,000)"
    )
    assert summary_line(counts.total, None).endswith(
        "estimated total: none yet (run gavah estimate)"
    )
