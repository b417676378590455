"""Inclusion and consistency proofs of RFC 9162, generated and verified.

Owns the audit path of one leaf (§2.1.3) and the consistency path between two tree sizes (§2.1.4):
generation from any :class:`~gavah.ledger.tree.SubtreeSource` (or a plain list of leaf hashes),
and verification that fails closed. ``verify_*`` raises :class:`InclusionProofError` or
:class:`ConsistencyProofError` with a one-line reason; ``is_*`` returns a bool. A proof proves
nothing on its own: verify it against a tree size and root taken from a verified checkpoint, never
against a size or root that came with the proof. No I/O, no state.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

from gavah.ledger.errors import ConsistencyProofError, InclusionProofError, TreeError
from gavah.ledger.hashing import HASH_SIZE, node_hash
from gavah.ledger.tree import MemoryTree, SubtreeSource, split_point

__all__ = [
    "consistency_proof",
    "inclusion_proof",
    "is_consistent",
    "is_inclusion_valid",
    "verify_consistency",
    "verify_inclusion",
]


def _source(tree: SubtreeSource | Sequence[bytes], needed: int) -> SubtreeSource:
    source = tree if isinstance(tree, SubtreeSource) else MemoryTree(tree)
    if source.size < needed:
        raise TreeError(f"the tree holds {source.size} leaves, fewer than {needed}")
    return source


def inclusion_proof(
    leaf_index: int, tree_size: int, tree: SubtreeSource | Sequence[bytes]
) -> tuple[bytes, ...]:
    """Return the audit path PATH(leaf_index, D[tree_size]) of RFC 9162 §2.1.3.1.

    ``tree`` holds at least ``tree_size`` leaves. Passing a list of leaf hashes builds a
    :class:`MemoryTree` on every call; build one yourself to generate many proofs.

    Raises:
        InclusionProofError: unless 0 <= leaf_index < tree_size.
        TreeError: if ``tree`` holds fewer than ``tree_size`` leaves or a leaf hash is malformed.
    """
    if not 0 <= leaf_index < tree_size:
        raise InclusionProofError(f"leaf {leaf_index} is not in a tree of size {tree_size}")
    source = _source(tree, tree_size)
    path: list[bytes] = []
    start, end = 0, tree_size
    # Walk down from the root; the RFC's recursion appends the sibling after the sub-path, so
    # the path read bottom-up is this top-down walk reversed.
    while end - start > 1:
        k = split_point(end - start)
        if leaf_index < start + k:
            path.append(source.subtree_hash(start + k, end))
            end = start + k
        else:
            path.append(source.subtree_hash(start, start + k))
            start += k
    path.reverse()
    return tuple(path)


def consistency_proof(
    first_size: int, second_size: int, tree: SubtreeSource | Sequence[bytes]
) -> tuple[bytes, ...]:
    """Return the consistency path PROOF(first_size, D[second_size]) of RFC 9162 §2.1.4.1.

    Raises:
        ConsistencyProofError: unless 0 < first_size <= second_size (a proof from the empty tree
            proves nothing, and is refused).
        TreeError: if ``tree`` holds fewer than ``second_size`` leaves.
    """
    if not 0 < first_size <= second_size:
        raise ConsistencyProofError(
            f"no consistency proof from size {first_size} to size {second_size}"
        )
    source = _source(tree, second_size)
    path: list[bytes] = []
    start, end, m = 0, second_size, first_size
    whole = True  # the RFC's flag b: is D[start:start+m] the entire old tree?
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            path.append(source.subtree_hash(start + k, end))
            end = start + k
        else:
            path.append(source.subtree_hash(start, start + k))
            start += k
            m -= k
            whole = False
    if not whole:
        path.append(source.subtree_hash(start, end))
    path.reverse()
    return tuple(path)


def _check_hash(value: bytes, what: str, error: type[Exception]) -> None:
    if len(value) != HASH_SIZE:
        raise error(f"{what} is {len(value)} bytes, not a {HASH_SIZE}-byte SHA-256 hash")


def _check_path(path: Sequence[bytes], what: str, error: type[Exception]) -> None:
    for position, element in enumerate(path):
        _check_hash(element, f"{what} element {position}", error)


def verify_inclusion(
    leaf_hash: bytes,
    leaf_index: int,
    tree_size: int,
    audit_path: Sequence[bytes],
    root_hash: bytes,
) -> None:
    """Check that ``leaf_hash`` is leaf ``leaf_index`` of the tree with ``root_hash``.

    Follows RFC 9162 §2.1.3.2 step by step; every hash must be 32 bytes.

    Raises:
        InclusionProofError: naming the first check that failed.
    """
    # 1. The index must lie inside the tree.
    if not 0 <= leaf_index < tree_size:
        raise InclusionProofError(f"leaf {leaf_index} is not in a tree of size {tree_size}")
    _check_hash(leaf_hash, "the leaf hash", InclusionProofError)
    _check_hash(root_hash, "the root hash", InclusionProofError)
    _check_path(audit_path, "audit path", InclusionProofError)
    # 2. fn is the leaf's index, sn the index of the last leaf; 3. r starts as the leaf hash.
    fn, sn = leaf_index, tree_size - 1
    r = leaf_hash
    # 4. Climb one level per path element.
    for p in audit_path:
        # 4a. Past the root with elements left over: the path is too long.
        if sn == 0:
            raise InclusionProofError("the audit path is longer than the tree is high")
        if fn & 1 or fn == sn:
            # 4b. The sibling is on the left (or this is the right edge, where levels with no
            # right sibling are skipped).
            r = node_hash(p, r)
            while fn & 1 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            # 4b otherwise. The sibling is on the right.
            r = node_hash(r, p)
        # 4c. Up one level.
        fn >>= 1
        sn >>= 1
    # 5. The path must reach the root exactly, and land on the expected root hash.
    if sn != 0:
        raise InclusionProofError("the audit path is shorter than the tree is high")
    if not hmac.compare_digest(r, root_hash):
        raise InclusionProofError("the audit path does not lead to the root hash")


def is_inclusion_valid(
    leaf_hash: bytes,
    leaf_index: int,
    tree_size: int,
    audit_path: Sequence[bytes],
    root_hash: bytes,
) -> bool:
    """Return whether :func:`verify_inclusion` accepts the proof."""
    try:
        verify_inclusion(leaf_hash, leaf_index, tree_size, audit_path, root_hash)
    except InclusionProofError:
        return False
    return True


def _refuse_or_settle_sizes(
    first_size: int,
    second_size: int,
    consistency_path: Sequence[bytes],
    first_root: bytes,
    second_root: bytes,
) -> bool:
    """Handle the sizes RFC 9162 §2.1.4.2 does not cover; return True if that settles it."""
    # The log only grows, and the empty tree is consistent with anything, so a proof from it
    # proves nothing and is refused rather than silently accepted.
    if first_size < 0 or second_size < first_size:
        raise ConsistencyProofError(f"size {second_size} does not extend size {first_size}")
    if first_size == 0:
        raise ConsistencyProofError("a consistency proof from the empty tree proves nothing")
    if first_size != second_size:
        return False
    if consistency_path:
        raise ConsistencyProofError("equal sizes need an empty consistency path")
    if not hmac.compare_digest(first_root, second_root):
        raise ConsistencyProofError("equal sizes but different root hashes")
    return True


def verify_consistency(
    first_size: int,
    second_size: int,
    consistency_path: Sequence[bytes],
    first_root: bytes,
    second_root: bytes,
) -> None:
    """Check that the tree of ``second_size`` leaves extends the tree of ``first_size`` leaves.

    Follows RFC 9162 §2.1.4.2, with the edge cases of the transparency-dev test vectors: equal
    sizes need an empty path and equal roots; a proof from the empty tree is refused.

    Raises:
        ConsistencyProofError: naming the first check that failed.
    """
    # 0. Sizes the RFC's algorithm does not handle.
    if _refuse_or_settle_sizes(first_size, second_size, consistency_path, first_root, second_root):
        return
    # 1. An empty path cannot prove anything between different sizes.
    if not consistency_path:
        raise ConsistencyProofError("the consistency path is empty")
    _check_hash(first_root, "the first root hash", ConsistencyProofError)
    _check_hash(second_root, "the second root hash", ConsistencyProofError)
    _check_path(consistency_path, "consistency path", ConsistencyProofError)
    # 2. When the old tree is a perfect subtree its root is the path's implicit first element.
    path = list(consistency_path)
    if first_size & (first_size - 1) == 0:
        path.insert(0, first_root)
    # 3. fn and sn index the last leaves of the old and the new tree.
    fn, sn = first_size - 1, second_size - 1
    # 4. Skip the levels where the old tree's last leaf is a right child inside a perfect subtree.
    while fn & 1:
        fn >>= 1
        sn >>= 1
    # 5. Both reconstructions start from the first element.
    fr = sr = path[0]
    # 6. Climb, rebuilding the old root (fr) and the new root (sr) side by side.
    for c in path[1:]:
        # 6a. Past the new root with elements left over: the path is too long.
        if sn == 0:
            raise ConsistencyProofError("the consistency path is longer than the tree is high")
        if fn & 1 or fn == sn:
            # 6b. c is a left sibling, part of both trees.
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn & 1 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            # 6b otherwise. c is a right sibling, only in the new tree.
            sr = node_hash(sr, c)
        # 6c. Up one level.
        fn >>= 1
        sn >>= 1
    # 7. Both roots must come out exactly, and the path must reach the new root.
    if sn != 0:
        raise ConsistencyProofError("the consistency path is shorter than the tree is high")
    if not hmac.compare_digest(fr, first_root):
        raise ConsistencyProofError("the consistency path does not lead to the first root hash")
    if not hmac.compare_digest(sr, second_root):
        raise ConsistencyProofError("the consistency path does not lead to the second root hash")


def is_consistent(
    first_size: int,
    second_size: int,
    consistency_path: Sequence[bytes],
    first_root: bytes,
    second_root: bytes,
) -> bool:
    """Return whether :func:`verify_consistency` accepts the proof."""
    try:
        verify_consistency(first_size, second_size, consistency_path, first_root, second_root)
    except ConsistencyProofError:
        return False
    return True
