"""The Merkle tree hash: frontier and level cache against the RFC 9162 §2.1.1 definition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.ledger.errors import TreeError
from gavah.ledger.hashing import EMPTY_ROOT, leaf_hash, node_hash
from gavah.ledger.tree import CompactRange, MemoryTree, SubtreeSource, root_hash, split_point

from .conftest import REFERENCE_ENTRIES


def reference_mth(leaves: list[bytes]) -> bytes:
    """MTH written exactly as RFC 9162 §2.1.1 defines it, recursion and all."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(reference_mth(leaves[:k]), reference_mth(leaves[k:]))


def leaves_of(n: int) -> list[bytes]:
    return [leaf_hash(f"entry {i}".encode()) for i in range(n)]


def test_reference_tree_roots_match_the_vectors() -> None:
    leaves = [leaf_hash(entry) for entry in REFERENCE_ENTRIES]
    # Roots of sizes 1 and 8 as the transparency-dev vectors state them (base64 there).
    assert root_hash(leaves[:1]).hex().startswith("6e340b9c")
    assert root_hash(leaves).hex() == (
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    )


@pytest.mark.parametrize(("n", "k"), [(2, 1), (3, 2), (4, 2), (5, 4), (8, 4), (9, 8)])
def test_split_point_is_largest_power_of_two_below(n: int, k: int) -> None:
    assert split_point(n) == k


@pytest.mark.parametrize("n", [0, 1])
def test_split_point_refuses_trees_that_are_not_split(n: int) -> None:
    with pytest.raises(TreeError):
        split_point(n)


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(st.integers(min_value=0, max_value=130))
def test_frontier_root_equals_definition_at_every_size(n: int) -> None:
    leaves = leaves_of(n)
    frontier = CompactRange()
    for i, leaf in enumerate(leaves):
        assert frontier.root() == reference_mth(leaves[:i])
        frontier.append(leaf)
    assert frontier.size == n
    assert len(frontier.hashes) == n.bit_count()
    assert frontier.root() == reference_mth(leaves) == root_hash(leaves)


@given(st.integers(min_value=0, max_value=70), st.integers(min_value=0, max_value=70))
def test_saved_frontier_resumes_where_it_stopped(n: int, more: int) -> None:
    leaves = leaves_of(n + more)
    frontier = CompactRange()
    frontier.extend(leaves[:n])
    resumed = CompactRange.from_state(frontier.size, frontier.hashes)
    snapshot = frontier.copy()
    resumed.extend(leaves[n:])
    assert resumed.root() == reference_mth(leaves)
    assert snapshot.root() == frontier.root() == reference_mth(leaves[:n])


def test_frontier_refuses_malformed_state_and_leaves() -> None:
    with pytest.raises(TreeError, match="negative"):
        CompactRange.from_state(-1, [])
    with pytest.raises(TreeError, match="holds 2 hashes"):
        CompactRange.from_state(3, [leaf_hash(b"")])
    with pytest.raises(TreeError, match="frontier hash 0"):
        CompactRange.from_state(1, [b"short"])
    with pytest.raises(TreeError, match="leaf hash"):
        CompactRange().append(b"\x00" * 31)


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(st.integers(min_value=1, max_value=40), st.data())
def test_memory_tree_answers_every_range_like_the_definition(n: int, data: st.DataObject) -> None:
    leaves = leaves_of(n)
    tree = MemoryTree(leaves)
    assert isinstance(tree, SubtreeSource)
    assert tree.size == n
    start = data.draw(st.integers(min_value=0, max_value=n - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=n))
    assert tree.subtree_hash(start, end) == reference_mth(leaves[start:end])
    assert tree.leaf_hash(start) == leaves[start]


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (2, 2), (3, 2), (0, 6)])
def test_memory_tree_refuses_ranges_outside_it(start: int, end: int) -> None:
    with pytest.raises(TreeError, match="outside"):
        MemoryTree(leaves_of(5)).subtree_hash(start, end)


def test_memory_tree_refuses_malformed_leaf() -> None:
    with pytest.raises(TreeError, match="leaf hash 1"):
        MemoryTree([leaf_hash(b""), b"\x01" * 33])


def test_empty_memory_tree_has_no_ranges() -> None:
    tree = MemoryTree([])
    assert tree.size == 0
    with pytest.raises(TreeError):
        tree.leaf_hash(0)
