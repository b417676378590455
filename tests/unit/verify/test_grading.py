"""Grading: independent streams, thresholds, contradictions, explanations, determinism."""

from __future__ import annotations

import dataclasses
import random

from gavah.model import ClaimKind, SourceKind
from gavah.model.source import Reliability
from gavah.verify import Grade, GradingPolicy, default_policy, diff_grades, grade_claims
from tests.unit.verify.world import World, two_media_one_ngo_and_a_family

POLICY = default_policy()


def _grades(w: World, policy: GradingPolicy = POLICY) -> dict[str, Grade]:
    return {c: g.grade for c, g in grade_claims(w.sources, w.reports, w.claims, policy).items()}


def test_two_media_quoting_one_ngo_are_one_stream_and_the_family_is_another() -> None:
    w = two_media_one_ngo_and_a_family()
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    # the NGO, the two media that repeat it and the family assert the same count
    assert {r.grade for r in results.values()} == {Grade.FAIR}
    explanation = results["c-ngo"].explanation
    assert explanation.group == ("c-family", "c-media-a", "c-media-b", "c-ngo")
    streams = {s.name: s for s in explanation.streams}
    assert set(streams) == {"family", "ngo"}  # two streams, not four
    assert streams["ngo"].speakers == ("media-a", "media-b", "ngo")
    assert streams["ngo"].credible
    assert streams["family"].credible
    assert "2 independent credible streams (fair needs 2)" in explanation.rule
    text = "\n".join(explanation.lines())
    assert "stream 'ngo' via media-a, media-b, ngo: counted" in text
    assert "stream 'family'" in text


def test_without_the_family_the_three_reports_are_a_single_weak_stream() -> None:
    w = two_media_one_ngo_and_a_family()
    w.claims = [c for c in w.claims if c.id != "c-family"]
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    assert {r.grade for r in results.values()} == {Grade.WEAK}
    assert [s.name for s in results["c-ngo"].explanation.streams] == ["ngo"]


def test_verified_primary_evidence_from_an_independent_stream_confirms() -> None:
    w = two_media_one_ngo_and_a_family(verified_family=True)
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    assert results["c-media-b"].grade is Grade.CONFIRMED
    assert "1 with verified primary evidence" in results["c-ngo"].explanation.rule


def test_a_stream_from_an_unreliable_source_does_not_count_and_says_why() -> None:
    w = two_media_one_ngo_and_a_family()
    w.sources = [
        dataclasses.replace(s, reliability=Reliability.UNRELIABLE) if s.id == "family" else s
        for s in w.sources
    ]
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    assert results["c-ngo"].grade is Grade.WEAK
    family = next(s for s in results["c-ngo"].explanation.streams if s.name == "family")
    assert not family.credible
    assert "assessed unreliable; the policy counts only" in family.reason


def test_origins_are_followed_transitively() -> None:
    w = World()
    w.source("ngo", SourceKind.NGO)
    w.source("wire", SourceKind.MEDIA, origin="ngo")
    w.source("paper", SourceKind.MEDIA, origin="wire")
    w.claim("a", "ngo")
    w.claim("b", "paper", supports=("a",))
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    assert [s.name for s in results["a"].explanation.streams] == ["ngo"]
    assert results["a"].grade is Grade.WEAK


def test_an_authority_acknowledging_it_confirms() -> None:
    w = World()
    w.source("ministry", SourceKind.OFFICIAL, Reliability.DOUBTFUL)
    w.claim("official", "ministry", kind=ClaimKind.NATIONAL_COUNT, low=2000, high=9999)
    result = grade_claims(w.sources, w.reports, w.claims, POLICY)["official"]
    assert result.grade is Grade.CONFIRMED
    assert "acknowledged by ministry" in result.explanation.rule


def test_credible_streams_that_disagree_make_both_contested() -> None:
    w = two_media_one_ngo_and_a_family()
    w.source("hospital", SourceKind.MEDICAL)
    w.claim("c-hospital", "hospital", low=70, high=80, contradicts=("c-ngo",))
    grades = _grades(w)
    assert grades["c-ngo"] is grades["c-hospital"] is Grade.CONTESTED
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    [note] = results["c-hospital"].explanation.contradictions
    assert note.claim_id == "c-ngo"
    assert note.effect == "contested"


def test_an_unreliable_contradiction_changes_nothing_and_is_itself_discounted() -> None:
    w = two_media_one_ngo_and_a_family()
    w.source("channel", SourceKind.MEDIA, Reliability.UNRELIABLE)
    w.claim("c-channel", "channel", low=500, high=None, contradicts=("c-ngo",))
    grades = _grades(w)
    assert grades["c-ngo"] is Grade.FAIR
    assert grades["c-channel"] is Grade.DISCOUNTED
    note = grade_claims(w.sources, w.reports, w.claims, POLICY)["c-ngo"].explanation
    assert note.contradictions[0].effect == "none"


def test_a_claim_confirmed_on_evidence_discounts_what_it_contradicts() -> None:
    w = two_media_one_ngo_and_a_family(verified_family=True)
    w.source("rumour", SourceKind.WITNESS, Reliability.UNKNOWN)
    w.claim("c-rumour", "rumour", low=0, high=0, contradicts=("c-ngo",))
    grades = _grades(w)
    assert grades["c-ngo"] is Grade.CONFIRMED
    assert grades["c-rumour"] is Grade.DISCOUNTED


def test_changing_one_threshold_changes_exactly_the_grades_it_should() -> None:
    w = two_media_one_ngo_and_a_family()  # two streams: fair
    w.source("solo", SourceKind.WITNESS)
    w.claim("c-solo", "solo", subject={"status": "killed", "city": "ایذه"})  # one stream: weak
    w.source("a", SourceKind.NGO)
    w.source("b", SourceKind.MEDICAL)
    w.source("c", SourceKind.FAMILY)
    w.claim("c-three", "a", subject={"status": "killed", "city": "مشهد"})
    w.claim("c-three-b", "b", supports=("c-three",), subject={"city": "مشهد"})
    w.claim("c-three-c", "c", supports=("c-three",), subject={"city": "مشهد"})  # three: fair
    before = _grades(w)
    stricter = dataclasses.replace(POLICY, fair_min_streams=3)
    after = _grades(w, stricter)
    changes = diff_grades(before, after)
    assert [c.claim_id for c in changes] == ["c-family", "c-media-a", "c-media-b", "c-ngo"]
    assert {(c.old, c.new) for c in changes} == {(Grade.FAIR, Grade.WEAK)}
    assert after["c-three"] is Grade.FAIR
    assert after["c-solo"] is Grade.WEAK
    assert changes[0].line() == "c-family: fair -> weak"


def test_grading_does_not_depend_on_input_order() -> None:
    w = two_media_one_ngo_and_a_family()
    w.source("hospital", SourceKind.MEDICAL)
    w.claim("c-hospital", "hospital", low=70, high=80, contradicts=("c-ngo",))
    expected = grade_claims(w.sources, w.reports, w.claims, POLICY)
    rng = random.Random(6)
    for _ in range(5):
        rng.shuffle(w.sources)
        rng.shuffle(w.reports)
        rng.shuffle(w.claims)
        again = grade_claims(w.sources, w.reports, w.claims, POLICY)
        assert {c: r.explanation.as_json() for c, r in again.items()} == {
            c: r.explanation.as_json() for c, r in expected.items()
        }


def test_an_origin_cycle_ends_at_one_root_whatever_the_start() -> None:
    w = World()
    w.source("x", SourceKind.MEDIA, origin="y")
    w.source("y", SourceKind.MEDIA, origin="x")
    w.claim("a", "x")
    w.claim("b", "y", supports=("a",))
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    assert [s.root_id for s in results["a"].explanation.streams] == ["x"]
