"""Clustering: thresholds, reviewers' decisions and the giant-cluster guard."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.errors import InvariantError
from gavah.linkage import Decision, Judgement, ScoredPair, cluster, pair_key

NOW = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)


def _pair(a: str, b: str, p: float) -> ScoredPair:
    left, right = pair_key(a, b)
    return ScoredPair(left, right, match_weight=p * 10, probability=p)


def _decide(a: str, b: str, judgement: Judgement) -> Decision:
    left, right = pair_key(a, b)
    return Decision(left, right, judgement, "reviewer", NOW)


def test_pairs_above_threshold_merge_and_the_uncertain_band_goes_to_review() -> None:
    result = cluster(
        ["a", "b", "c", "d"],
        [_pair("a", "b", 0.99), _pair("c", "d", 0.7), _pair("a", "d", 0.1)],
        [],
        threshold=0.9,
        review_from=0.5,
    )
    assert result.members == (("a", "b"), ("c",), ("d",))
    assert [(p.left, p.right) for p in result.review] == [("c", "d")]


def test_different_splits_and_same_joins() -> None:
    pairs = [_pair("a", "b", 0.99), _pair("b", "c", 0.98)]
    apart = cluster(
        ["a", "b", "c"],
        pairs,
        [_decide("a", "c", Judgement.DIFFERENT)],
        threshold=0.9,
        review_from=0.5,
    )
    assert apart.members == (("a", "b"), ("c",))
    joined = cluster(
        ["a", "b", "c", "d"],
        pairs,
        [_decide("a", "d", Judgement.SAME)],
        threshold=0.9,
        review_from=0.5,
    )
    assert joined.members == (("a", "b", "c", "d"),)


def test_unsure_changes_nothing_and_leaves_the_pair_out_of_review() -> None:
    result = cluster(
        ["a", "b"],
        [_pair("a", "b", 0.7)],
        [_decide("a", "b", Judgement.UNSURE)],
        threshold=0.9,
        review_from=0.5,
    )
    assert result.members == (("a",), ("b",))
    assert result.review == ()


def test_the_guard_stops_chains_from_making_giant_clusters() -> None:
    uids = [f"r{i:02d}" for i in range(20)]
    chain = [_pair(uids[i], uids[i + 1], 0.95) for i in range(19)]
    result = cluster(uids, chain, [], threshold=0.9, review_from=0.5, max_size=5)
    assert max(len(m) for m in result.members) <= 5
    assert sorted(u for m in result.members for u in m) == uids


def test_bad_thresholds_and_pairs_are_refused() -> None:
    with pytest.raises(InvariantError):
        cluster([], [], [], threshold=0.4, review_from=0.5)
    with pytest.raises(InvariantError):
        pair_key("a", "a")
    with pytest.raises(InvariantError):
        Decision("b", "a", Judgement.SAME, "x", NOW)


@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.floats(0, 1)), max_size=30))
def test_clustering_is_a_partition_and_ignores_pair_order(
    raw: list[tuple[int, int, float]],
) -> None:
    uids = [f"u{i}" for i in range(8)]
    pairs = [_pair(uids[a], uids[b], p) for a, b, p in raw if a != b]
    forward = cluster(uids, pairs, [], threshold=0.8, review_from=0.3)
    backward = cluster(uids, list(reversed(pairs)), [], threshold=0.8, review_from=0.3)
    assert sorted(u for m in forward.members for u in m) == uids
    assert forward.members == backward.members


def test_groups_holding_the_same_list_merge_only_through_a_strong_pair() -> None:
    # s1/a ~ s2/b strongly, s1/c ~ s2/b less so: a and c are on the same list.
    a, b, c = "s1\x1fa", "s2\x1fb", "s1\x1fc"
    pairs = [_pair(a, b, 0.98), _pair(b, c, 0.95)]
    guarded = cluster([a, b, c], pairs, [], threshold=0.9, review_from=0.5, same_source_from=0.99)
    assert guarded.members == ((a, b), (c,))
    assert [(p.left, p.right) for p in guarded.review] == [pair_key(b, c)]
    free = cluster([a, b, c], pairs, [], threshold=0.9, review_from=0.5)
    assert free.members == (tuple(sorted((a, b, c))),)
