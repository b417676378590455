"""What changed between two gradings (a policy change, new claims, new links).

Owns :class:`GradeChange` and :func:`diff_grades`. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gavah.verify.policy import Grade

__all__ = ["GradeChange", "diff_grades"]


@dataclass(frozen=True, slots=True)
class GradeChange:
    """One claim whose grade differs (``None``: not graded on that side)."""

    claim_id: str
    old: Grade | None
    new: Grade | None

    def as_json(self) -> dict[str, Any]:
        """The change as JSON-ready data."""
        return {
            "claim": self.claim_id,
            "old": None if self.old is None else self.old.value,
            "new": None if self.new is None else self.new.value,
        }

    def line(self) -> str:
        """The change in words: ``C1: weak -> fair``."""
        old = "(ungraded)" if self.old is None else self.old.value
        new = "(gone)" if self.new is None else self.new.value
        return f"{self.claim_id}: {old} -> {new}"


def diff_grades(old: Mapping[str, Grade], new: Mapping[str, Grade]) -> list[GradeChange]:
    """The claims whose grade differs between ``old`` and ``new``, by claim id."""
    return [
        GradeChange(claim_id, old.get(claim_id), new.get(claim_id))
        for claim_id in sorted(set(old) | set(new))
        if old.get(claim_id) != new.get(claim_id)
    ]
