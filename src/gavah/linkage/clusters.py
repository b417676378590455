"""Clustering scored pairs into persons, under the reviewers' decisions.

Owns :class:`Judgement`, :class:`Decision` and :func:`cluster`. Records are joined greedily,
strongest pair first, when their pair is at or above the match threshold, or when a reviewer
said "same". Two groups are never joined when a reviewer said "different" of any pair across
them (so "different" splits a cluster on the next link), nor when the joined group would exceed
``max_size`` records (the guard against a chain of weak links making a giant cluster). Pairs
below the threshold are never merged automatically; those in the review band are returned for a
reviewer. Pure: values in, values out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gavah.errors import InvariantError
from gavah.linkage.features import split_uid
from gavah.linkage.scoring import ScoredPair

__all__ = ["Clustering", "Decision", "Judgement", "cluster", "pair_key"]


class Judgement(StrEnum):
    """A reviewer's judgement on a pair of records."""

    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The pair ``{a, b}`` as a sorted tuple (linkage is symmetric).

    Raises:
        InvariantError: ``a`` and ``b`` are the same record.
    """
    if a == b:
        raise InvariantError("a pair needs two different records")
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on a pair (record uids, sorted), with who, when and why."""

    left: str
    right: str
    judgement: Judgement
    reviewer: str
    decided_at: dt.datetime
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.left >= self.right:
            raise InvariantError("a decision's pair must be sorted and of two records")
        if not isinstance(self.judgement, Judgement):
            raise InvariantError(f"unknown judgement {self.judgement!r}")
        if not self.reviewer.strip():
            raise InvariantError("a decision needs the reviewer's name")


@dataclass(frozen=True, slots=True)
class Clustering:
    """The persons found: record uid → cluster number, and the pairs left for review."""

    members: tuple[tuple[str, ...], ...]
    review: tuple[ScoredPair, ...]


class _Groups:
    """Union-find with each root's members and the roots it must never join."""

    def __init__(self, uids: Iterable[str]) -> None:
        self.parent = {u: u for u in uids}
        self.members = {u: [u] for u in self.parent}
        self.sources = {u: {split_uid(u)[0]} for u in self.parent}
        self.apart: dict[str, set[str]] = {}

    def share_a_source(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra != rb and not self.sources[ra].isdisjoint(self.sources[rb])

    def find(self, uid: str) -> str:
        root = uid
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[uid] != root:
            self.parent[uid], uid = root, self.parent[uid]
        return root

    def keep_apart(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        self.apart.setdefault(ra, set()).add(rb)
        self.apart.setdefault(rb, set()).add(ra)

    def join(self, a: str, b: str, max_size: int | None) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if rb in self.apart.get(ra, set()):
            return False
        if max_size is not None and len(self.members[ra]) + len(self.members[rb]) > max_size:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.sources[ra] |= self.sources.pop(rb)
        apart_b = self.apart.pop(rb, set())
        for other in apart_b:
            self.apart[other].discard(rb)
            self.apart[other].add(ra)
        self.apart.setdefault(ra, set()).update(apart_b)
        return True


def _apply_decisions(
    groups: _Groups, decisions: Iterable[Decision]
) -> dict[tuple[str, str], Judgement]:
    """Keep apart what reviewers called different, join what they called same."""
    decided: dict[tuple[str, str], Judgement] = {}
    for decision in decisions:
        if decision.left in groups.parent and decision.right in groups.parent:
            decided[(decision.left, decision.right)] = decision.judgement
    for (a, b), judgement in decided.items():
        if judgement is Judgement.DIFFERENT:
            groups.keep_apart(a, b)
    for (a, b), judgement in sorted(decided.items()):
        if judgement is Judgement.SAME:
            groups.join(a, b, None)
    return decided


def cluster(
    uids: Sequence[str],
    pairs: Iterable[ScoredPair],
    decisions: Iterable[Decision],
    *,
    threshold: float,
    review_from: float,
    max_size: int | None = None,
    same_source_from: float | None = None,
) -> Clustering:
    """Group ``uids`` into persons.

    Args:
        uids: every record uid (a record without pairs is a person of its own).
        pairs: scored candidate pairs.
        decisions: the latest decision per pair (``unsure`` changes nothing).
        threshold: the match probability from which a pair is merged automatically.
        review_from: the probability from which a pair below ``threshold`` goes to review.
        max_size: the largest cluster automatic merges may build (``None``: no limit).
        same_source_from: when set, two groups that both hold a record of the same source
            (a list rarely names a person twice) merge automatically only through a pair of at
            least this probability.

    Raises:
        InvariantError: the thresholds are not ``0 <= review_from <= threshold <= 1``.
    """
    if not 0.0 <= review_from <= threshold <= 1.0:
        raise InvariantError("need 0 <= review_from <= threshold <= 1")
    groups = _Groups(uids)
    known = set(groups.parent)
    decided = _apply_decisions(groups, decisions)
    review: list[ScoredPair] = []
    ordered = sorted(pairs, key=lambda p: (-p.match_weight, p.left, p.right))
    for pair in ordered:
        if pair.left not in known or pair.right not in known:
            continue
        if (pair.left, pair.right) in decided:
            continue
        if pair.probability >= threshold:
            if (
                same_source_from is not None
                and pair.probability < same_source_from
                and groups.share_a_source(pair.left, pair.right)
            ):
                review.append(pair)
                continue
            groups.join(pair.left, pair.right, max_size)
        elif pair.probability >= review_from and groups.find(pair.left) != groups.find(pair.right):
            review.append(pair)
    members = sorted(tuple(sorted(m)) for m in groups.members.values())
    still_apart = [p for p in review if groups.find(p.left) != groups.find(p.right)]
    return Clustering(tuple(members), tuple(still_apart))
