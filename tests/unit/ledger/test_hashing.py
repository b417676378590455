"""RFC 9162 §2.1 leaf and node hashes, checked against known digests."""

from __future__ import annotations

import hashlib

from gavah.ledger.hashing import EMPTY_ROOT, HASH_SIZE, leaf_hash, node_hash


def test_empty_root_is_sha256_of_nothing() -> None:
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_leaf_hash_of_empty_entry_matches_rfc6962_reference() -> None:
    assert leaf_hash(b"").hex() == (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )


def test_leaf_and_node_hashes_use_distinct_prefixes() -> None:
    left, right = leaf_hash(b"a"), leaf_hash(b"b")
    assert leaf_hash(b"x") == hashlib.sha256(b"\x00x").digest()
    assert node_hash(left, right) == hashlib.sha256(b"\x01" + left + right).digest()
    # A node can never be passed off as a leaf holding the same bytes.
    assert node_hash(left, right) != leaf_hash(left + right)
    assert len(node_hash(left, right)) == HASH_SIZE
