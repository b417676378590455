"""An authority's denial is not an admission: the denial rule of grading, and of counts."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.model import Claim, ClaimKind, ClaimStance, SourceKind
from gavah.model.source import Reliability
from gavah.verify import (
    Grade,
    NamedVictim,
    StreamIndex,
    Witness,
    claim_witness,
    count_by_grade,
    default_policy,
    grade_claims,
)
from gavah.verify.grading import ClaimGrade
from tests.unit.verify.world import World

POLICY = default_policy()
AZADI = {"act": "deployment", "unit": "پایگاه ۱۲", "city": "آزادی", "date": "2026-01-09"}
KILLED = "دست‌کم ۴۰ نفر در آبدانان کشته شدند"
NOBODY = "فرماندهی انتظامی: در آبدانان هیچ‌کس کشته نشد"
NO_FORCE = "هیچ نیرویی از پایگاه ۱۲ در میدان آزادی نبود"
FORCE = "نیروهای پایگاه ۱۲ در میدان آزادی بودند"


def test_a_claim_refuses_a_stance_that_is_not_one_of_the_two() -> None:
    with pytest.raises(InvariantError, match="unknown claim stance"):
        Claim("c", "r", ClaimKind.OTHER, NOBODY, stance="denies")  # type: ignore[arg-type]
    assert Claim("c", "r", ClaimKind.OTHER, NOBODY).stance is ClaimStance.AFFIRMS


def _supported(kind: ClaimKind = ClaimKind.COUNT) -> World:
    """An NGO and an independent family assert the same thing: two credible streams, fair."""
    w = World()
    w.source("ngo", SourceKind.NGO, Reliability.RELIABLE)
    w.source("family", SourceKind.FAMILY)
    w.source("police", SourceKind.OFFICIAL, Reliability.UNKNOWN)
    subject = AZADI if kind is ClaimKind.ACT_OCCURRED else None
    text = FORCE if kind is ClaimKind.ACT_OCCURRED else KILLED
    w.claim("c-ngo", "ngo", kind=kind, subject=subject, text=text)
    w.claim("c-family", "family", kind=kind, subject=subject, text=text, supports=("c-ngo",))
    return w


def _police(
    w: World, kind: ClaimKind, stance: ClaimStance, contradicts: tuple[str, ...] = ()
) -> None:
    if kind is ClaimKind.ACT_OCCURRED:
        w.claim("c-police", "police", kind=kind, subject=AZADI, text=NO_FORCE, stance=stance,
                contradicts=contradicts)  # fmt: skip
    else:
        w.claim("c-police", "police", low=0, high=0, text=NOBODY, stance=stance,
                contradicts=contradicts)  # fmt: skip


def _grade(w: World) -> dict[str, ClaimGrade]:
    return grade_claims(w.sources, w.reports, w.claims, POLICY)


@pytest.mark.parametrize("kind", [ClaimKind.COUNT, ClaimKind.ACT_OCCURRED])
def test_an_official_denial_is_not_confirmed_and_does_not_contest_a_supported_claim(
    kind: ClaimKind,
) -> None:
    w = _supported(kind)
    _police(w, kind, ClaimStance.DENIES, contradicts=("c-ngo",))
    results = _grade(w)
    denial = results["c-police"]
    assert denial.grade is Grade.CONTESTED  # one stream (weak at best), and two disagree
    assert "denial rule" in denial.explanation.rule
    assert "not an admission" in denial.explanation.rule
    assert "acknowledged" not in denial.explanation.rule
    [stream] = denial.explanation.streams
    assert stream.denying
    assert not stream.acknowledging
    assert "a denial by an authority or perpetrator" in stream.reason
    supported = results["c-ngo"]
    assert supported.grade is Grade.FAIR  # neither contested nor discounted
    [note] = supported.explanation.contradictions
    assert note.claim_id == "c-police"
    assert note.effect == "none"
    assert "denial rule" in note.reason
    assert "cannot on its own contest or discount" in note.reason
    assert "2 independent credible streams" in note.reason
    assert results["c-family"].grade is Grade.FAIR
    text = "\n".join(supported.explanation.lines())
    assert "contradicted by c-police: none" in text


@pytest.mark.parametrize("kind", [ClaimKind.COUNT, ClaimKind.ACT_OCCURRED])
def test_the_same_statement_as_an_admission_is_confirmed(kind: ClaimKind) -> None:
    w = _supported(kind)
    _police(w, kind, ClaimStance.AFFIRMS)
    result = _grade(w)["c-police"]
    assert result.grade is Grade.CONFIRMED
    assert "acknowledged by police (an admission" in result.explanation.rule
    assert result.explanation.streams[0].acknowledging


def test_an_admission_supporting_the_claim_confirms_it() -> None:
    w = _supported()
    w.claim("c-police", "police", text="۴۰ نفر در آبدانان کشته شدند", supports=("c-ngo",))
    assert {r.grade for r in _grade(w).values()} == {Grade.CONFIRMED}


def test_a_denial_on_its_own_is_a_single_weak_stream() -> None:
    w = World()
    w.source("police", SourceKind.OFFICIAL, Reliability.UNKNOWN)
    w.source("spokesman", SourceKind.MEDIA, origin="police")  # the same stream
    w.claim("c-police", "police", low=0, high=0, text=NOBODY, stance=ClaimStance.DENIES)
    w.claim(
        "c-spokesman",
        "spokesman",
        low=0,
        high=0,
        text=NOBODY,
        stance=ClaimStance.DENIES,
        supports=("c-police",),
    )
    result = _grade(w)["c-police"]
    assert result.grade is Grade.WEAK
    assert [s.name for s in result.explanation.streams] == ["police"]


def test_a_denial_contests_a_single_stream_by_the_ordinary_rule() -> None:
    w = World()
    w.source("ngo", SourceKind.NGO, Reliability.RELIABLE)
    w.source("police", SourceKind.OFFICIAL, Reliability.UNKNOWN)
    w.claim("c-ngo", "ngo", text=KILLED)
    _police(w, ClaimKind.COUNT, ClaimStance.DENIES, contradicts=("c-ngo",))
    results = _grade(w)
    assert results["c-ngo"].grade is Grade.CONTESTED
    assert results["c-police"].grade is Grade.CONTESTED


def test_a_denial_backed_by_an_independent_stream_contests_as_that_stream_does() -> None:
    w = _supported()
    w.source("hospital", SourceKind.MEDICAL)
    _police(w, ClaimKind.COUNT, ClaimStance.DENIES, contradicts=("c-ngo",))
    w.claim("c-hospital", "hospital", low=0, high=0, text="هیچ پیکری نرسید", supports=("c-police",))
    results = _grade(w)
    assert results["c-ngo"].grade is Grade.CONTESTED
    [note] = results["c-ngo"].explanation.contradictions
    assert note.effect == "contested"
    assert "1 credible stream(s) disagree" in note.reason  # the hospital, not the police


def test_a_denial_in_a_group_confirmed_on_evidence_still_discounts() -> None:
    w = _supported()
    w.source("morgue", SourceKind.MORGUE)
    w.source("doctor", SourceKind.MEDICAL)
    _police(w, ClaimKind.COUNT, ClaimStance.DENIES, contradicts=("c-ngo",))
    w.claim("c-morgue", "morgue", low=0, high=0, text="x", verified=True, supports=("c-police",))
    w.claim("c-doctor", "doctor", low=0, high=0, text="y", supports=("c-police",))
    results = _grade(w)
    assert results["c-police"].grade is Grade.CONFIRMED  # on evidence, not on the denial
    assert results["c-ngo"].grade is Grade.DISCOUNTED


def test_a_regime_figure_of_several_thousand_stays_an_admission_of_at_least_that_many() -> None:
    w = World()
    w.source("estimate", SourceKind.NGO, Reliability.RELIABLE)
    w.source("regime", SourceKind.OFFICIAL, Reliability.UNKNOWN)
    national = {"status": "killed", "scope": "nationwide"}
    w.claim("national-independent", "estimate", kind=ClaimKind.NATIONAL_COUNT, low=30_000,
            high=36_500, subject=national)  # fmt: skip
    w.claim("national-official", "regime", kind=ClaimKind.NATIONAL_COUNT, low=3_000, high=None,
            subject=national, text="چند هزار نفر کشته شدند",
            contradicts=("national-independent",))  # fmt: skip
    result = _grade(w)["national-official"]
    assert result.grade is Grade.CONFIRMED
    assert "an admission" in result.explanation.rule


def test_a_denial_documents_nobody_in_the_counts() -> None:
    w = _supported()
    w.source("list-a", SourceKind.LIST)
    _police(w, ClaimKind.COUNT, ClaimStance.DENIES, contradicts=("c-ngo",))
    w.claim("c-p9-denied", "police", kind=ClaimKind.PERSON_STATUS, person_id="p9",
            text="او زنده است", stance=ClaimStance.DENIES)  # fmt: skip
    izeh = {"status": "killed", "province": "IR-06", "city": "ایذه", "date": "2026-01-09"}
    w.claim("c-izeh-denied", "police", low=0, high=0, subject=izeh, text="در ایذه کسی کشته نشد",
            stance=ClaimStance.DENIES)  # fmt: skip
    reports = {r.id: r for r in w.reports}
    victim = NamedVictim("p9", "killed", province="IR-16", place="جای دیگر", date="2026-01-10",
                         witnesses=(Witness("record list-a:p9", "list-a"),))  # fmt: skip
    counts = count_by_grade(
        named=[victim],
        claims=w.claims,
        grades=_grade(w),
        witnesses={c.id: claim_witness(c, reports.get(c.report_id)) for c in w.claims},
        incidents={},
        index=StreamIndex(w.sources),
        policy=POLICY,
    )
    t = counts.total.tallies
    assert t[Grade.WEAK].named == 1  # the list alone: the denial adds no stream to p9
    assert (t[Grade.FAIR].low, t[Grade.FAIR].high) == (40, 45)  # the supported quantity
    # the supported quantity once; the 0–0 denials (Abdanan, Izeh) are no quantity
    assert [u.claim_id for u in counts.quantities] == ["c-family"]
