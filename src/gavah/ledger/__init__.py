"""gavah.ledger: the tamper-evident custody log (RFC 9162 Merkle tree, C2SP signed heads).

The public API of the pure ledger core, re-exported from its modules: hashing (``hashing``), the
tree hash and frontier (``tree``), proofs (``proof``), custody events as canonical entries
(``entry``), signed notes and checkpoints (``note``, ``checkpoint``), proof documents
(``documents``) and the standalone verifier (``verifier``). Nothing here does I/O: the store,
the vault and the command line call in with values.
"""

from __future__ import annotations

from gavah.ledger.checkpoint import Checkpoint, open_checkpoint, parse_checkpoint, sign_checkpoint
from gavah.ledger.documents import (
    ConsistencyDocument,
    HeadDocument,
    InclusionDocument,
    consistency_document,
    head_document,
    inclusion_document,
)
from gavah.ledger.entry import CustodyEvent, EventType, Outcome, decode_entry, encode_entry
from gavah.ledger.errors import (
    CheckpointError,
    ConsistencyProofError,
    EntryError,
    InclusionProofError,
    LedgerError,
    NoteError,
    TreeError,
)
from gavah.ledger.hashing import EMPTY_ROOT, HASH_SIZE, leaf_hash, node_hash
from gavah.ledger.note import NoteVerifier, open_note, sign_note
from gavah.ledger.proof import (
    consistency_proof,
    inclusion_proof,
    is_consistent,
    is_inclusion_valid,
    verify_consistency,
    verify_inclusion,
)
from gavah.ledger.tree import CompactRange, MemoryTree, SubtreeSource, root_hash
from gavah.ledger.verifier import VerificationError, verify_document, verify_ledger

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Checkpoint",
    "CheckpointError",
    "CompactRange",
    "ConsistencyDocument",
    "ConsistencyProofError",
    "CustodyEvent",
    "EntryError",
    "EventType",
    "HeadDocument",
    "InclusionDocument",
    "InclusionProofError",
    "LedgerError",
    "MemoryTree",
    "NoteError",
    "NoteVerifier",
    "Outcome",
    "SubtreeSource",
    "TreeError",
    "VerificationError",
    "consistency_document",
    "consistency_proof",
    "decode_entry",
    "encode_entry",
    "head_document",
    "inclusion_document",
    "inclusion_proof",
    "is_consistent",
    "is_inclusion_valid",
    "leaf_hash",
    "node_hash",
    "open_checkpoint",
    "open_note",
    "parse_checkpoint",
    "root_hash",
    "sign_checkpoint",
    "sign_note",
    "verify_consistency",
    "verify_document",
    "verify_inclusion",
    "verify_ledger",
]
