"""Grading claims from the browser: the same work as ``gavah claims board|show|grade``.

Owns :func:`board` (the claims board under the current policy) and :class:`Graded` /
:func:`grade_and_store` (grade every claim, store the run with its explanations, and return the
tally and the changes since the last stored run, as ``--diff`` shows). What grading reads, the
policy in use (:func:`workspace_policy`), one claim's view (:func:`claim_view`) and the run
itself are :mod:`gavah.services.grading`'s, shared with the command line; the rules live in
:mod:`gavah.verify`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gavah.services import grading
from gavah.services.grading import ClaimView, Loaded, claim_view, load, workspace_policy
from gavah.store import Store
from gavah.verify import BoardRow, GradeChange, GradingPolicy

__all__ = [
    "ClaimView",
    "Graded",
    "Loaded",
    "board",
    "claim_view",
    "grade_and_store",
    "load",
    "workspace_policy",
]


@dataclass(frozen=True, slots=True)
class Graded:
    """A grading run: the policy, the tally by grade, and what changed since the last run."""

    policy: str
    claims: int
    tally: list[tuple[str, int]]
    changes: list[GradeChange]


def board(store: Store, policy: GradingPolicy) -> list[BoardRow]:
    """Competing count claims about the same quantity, graded under ``policy``."""
    loaded = load(store, acts=False)
    return grading.board(loaded, loaded.grade(policy))


def grade_and_store(store: Store, policy: GradingPolicy, at: dt.datetime) -> Graded:
    """Grade every claim, store the run, and report what changed since the last stored run."""
    run = grading.grade_and_store(store, policy, at)
    return Graded(policy.name, len(run.results), grading.tally(run.results), run.changes)
