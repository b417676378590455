"""Claims that contradict an attribution's supporting claims, for the narrative."""

from __future__ import annotations

from gavah.accountability import Attribution, Confidence, contradicting_claims, contrary_facts
from gavah.model import Claim, ClaimKind


def _claim(claim_id: str, text: str, contradicts: tuple[str, ...] = ()) -> Claim:
    return Claim(claim_id, "rep-1", ClaimKind.ATTRIBUTION, text, contradicts=contradicts)


ATTRIBUTION = Attribution(
    "att-1", "inc-1", Confidence.HIGH, ("c-support", "c-second"), unit_id="basij-12"
)
CLAIMS = {
    "c-support": _claim("c-support", "بسیجیان پایگاه ۱۲ شلیک کردند", contradicts=("c-old",)),
    "c-second": _claim("c-second", "شاهد: مأموران بسیج"),
    "c-denial": _claim("c-denial", "پلیس: کسی آن‌جا نبود", contradicts=("c-support",)),
    "c-old": _claim("c-old", "گزارش نخست: پلیس ضدشورش"),
    "c-inner": _claim("c-inner", "x", contradicts=("c-unrelated",)),
    "c-unrelated": _claim("c-unrelated", "y"),
}


def test_contradictions_are_found_whichever_side_recorded_them() -> None:
    found = contradicting_claims([ATTRIBUTION], CLAIMS)
    assert [(c.supporting, c.against.id) for c in found] == [
        ("c-support", "c-denial"),  # recorded on the denial
        ("c-support", "c-old"),  # recorded on the supporting claim
    ]


def test_supporting_claims_of_the_same_attribution_are_not_held_against_it() -> None:
    claims = {**CLAIMS, "c-second": _claim("c-second", "z", contradicts=("c-support",))}
    found = contradicting_claims([ATTRIBUTION], claims)
    assert "c-second" not in {c.against.id for c in found}


def test_facts_name_both_grades_the_attribution_and_the_persian_text() -> None:
    facts = contrary_facts([ATTRIBUTION], CLAIMS, {"c-support": "fair", "c-denial": "weak"})
    assert facts[0].text == (
        "Claim c-denial [weak] contradicts claim c-support [fair], which supports attribution "
        "att-1 (incident inc-1): “پلیس: کسی آن‌جا نبود”"
    )
    assert facts[0].basis == "report rep-1"
    assert "Claim c-old [ungraded]" in facts[1].text


def test_an_unknown_claim_or_no_link_gives_nothing() -> None:
    assert contrary_facts([ATTRIBUTION], {"c-support": CLAIMS["c-support"]}, {}) == []
