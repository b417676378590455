"""A small honest ledger for the verifier and document tests: entries, leaves, signed heads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger.checkpoint import Checkpoint, sign_checkpoint
from gavah.ledger.entry import CustodyEvent, EventType, encode_entry
from gavah.ledger.hashing import leaf_hash
from gavah.ledger.tree import MemoryTree, root_hash

from .conftest import ORIGIN

HEAD_SIZES = (4, 8, 12)  # one signed head per batch of four events


@dataclass(frozen=True)
class Ledger:
    entries: list[bytes]
    leaves: list[bytes]
    tree: MemoryTree
    heads: list[str]  # signed checkpoints at HEAD_SIZES


def custody_entries(n: int) -> list[bytes]:
    start = datetime(2026, 1, 8, 20, 0, tzinfo=UTC)
    kinds = [EventType.INGESTION, EventType.MESSAGE_DIGEST_CALCULATION, EventType.FIXITY_CHECK]
    return [
        encode_entry(
            CustodyEvent(
                type=kinds[i % len(kinds)],
                object=f"{i:064x}",
                agent="gavah test",
                time=start + timedelta(minutes=i),
                detail={"sequence": i},
            )
        )
        for i in range(n)
    ]


def head(size: int, leaves: list[bytes], key: Ed25519PrivateKey, origin: str = ORIGIN) -> str:
    return sign_checkpoint(Checkpoint(origin, size, root_hash(leaves[:size])), key)


def build_ledger(key: Ed25519PrivateKey) -> Ledger:
    entries = custody_entries(HEAD_SIZES[-1])
    leaves = [leaf_hash(entry) for entry in entries]
    heads = [head(size, leaves, key) for size in HEAD_SIZES]
    return Ledger(entries, leaves, MemoryTree(leaves), heads)
