"""Claims: counts where they assert a number, and sane links to other claims."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.model import Claim, ClaimKind, VictimCount


def test_count_claims_need_a_count() -> None:
    with pytest.raises(InvariantError, match="needs a count"):
        Claim("c-1", "r-1", ClaimKind.COUNT, "at least 40 killed in Abdanan")
    claim = Claim("c-1", "r-1", ClaimKind.COUNT, "at least 40", count=VictimCount(40))
    assert claim.count == VictimCount(40)


def test_a_claim_does_not_link_to_itself_or_both_ways() -> None:
    with pytest.raises(InvariantError, match="itself"):
        Claim("c-1", "r-1", ClaimKind.OTHER, "x", supports=("c-1",))
    with pytest.raises(InvariantError, match="both supports and contradicts"):
        Claim("c-1", "r-1", ClaimKind.OTHER, "x", supports=("c-2",), contradicts=("c-2",))
    with pytest.raises(InvariantError, match="repeats"):
        Claim("c-1", "r-1", ClaimKind.OTHER, "x", contradicts=("c-2", "c-2"))


def test_the_subject_holds_json_scalars_and_is_frozen() -> None:
    subject: dict[str, str | int | float | bool | None] = {"place": "Abdanan", "day": 9}
    claim = Claim("c-1", "r-1", ClaimKind.OTHER, "x", subject=subject)
    subject["place"] = "elsewhere"
    assert claim.subject["place"] == "Abdanan"
    with pytest.raises(InvariantError, match="unsupported type"):
        Claim("c-1", "r-1", ClaimKind.OTHER, "x", subject={"list": [1, 2]})  # type: ignore[dict-item]
