"""Errors of the accountability core.

Owns :class:`AccountabilityError` (a query or export that cannot be answered) and
:class:`StructureError` (a set of units, officials and postings that does not hold together; it
carries every problem found, so an import reports all of them at once). Must not format output
for a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gavah.errors import GavahError

__all__ = ["AccountabilityError", "Problem", "StructureError"]


class AccountabilityError(GavahError):
    """A question about units, officials or attribution that cannot be answered as asked."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a structure.

    Attributes:
        code: a stable machine-readable name (``unknown-unit``, ``ends-before-start``,
            ``overlapping-holders``, ``hierarchy-cycle``, ``two-parents``, ``duplicate-id``,
            ``unknown-official``, ``bad-value``).
        message: one line for a person.
        where: the record it concerns (``posting P1``, ``line 4``).
    """

    code: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class StructureError(AccountabilityError):
    """The structure has problems; :attr:`problems` lists each."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = str(self.problems[0]) if self.problems else "invalid structure"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else ""
        super().__init__(first + suffix)
