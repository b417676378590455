"""The public API of gavah.ledger is deliberate: pin it, so changes are reviewed, not accidental."""

from __future__ import annotations

import importlib
import re

import pytest

import gavah.ledger
from gavah.errors import GavahError

MODULES = [
    "checkpoint",
    "documents",
    "entry",
    "errors",
    "hashing",
    "note",
    "proof",
    "tree",
    "verifier",
]


def test_package_exports_exactly_this() -> None:
    assert sorted(gavah.ledger.__all__) == sorted([
        "EMPTY_ROOT", "HASH_SIZE", "Checkpoint", "CheckpointError", "CompactRange",
        "ConsistencyDocument", "ConsistencyProofError", "CustodyEvent", "EntryError",
        "EventType", "HeadDocument", "InclusionDocument", "InclusionProofError", "LedgerError",
        "MemoryTree", "NoteError", "NoteVerifier", "Outcome", "SubtreeSource", "TreeError",
        "VerificationError", "consistency_document", "consistency_proof", "decode_entry",
        "encode_entry", "head_document", "inclusion_document", "inclusion_proof",
        "is_consistent", "is_inclusion_valid", "leaf_hash", "node_hash", "open_checkpoint",
        "open_note", "parse_checkpoint", "root_hash", "sign_checkpoint", "sign_note",
        "verify_consistency", "verify_document", "verify_inclusion", "verify_ledger",
    ])  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_every_module_lists_real_public_names_with_docstrings(name: str) -> None:
    module = importlib.import_module(f"gavah.ledger.{name}")
    doc = module.__doc__ or ""
    assert "Owns" in doc, f"{name} does not say what it owns"
    assert re.search(r"must not|\bno\s+I/O", doc, re.IGNORECASE), f"{name} names no limit"
    for exported in module.__all__:
        value = getattr(module, exported)
        if callable(value):
            assert value.__doc__, f"{name}.{exported} has no docstring"


def test_every_ledger_error_is_a_gavah_error() -> None:
    for name in [
        "CheckpointError",
        "ConsistencyProofError",
        "EntryError",
        "InclusionProofError",
        "NoteError",
        "TreeError",
        "VerificationError",
    ]:
        assert issubclass(getattr(gavah.ledger, name), gavah.ledger.LedgerError)
    assert issubclass(gavah.ledger.LedgerError, GavahError)
