"""Leaf and node hashes of the Merkle tree, exactly as RFC 9162 §2.1 defines them.

Owns the three hash functions everything else in the ledger builds on. Leaves and interior nodes
get distinct one-byte prefixes (0x00 and 0x01), so no leaf can be passed off as a node (the
second-preimage defence of RFC 9162 §2.1). Pure functions over bytes; no I/O, no state.
"""

from __future__ import annotations

import hashlib

__all__ = ["EMPTY_ROOT", "HASH_SIZE", "LEAF_PREFIX", "NODE_PREFIX", "leaf_hash", "node_hash"]

HASH_SIZE = 32
"""Bytes in a SHA-256 digest, the only hash the ledger uses (RFC 9162 §2.1: HASH is SHA-256)."""

LEAF_PREFIX = b"\x00"
"""Prefix of a leaf hash input (RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0)))."""

NODE_PREFIX = b"\x01"
"""Prefix of an interior node hash input (RFC 9162 §2.1.1: HASH(0x01 || left || right))."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""Root of the empty tree (RFC 9162 §2.1.1: MTH({}) = HASH())."""


def leaf_hash(entry: bytes) -> bytes:
    """Return the leaf hash of one logged entry: SHA-256(0x00 || entry) (RFC 9162 §2.1.1)."""
    return hashlib.sha256(LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the hash of an interior node: SHA-256(0x01 || left || right) (RFC 9162 §2.1.1)."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()
