"""Inclusion and consistency proofs: every honest proof verifies, every mutation fails.

The laws, for random trees: a generated proof verifies; flipping any bit of a proof element, the
leaf hash, a root or the leaf index makes it fail; and a proof checked against another tree size
fails whenever the root is that size's real root. (A proof alone does not pin the size: the same
audit path can fit several sizes with the *same* root, which is why verifiers take size and root
together from a signed checkpoint; see test_verifier for the document-level defence.)
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.ledger.errors import ConsistencyProofError, InclusionProofError, TreeError
from gavah.ledger.hashing import leaf_hash
from gavah.ledger.proof import (
    consistency_proof,
    inclusion_proof,
    is_consistent,
    is_inclusion_valid,
    verify_consistency,
    verify_inclusion,
)
from gavah.ledger.tree import CompactRange, MemoryTree

MAX_LEAVES = 64
SIZE_BITS = 12  # size mutations stay below 2**13, where roots can still be computed


@cache
def leaf(i: int) -> bytes:
    return leaf_hash(f"custody event {i}".encode())


@cache
def root_of(n: int) -> bytes:
    frontier = CompactRange()
    frontier.extend(leaf(i) for i in range(n))
    return frontier.root()


@cache
def tree() -> MemoryTree:
    return MemoryTree([leaf(i) for i in range(MAX_LEAVES)])


def flip(value: bytes, bit: int) -> bytes:
    bit %= len(value) * 8
    mutated = bytearray(value)
    mutated[bit // 8] ^= 1 << (bit % 8)
    return bytes(mutated)


sizes = st.integers(min_value=1, max_value=MAX_LEAVES)
bits = st.integers(min_value=0, max_value=255)


@given(sizes, st.data())
def test_every_inclusion_proof_verifies(n: int, data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    path = inclusion_proof(i, n, tree())
    verify_inclusion(leaf(i), i, n, path, root_of(n))
    assert path == inclusion_proof(i, n, [leaf(j) for j in range(n)])


@given(sizes, st.data(), bits)
def test_flipped_inclusion_proof_fails(n: int, data: st.DataObject, bit: int) -> None:
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    path = list(inclusion_proof(i, n, tree()))
    target = data.draw(st.sampled_from(["path", "leaf", "root", "index"] if path else ["leaf"]))
    leaf_i, root, index = leaf(i), root_of(n), i
    if target == "path":
        k = data.draw(st.integers(min_value=0, max_value=len(path) - 1))
        path[k] = flip(path[k], bit)
    elif target == "leaf":
        leaf_i = flip(leaf_i, bit)
    elif target == "root":
        root = flip(root, bit)
    else:
        index ^= 1 << (bit % 64)
    assert not is_inclusion_valid(leaf_i, index, n, path, root)


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(sizes, st.data(), st.integers(min_value=0, max_value=SIZE_BITS))
def test_inclusion_proof_fails_against_another_size(n: int, data: st.DataObject, bit: int) -> None:
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    other = n ^ (1 << bit)
    path = inclusion_proof(i, n, tree())
    assert not is_inclusion_valid(leaf(i), i, other, path, root_of(other))


@given(sizes, st.data())
def test_every_consistency_proof_verifies(n: int, data: st.DataObject) -> None:
    m = data.draw(st.integers(min_value=1, max_value=n))
    path = consistency_proof(m, n, tree())
    verify_consistency(m, n, path, root_of(m), root_of(n))
    assert (m == n) == (not path)


@given(sizes, st.data(), bits)
def test_flipped_consistency_proof_fails(n: int, data: st.DataObject, bit: int) -> None:
    m = data.draw(st.integers(min_value=1, max_value=n))
    path = list(consistency_proof(m, n, tree()))
    target = data.draw(st.sampled_from(["path", "first", "second"] if path else ["first"]))
    first, second = root_of(m), root_of(n)
    if target == "path":
        k = data.draw(st.integers(min_value=0, max_value=len(path) - 1))
        path[k] = flip(path[k], bit)
    elif target == "first":
        first = flip(first, bit)
    else:
        second = flip(second, bit)
    assert not is_consistent(m, n, path, first, second)


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(sizes, st.data(), st.integers(min_value=0, max_value=SIZE_BITS), st.booleans())
def test_consistency_proof_fails_against_other_sizes(
    n: int, data: st.DataObject, bit: int, flip_first: bool
) -> None:
    m = data.draw(st.integers(min_value=1, max_value=n))
    path = consistency_proof(m, n, tree())
    m2, n2 = (m ^ (1 << bit), n) if flip_first else (m, n ^ (1 << bit))
    assert not is_consistent(m2, n2, path, root_of(m2), root_of(n2))


def test_single_leaf_tree_has_empty_path() -> None:
    assert inclusion_proof(0, 1, tree()) == ()
    verify_inclusion(leaf(0), 0, 1, (), leaf(0))


@pytest.mark.parametrize(("index", "size"), [(-1, 4), (4, 4), (0, 0)])
def test_inclusion_proof_refuses_index_outside_tree(index: int, size: int) -> None:
    with pytest.raises(InclusionProofError, match="not in a tree"):
        inclusion_proof(index, size, tree())


@pytest.mark.parametrize(("first", "second"), [(0, 4), (5, 4), (-1, 3)])
def test_consistency_proof_refuses_impossible_sizes(first: int, second: int) -> None:
    with pytest.raises(ConsistencyProofError, match="no consistency proof"):
        consistency_proof(first, second, tree())


def test_generation_refuses_a_tree_that_is_too_small() -> None:
    with pytest.raises(TreeError, match="fewer than"):
        inclusion_proof(0, MAX_LEAVES + 1, tree())
    with pytest.raises(TreeError, match="fewer than"):
        consistency_proof(1, 3, [leaf(0), leaf(1)])


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"leaf_hash": b"\x00" * 31}, "leaf hash is 31 bytes"),
        ({"root_hash": b""}, "root hash is 0 bytes"),
        ({"audit_path": [b"\x00" * 32, b"\x00"]}, "audit path element 1"),
        ({"audit_path": []}, "shorter than the tree"),
        ({"leaf_index": 7}, "not in a tree"),
    ],
)
def test_verify_inclusion_names_what_failed(change: dict[str, object], reason: str) -> None:
    args: dict[str, object] = {
        "leaf_hash": leaf(2),
        "leaf_index": 2,
        "tree_size": 7,
        "audit_path": list(inclusion_proof(2, 7, tree())),
        "root_hash": root_of(7),
    }
    args.update(change)
    with pytest.raises(InclusionProofError, match=reason):
        verify_inclusion(**args)  # type: ignore[arg-type]


def test_inclusion_path_too_long_is_refused() -> None:
    path = [*inclusion_proof(2, 7, tree()), leaf(0)]
    with pytest.raises(InclusionProofError, match="longer than the tree"):
        verify_inclusion(leaf(2), 2, 7, path, root_of(7))


@pytest.mark.parametrize(
    ("first", "second", "path", "reason"),
    [
        (3, 2, [], "does not extend"),
        (-1, 2, [], "does not extend"),
        (0, 2, [], "empty tree"),
        (2, 2, [b"\x00" * 32], "empty consistency path"),
        (3, 5, [], "path is empty"),
        (3, 5, [b"\x00" * 32, b"\x00"], "consistency path element 1"),
    ],
)
def test_verify_consistency_names_what_failed(
    first: int, second: int, path: list[bytes], reason: str
) -> None:
    with pytest.raises(ConsistencyProofError, match=reason):
        verify_consistency(first, second, path, root_of(max(first, 0)), root_of(second))


def test_consistency_equal_sizes_need_equal_roots() -> None:
    verify_consistency(3, 3, [], root_of(3), root_of(3))
    with pytest.raises(ConsistencyProofError, match="different root"):
        verify_consistency(3, 3, [], root_of(3), root_of(4))


def test_consistency_roots_must_be_hashes() -> None:
    path = consistency_proof(3, 5, tree())
    with pytest.raises(ConsistencyProofError, match="first root hash is 3 bytes"):
        verify_consistency(3, 5, path, b"abc", root_of(5))


def test_consistency_path_length_is_checked_both_ways() -> None:
    path = list(consistency_proof(3, 5, tree()))
    with pytest.raises(ConsistencyProofError, match="longer than"):
        verify_consistency(3, 5, [*path, leaf(0)], root_of(3), root_of(5))
    with pytest.raises(ConsistencyProofError, match="shorter than"):
        verify_consistency(3, 5, path[:-1], root_of(3), root_of(5))


def test_consistency_wrong_roots_are_named() -> None:
    path = consistency_proof(3, 5, tree())
    with pytest.raises(ConsistencyProofError, match="first root"):
        verify_consistency(3, 5, path, root_of(2), root_of(5))
    with pytest.raises(ConsistencyProofError, match="second root"):
        verify_consistency(3, 5, path, root_of(3), root_of(6))
