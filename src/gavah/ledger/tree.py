"""The Merkle tree hash (RFC 9162 §2.1.1) over leaf hashes, computed two ways.

Owns :func:`root_hash` and the two structures that compute tree hashes without recursion over all
leaves: :class:`CompactRange`, the append-only frontier (one hash per perfect subtree on the right
edge, so O(log n) memory) that gives the root of a growing log and can be saved and restored, and
:class:`MemoryTree`, every perfect subtree hash of a fixed list of leaves, which answers the
subtree queries that proof generation makes. :class:`SubtreeSource` is the seam for a store-backed
cache. This module does no I/O and never hashes entries: it takes leaf hashes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from gavah.ledger.errors import TreeError
from gavah.ledger.hashing import EMPTY_ROOT, HASH_SIZE, node_hash

__all__ = ["CompactRange", "MemoryTree", "SubtreeSource", "root_hash", "split_point"]


def split_point(n: int) -> int:
    """Return k, the largest power of two smaller than ``n`` (RFC 9162 §2.1.1: k < n <= 2k).

    Raises:
        TreeError: if ``n`` is smaller than 2 (a tree of 0 or 1 leaves is not split).
    """
    if n < 2:
        raise TreeError(f"a tree of {n} leaves has no split point")
    return 1 << ((n - 1).bit_length() - 1)


def _check_hash(value: bytes, what: str) -> None:
    if len(value) != HASH_SIZE:
        raise TreeError(f"{what} is {len(value)} bytes, not {HASH_SIZE}")


class CompactRange:
    """The frontier of a log: the roots of the perfect subtrees that make up leaves [0, size).

    One hash per set bit of ``size``, largest (leftmost) subtree first. Appending a leaf merges
    equal-sized subtrees like a binary counter carries, so memory stays O(log n) however long the
    log grows, and the state (``size``, ``hashes``) can be stored and restored to append without
    re-reading old leaves.
    """

    __slots__ = ("_hashes", "_size")

    def __init__(self) -> None:
        """Start an empty range (size 0)."""
        self._size = 0
        self._hashes: list[bytes] = []

    @classmethod
    def from_state(cls, size: int, hashes: Sequence[bytes]) -> CompactRange:
        """Restore a range saved from :attr:`size` and :attr:`hashes`.

        Raises:
            TreeError: if the size is negative, the number of hashes is not the number of set
                bits of ``size``, or a hash is not 32 bytes.
        """
        if size < 0:
            raise TreeError(f"a tree size cannot be negative ({size})")
        if len(hashes) != size.bit_count():
            raise TreeError(
                f"a frontier of size {size} holds {size.bit_count()} hashes, not {len(hashes)}"
            )
        for position, value in enumerate(hashes):
            _check_hash(value, f"frontier hash {position}")
        restored = cls()
        restored._size = size
        restored._hashes = list(hashes)
        return restored

    @property
    def size(self) -> int:
        """The number of leaves appended so far."""
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """The frontier: perfect subtree roots, leftmost (largest) first."""
        return tuple(self._hashes)

    def copy(self) -> CompactRange:
        """Return an independent copy (appending to it leaves this range unchanged)."""
        return CompactRange.from_state(self._size, self._hashes)

    def append(self, leaf: bytes) -> None:
        """Append one leaf hash.

        Raises:
            TreeError: if ``leaf`` is not 32 bytes.
        """
        _check_hash(leaf, "a leaf hash")
        hashes = self._hashes
        hashes.append(leaf)
        carry = self._size
        # Each trailing 1 bit of the old size is a perfect subtree of the new leaf's height.
        while carry & 1:
            right = hashes.pop()
            hashes[-1] = node_hash(hashes[-1], right)
            carry >>= 1
        self._size += 1

    def extend(self, leaves: Iterable[bytes]) -> None:
        """Append leaf hashes in order.

        Raises:
            TreeError: if a leaf hash is not 32 bytes (the leaves before it stay appended).
        """
        for leaf in leaves:
            self.append(leaf)

    def root(self) -> bytes:
        """Return the Merkle tree hash of leaves [0, size) (RFC 9162 §2.1.1)."""
        if not self._hashes:
            return EMPTY_ROOT
        # MTH splits off the largest perfect subtree on the left, then recurses on the rest:
        # folding the frontier from the right reproduces exactly that shape.
        acc = self._hashes[-1]
        for left in reversed(self._hashes[:-1]):
            acc = node_hash(left, acc)
        return acc


def root_hash(leaves: Iterable[bytes]) -> bytes:
    """Return the Merkle tree hash (RFC 9162 §2.1.1) of a list of leaf hashes.

    Raises:
        TreeError: if a leaf hash is not 32 bytes.
    """
    frontier = CompactRange()
    frontier.extend(leaves)
    return frontier.root()


@runtime_checkable
class SubtreeSource(Protocol):
    """What proof generation needs from a tree: its size and the hash of any leaf range.

    :class:`MemoryTree` implements it over leaf hashes in memory; a store can implement it over
    saved perfect-subtree hashes ("tiles") so that proofs never re-read the whole log.
    """

    @property
    def size(self) -> int:
        """The number of leaves the source holds."""
        ...

    def subtree_hash(self, start: int, end: int) -> bytes:
        """Return MTH(D[start:end]) for 0 <= start < end <= size."""
        ...


class MemoryTree:
    """Every perfect, aligned subtree hash of a fixed list of leaf hashes, level by level.

    Level ``h`` holds the hashes of leaves [i * 2**h, (i + 1) * 2**h) packed into one bytes
    object, so the tree over n leaves costs about 64 * n bytes. A tree built over n leaves answers
    subtree queries (and so proofs) for every tree size up to n.
    """

    __slots__ = ("_levels", "_size")

    def __init__(self, leaves: Iterable[bytes]) -> None:
        """Hash every perfect subtree of ``leaves`` (leaf hashes, in log order).

        Raises:
            TreeError: if a leaf hash is not 32 bytes.
        """
        packed = []
        for position, leaf in enumerate(leaves):
            _check_hash(leaf, f"leaf hash {position}")
            packed.append(leaf)
        level = b"".join(packed)
        self._size = len(packed)
        self._levels = [level]
        pair = 2 * HASH_SIZE
        while len(level) >= pair:
            level = b"".join(
                node_hash(level[i : i + HASH_SIZE], level[i + HASH_SIZE : i + pair])
                for i in range(0, len(level) - pair + 1, pair)
            )
            self._levels.append(level)

    @property
    def size(self) -> int:
        """The number of leaves."""
        return self._size

    def leaf_hash(self, index: int) -> bytes:
        """Return the hash of leaf ``index``.

        Raises:
            TreeError: if ``index`` is outside [0, size).
        """
        return self.subtree_hash(index, index + 1)

    def subtree_hash(self, start: int, end: int) -> bytes:
        """Return MTH(D[start:end]) (RFC 9162 §2.1.1).

        Aligned ranges (``start`` a multiple of the next power of two of the length, which is
        every range proof generation asks for) cost O(log n) hashes; any other range is still
        answered exactly, by recursing on the RFC's split.

        Raises:
            TreeError: unless 0 <= start < end <= size.
        """
        if not 0 <= start < end <= self._size:
            raise TreeError(f"leaf range [{start}, {end}) is outside a tree of {self._size}")
        return self._range_hash(start, end)

    def _range_hash(self, start: int, end: int) -> bytes:
        width = end - start
        height = width.bit_length() - 1
        if width == 1 << height and start % width == 0:
            offset = (start >> height) * HASH_SIZE
            return self._levels[height][offset : offset + HASH_SIZE]
        k = split_point(width)
        return node_hash(self._range_hash(start, start + k), self._range_hash(start + k, end))
