"""The accountability repository: a structure and its attributions round-trip on every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.accountability import Attribution, Confidence
from gavah.errors import StorageError
from gavah.model import Claim, ClaimKind, Report, Source
from gavah.store import (
    ClaimRepository,
    IncidentRepository,
    ReportRepository,
    SourceRepository,
    Store,
)
from gavah.store import accountability as accountability_store
from gavah.store.accountability import AccountabilityRepository, claim_context
from gavah.store.grades import GradeRepository
from tests.unit.accountability.scenario import ATTRIBUTIONS, INCIDENTS, structure


def _seed(store: Store) -> None:
    with store.session() as session:
        SourceRepository(session).add(Source("src-1", "منبع"))
        ReportRepository(session).add(Report("rep-1", "src-1", "گزارش"))
        for incident in INCIDENTS:
            IncidentRepository(session).add(incident)
            ClaimRepository(session).add(
                Claim(f"claim-{incident.id}", "rep-1", ClaimKind.ATTRIBUTION, "ادعا")
            )


def test_a_structure_round_trips_with_partial_dates_and_field_sources(store: Store) -> None:
    original = structure()
    with store.session() as session:
        AccountabilityRepository(session).save(original)
    with store.reader() as session:
        loaded = AccountabilityRepository(session).structure()
    assert sorted(loaded.postings, key=lambda p: p.id) == sorted(
        original.postings, key=lambda p: p.id
    )
    assert sorted(loaded.parents, key=lambda r: r.id) == sorted(
        original.parents, key=lambda r: r.id
    )
    assert {u.id for u in loaded.units} == {u.id for u in original.units}
    assert dict(loaded.unit_sources["irgc"]) == dict(original.unit_sources["irgc"])
    assert dict(loaded.official_sources["off-a"]) == dict(original.official_sources["off-a"])
    p_top = next(p for p in loaded.postings if p.id == "p-top")
    assert p_top.period.start is not None
    assert p_top.period.start.calendar.value == "solar_hijri"  # Farvardin 1403 kept as such


def test_saving_again_replaces_by_id(store: Store) -> None:
    with store.session() as session:
        AccountabilityRepository(session).save(structure())
    with store.session() as session:
        AccountabilityRepository(session).save(structure())
    with store.reader() as session:
        assert len(AccountabilityRepository(session).structure().postings) == len(
            structure().postings
        )


def test_attributions_round_trip_and_need_their_incident(store: Store) -> None:
    _seed(store)
    with store.session() as session:
        repo = AccountabilityRepository(session)
        repo.save(structure())
        assert repo.save_attributions(ATTRIBUTIONS) == len(ATTRIBUTIONS)
    with store.reader() as session:
        repo = AccountabilityRepository(session)
        assert repo.attributions() == sorted(ATTRIBUTIONS, key=lambda a: a.id)
        assert [a.id for a in repo.attributions("inc-after")] == ["att-inc-after"]
    orphan = Attribution("att-x", "inc-none", Confidence.LOW, ("c",), unit_id="irgc")
    with pytest.raises(StorageError), store.session() as session:
        AccountabilityRepository(session).save_attributions([orphan])


@pytest.mark.parametrize("one_by_one", [200, 0])
def test_claim_context_has_contradicting_claims_both_ways_and_their_grades(
    store: Store, one_by_one: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accountability_store, "_ONE_BY_ONE", one_by_one)  # both ways of reading
    _seed(store)
    with store.session() as session:
        claims = ClaimRepository(session)
        claims.add(
            Claim(
                "claim-denial",
                "rep-1",
                ClaimKind.ATTRIBUTION,
                "تکذیب",
                contradicts=("claim-inc-after",),
            )
        )
        claims.add(Claim("claim-early", "rep-1", ClaimKind.ATTRIBUTION, "گزارش نخست"))
        claims.add(
            Claim(
                "claim-later",
                "rep-1",
                ClaimKind.ATTRIBUTION,
                "گزارش بعدی",
                contradicts=("claim-early",),
            )
        )
        GradeRepository(session).record_run(
            graded_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
            policy_name="test",
            policy_digest="0" * 64,
            policy={},
            grades=[("claim-inc-after", "fair", {}), ("claim-denial", "weak", {})],
            changes=[],
        )
    after = Attribution(
        "att-1", "inc-after", Confidence.HIGH, ("claim-inc-after", "claim-later"), unit_id="irgc"
    )
    with store.reader() as session:
        context = claim_context(session, [after])
    # claim-denial points at a supporting claim; claim-later (supporting) points at claim-early.
    assert set(context.claims) == {"claim-inc-after", "claim-later", "claim-denial", "claim-early"}
    assert context.grades == {"claim-inc-after": "fair", "claim-denial": "weak"}
    with store.reader() as session:
        assert claim_context(session, []).claims == {}
