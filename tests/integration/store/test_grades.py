"""Grades, reliability and relayed reports in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from gavah.errors import StorageError
from gavah.model import Claim, ClaimKind, ClaimStance, Report, Source, SourceKind, VictimCount
from gavah.model.source import Reliability
from gavah.store import ClaimRepository, ReportRepository, SourceRepository, Store
from gavah.store.grades import GradeRepository
from gavah.store.schema import ClaimRow
from gavah.verify import default_policy, grade_claims

NOW = dt.datetime(2026, 11, 22, 18, 0, tzinfo=dt.UTC)


def _world(store: Store) -> None:
    with store.session() as session:
        sources = SourceRepository(session)
        sources.add(
            Source("ngo", "شبکهٔ حقوق‌بشری", SourceKind.NGO, reliability=Reliability.RELIABLE)
        )
        sources.add(Source("media", "Media", SourceKind.MEDIA))
        reports = ReportRepository(session)
        reports.add(Report("r1", "ngo", "bulletin"))
        reports.add(
            Report("r2", "media", "article", relays_source_id="ngo", evidence_verified=True)
        )
        claims = ClaimRepository(session)
        claims.add(Claim("c1", "r1", ClaimKind.COUNT, "دست‌کم ۴۰ نفر", count=VictimCount(40, 45)))
        claims.add(
            Claim("c2", "r2", ClaimKind.COUNT, "40 killed", count=VictimCount(40), supports=("c1",))
        )


def test_new_source_and_report_fields_round_trip(store: Store) -> None:
    _world(store)
    with store.reader() as session:
        [media, ngo] = SourceRepository(session).list()
        reports = ReportRepository(session).list()
        claims = ClaimRepository(session).all()
    assert ngo.reliability is Reliability.RELIABLE
    assert media.reliability is Reliability.UNKNOWN
    assert [r.relays_source_id for r in reports] == [None, "ngo"]
    assert [r.evidence_verified for r in reports] == [False, True]
    assert [c.supports for c in claims] == [(), ("c1",)]


def test_a_grading_run_replaces_the_latest_grades_and_keeps_the_run(store: Store) -> None:
    _world(store)
    with store.reader() as session:
        sources = SourceRepository(session).list()
        reports = ReportRepository(session).list()
        claims = ClaimRepository(session).all()
    policy = default_policy()
    results = grade_claims(sources, reports, claims, policy)
    rows = [(c, r.grade.value, r.explanation.as_json()) for c, r in results.items()]
    for n in (1, 2):
        with store.session() as session:
            run = GradeRepository(session).record_run(
                graded_at=NOW,
                policy_name=policy.name,
                policy_digest=policy.digest,
                policy=policy.as_mapping(),
                grades=rows,
                changes=[{"claim": "c1", "old": None, "new": "weak"}] if n == 1 else [],
            )
    with store.reader() as session:
        repo = GradeRepository(session)
        latest = repo.latest()
        runs = repo.runs()
    assert {c: g.grade for c, g in latest.items()} == {"c1": "weak", "c2": "weak"}
    assert latest["c1"].run == run
    assert latest["c1"].explanation["streams"][0]["stream"] == "شبکهٔ حقوق‌بشری"
    assert [r["changes"] for r in runs] == [[{"claim": "c1", "old": None, "new": "weak"}], []]
    assert runs[0]["policy_digest"] == policy.digest
    many = [f"c-none-{i}" for i in range(1100)] + ["c2"]  # more ids than one IN (…) holds
    with store.reader() as session:
        assert GradeRepository(session).grades_of(many) == {"c2": "weak"}
        assert GradeRepository(session).grades_of([]) == {}


def test_a_naive_grading_time_is_refused(store: Store) -> None:
    with store.session() as session, pytest.raises(StorageError, match="time zone"):
        GradeRepository(session).record_run(
            graded_at=NOW.replace(tzinfo=None),
            policy_name="p",
            policy_digest="0" * 64,
            policy={},
            grades=[],
            changes=[],
        )


def test_a_claims_stance_round_trips_and_the_database_refuses_an_unknown_one(
    store: Store,
) -> None:
    _world(store)
    denial = Claim(
        "c3",
        "r1",
        ClaimKind.COUNT,
        "فرماندهی انتظامی: در آبدانان هیچ‌کس کشته نشد",
        count=VictimCount(0, 0),
        contradicts=("c1",),
        stance=ClaimStance.DENIES,
    )
    with store.session() as session:
        ClaimRepository(session).add(denial)
    with store.reader() as session:
        repo = ClaimRepository(session)
        assert repo.get("c3") == denial
        assert [c.stance for c in repo.all()] == [
            ClaimStance.AFFIRMS,
            ClaimStance.AFFIRMS,
            ClaimStance.DENIES,
        ]
    with pytest.raises(StorageError), store.session() as session:
        session.execute(update(ClaimRow).where(ClaimRow.id == "c1").values(stance="maybe"))
