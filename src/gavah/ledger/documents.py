"""The JSON documents of ``gavah ledger head|proof|consistency --json``, built as plain dicts.

Owns the shape of the three proof documents (the public contract of issue 3, item 5, and of
docs/ledger.md) and builds them from ledger values, so that the command line only serialises
them. A builder opens the signed head with the log's key and verifies the proof before returning:
Gavah never hands out a document that its own verifier would reject. Hashes are lowercase hex. No
I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from gavah.ledger.checkpoint import open_checkpoint
from gavah.ledger.errors import EntryError
from gavah.ledger.hashing import leaf_hash
from gavah.ledger.note import NoteVerifier
from gavah.ledger.proof import verify_consistency, verify_inclusion

__all__ = [
    "ConsistencyDocument",
    "HeadDocument",
    "InclusionDocument",
    "consistency_document",
    "head_document",
    "inclusion_document",
]


class HeadDocument(TypedDict):
    """``gavah ledger head --json``: the latest signed tree head and the key to check it with."""

    origin: str
    tree_size: int
    root_hash: str
    checkpoint: str
    vkey: str


class InclusionDocument(TypedDict):
    """``gavah ledger proof ITEM --json``: an RFC 9162 inclusion proof against a signed head."""

    entry: str
    leaf_index: int
    tree_size: int
    leaf_hash: str
    audit_path: list[str]
    checkpoint: str


class ConsistencyDocument(TypedDict):
    """``gavah ledger consistency OLD_SIZE --json``: the log grew from ``first`` by appending."""

    first: int
    second: int
    first_root: str
    consistency_path: list[str]
    checkpoint: str


def head_document(signed_checkpoint: str, verifier: NoteVerifier) -> HeadDocument:
    """Build the head document for a signed checkpoint of the log ``verifier`` names.

    Raises:
        NoteError: if the checkpoint is not validly signed by ``verifier``.
        CheckpointError: if the checkpoint is malformed or for another log.
    """
    checkpoint = open_checkpoint(signed_checkpoint, verifier)
    return {
        "origin": checkpoint.origin,
        "tree_size": checkpoint.tree_size,
        "root_hash": checkpoint.root_hash.hex(),
        "checkpoint": signed_checkpoint,
        "vkey": verifier.vkey,
    }


def inclusion_document(
    entry: bytes,
    leaf_index: int,
    audit_path: Sequence[bytes],
    signed_checkpoint: str,
    verifier: NoteVerifier,
) -> InclusionDocument:
    """Build the inclusion proof document of ``entry`` (the exact logged bytes) at ``leaf_index``.

    Raises:
        EntryError: if the entry is not UTF-8 (every logged entry is canonical JSON).
        NoteError: if the checkpoint is not validly signed by ``verifier``.
        CheckpointError: if the checkpoint is malformed or for another log.
        InclusionProofError: if the path does not prove the entry in the signed tree.
    """
    try:
        text = entry.decode("utf-8")
    except UnicodeDecodeError as err:
        raise EntryError("a logged entry is not UTF-8") from err
    checkpoint = open_checkpoint(signed_checkpoint, verifier)
    leaf = leaf_hash(entry)
    verify_inclusion(leaf, leaf_index, checkpoint.tree_size, audit_path, checkpoint.root_hash)
    return {
        "entry": text,
        "leaf_index": leaf_index,
        "tree_size": checkpoint.tree_size,
        "leaf_hash": leaf.hex(),
        "audit_path": [node.hex() for node in audit_path],
        "checkpoint": signed_checkpoint,
    }


def consistency_document(
    first_size: int,
    first_root: bytes,
    consistency_path: Sequence[bytes],
    signed_checkpoint: str,
    verifier: NoteVerifier,
) -> ConsistencyDocument:
    """Build the consistency proof document from the tree of ``first_size`` to the signed head.

    Raises:
        NoteError: if the checkpoint is not validly signed by ``verifier``.
        CheckpointError: if the checkpoint is malformed or for another log.
        ConsistencyProofError: if the path does not link ``first_root`` to the signed root.
    """
    checkpoint = open_checkpoint(signed_checkpoint, verifier)
    verify_consistency(
        first_size, checkpoint.tree_size, consistency_path, first_root, checkpoint.root_hash
    )
    return {
        "first": first_size,
        "second": checkpoint.tree_size,
        "first_root": first_root.hex(),
        "consistency_path": [node.hex() for node in consistency_path],
        "checkpoint": signed_checkpoint,
    }
