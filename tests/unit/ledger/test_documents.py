"""The proof documents: exact field sets (the public contract), and no document for a bad proof."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger.documents import consistency_document, head_document, inclusion_document
from gavah.ledger.errors import (
    CheckpointError,
    ConsistencyProofError,
    EntryError,
    InclusionProofError,
    NoteError,
)
from gavah.ledger.note import NoteVerifier, sign_note
from gavah.ledger.proof import consistency_proof, inclusion_proof
from gavah.ledger.tree import root_hash

from .conftest import ORIGIN
from .ledger_fixtures import Ledger, build_ledger


@pytest.fixture
def ledger(signing_key: Ed25519PrivateKey) -> Ledger:
    return build_ledger(signing_key)


def test_head_document_fields(ledger: Ledger, log_verifier: NoteVerifier) -> None:
    document = head_document(ledger.heads[2], log_verifier)
    assert set(document) == {"origin", "tree_size", "root_hash", "checkpoint", "vkey"}
    assert document["origin"] == ORIGIN
    assert document["tree_size"] == 12
    assert document["root_hash"] == root_hash(ledger.leaves).hex()
    assert document["checkpoint"] == ledger.heads[2]
    assert NoteVerifier.parse(document["vkey"]) == log_verifier
    assert json.loads(json.dumps(document)) == document


def test_inclusion_document_fields(ledger: Ledger, log_verifier: NoteVerifier) -> None:
    path = inclusion_proof(5, 12, ledger.tree)
    document = inclusion_document(ledger.entries[5], 5, path, ledger.heads[2], log_verifier)
    assert set(document) == {
        "entry",
        "leaf_index",
        "tree_size",
        "leaf_hash",
        "audit_path",
        "checkpoint",
    }
    assert document["entry"].encode() == ledger.entries[5]
    assert (document["leaf_index"], document["tree_size"]) == (5, 12)
    assert document["leaf_hash"] == ledger.leaves[5].hex()
    assert document["audit_path"] == [node.hex() for node in path]


def test_consistency_document_fields(ledger: Ledger, log_verifier: NoteVerifier) -> None:
    path = consistency_proof(5, 12, ledger.tree)
    first_root = root_hash(ledger.leaves[:5])
    document = consistency_document(5, first_root, path, ledger.heads[2], log_verifier)
    assert set(document) == {"first", "second", "first_root", "consistency_path", "checkpoint"}
    assert (document["first"], document["second"]) == (5, 12)
    assert document["first_root"] == first_root.hex()
    assert document["consistency_path"] == [node.hex() for node in path]


def test_no_inclusion_document_for_a_proof_that_fails(
    ledger: Ledger, log_verifier: NoteVerifier
) -> None:
    path = inclusion_proof(5, 12, ledger.tree)
    with pytest.raises(InclusionProofError):
        inclusion_document(ledger.entries[4], 5, path, ledger.heads[2], log_verifier)
    with pytest.raises(EntryError, match="not UTF-8"):
        inclusion_document(b"\xff", 5, path, ledger.heads[2], log_verifier)


def test_no_consistency_document_for_a_wrong_old_root(
    ledger: Ledger, log_verifier: NoteVerifier
) -> None:
    path = consistency_proof(5, 12, ledger.tree)
    with pytest.raises(ConsistencyProofError):
        consistency_document(5, root_hash(ledger.leaves[:6]), path, ledger.heads[2], log_verifier)


def test_no_document_for_a_head_of_another_key_or_log(
    ledger: Ledger,
    log_verifier: NoteVerifier,
    other_key: Ed25519PrivateKey,
    signing_key: Ed25519PrivateKey,
) -> None:
    stranger = NoteVerifier.from_public_key(ORIGIN, other_key.public_key())
    with pytest.raises(NoteError):
        head_document(ledger.heads[2], stranger)
    foreign = sign_note(
        "other.example\n0\n" + ledger.heads[0].split("\n")[2] + "\n", signing_key, ORIGIN
    )
    with pytest.raises(CheckpointError):
        head_document(foreign, log_verifier)
