"""Ledger speed: root of a 1,000,000-entry log, full verification, and 10,000 inclusion proofs.

Prints what it measured; asserts no time (the goal from issue 3 is verifying a 1,000,000-entry
ledger in under 60 s). Entries are synthetic custody events shaped like real canonical entries,
streamed rather than held in memory, as a store would stream them. Run with
``python -m benchmarks ledger`` (or ``python -m benchmarks.bench_ledger [N]``).
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger.checkpoint import Checkpoint, sign_checkpoint
from gavah.ledger.entry import CustodyEvent, EventType, encode_entry
from gavah.ledger.hashing import leaf_hash
from gavah.ledger.note import NoteVerifier
from gavah.ledger.proof import inclusion_proof, verify_inclusion
from gavah.ledger.tree import CompactRange, MemoryTree
from gavah.ledger.verifier import _verify_inclusion, verify_ledger

ENTRIES = 1_000_000
PROOFS = 10_000
HEAD_EVERY = 10_000  # one signed head per batch, as the workspace signs after each batch
ORIGIN = "bench.gavah.example/ledger"


def synthetic_entries(n: int) -> Iterator[bytes]:
    """Canonical-looking custody entries (about 230 bytes each), cheap to make in bulk."""
    for i in range(n):
        digest = hashlib.sha256(i.to_bytes(8, "big")).hexdigest()
        yield (
            f'{{"agent":"gavah/0.1 bench","detail":{{"bytes":{i * 7919 % 10**9},'
            f'"source":"list {i % 17}"}},"object":"{digest}","outcome":"success",'
            f'"time":"2026-01-{8 + i % 20:02d}T12:00:00Z","type":"ingestion","v":1}}'
        ).encode()


def timed(label: str, start: float, count: int, unit: str) -> float:
    elapsed = time.perf_counter() - start
    rate = count / elapsed if elapsed else float("inf")
    print(f"{label:<58} {elapsed:8.2f} s  ({rate:,.0f} {unit}/s)", flush=True)
    return elapsed


def main(n: int = ENTRIES) -> None:
    """Run the measurements over ``n`` entries."""
    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"bench key").digest())
    vkey = NoteVerifier.from_public_key(ORIGIN, key.public_key()).vkey
    print(
        f"ledger of {n:,} synthetic entries, {PROOFS:,} proofs, a signed head every {HEAD_EVERY:,}"
    )

    start = time.perf_counter()
    events = [
        CustodyEvent(EventType.INGESTION, "ab" * 32, "bench", datetime(2026, 1, 9, tzinfo=UTC),
                     detail={"i": i, "source": "list"})
        for i in range(10_000)
    ]  # fmt: skip
    for event in events:
        encode_entry(event)
    timed("encode 10,000 custody events (RFC 8785)", start, len(events), "entries")

    start = time.perf_counter()
    size = sum(len(entry) for entry in synthetic_entries(n))
    timed(
        f"baseline: make {n:,} synthetic entries ({size / n:.0f} bytes each)", start, n, "entries"
    )

    start = time.perf_counter()
    frontier = CompactRange()
    leaves: list[bytes] = []
    heads: list[str] = []
    for entry in synthetic_entries(n):
        leaf = leaf_hash(entry)
        leaves.append(leaf)
        frontier.append(leaf)
        if frontier.size % HEAD_EVERY == 0 or frontier.size == n:
            heads.append(sign_checkpoint(Checkpoint(ORIGIN, frontier.size, frontier.root()), key))
    timed(f"append {n:,} entries: leaf hash + frontier + {len(heads)} heads", start, n, "entries")

    start = time.perf_counter()
    check = CompactRange()
    for entry in synthetic_entries(n):
        check.append(leaf_hash(entry))
    root = check.root()
    timed(f"recompute the root of {n:,} entries (package)", start, n, "entries")
    assert root == frontier.root()  # a wrong answer would void the timing

    start = time.perf_counter()
    verified = verify_ledger(synthetic_entries(n), heads, vkey)
    timed(f"verify {n:,} entries against {len(heads)} heads (standalone)", start, n, "entries")
    assert verified.root_hash == root

    start = time.perf_counter()
    tree = MemoryTree(leaves)
    timed(f"build the subtree cache over {n:,} leaves", start, n, "leaves")

    rng = random.Random(9162)
    indices = [rng.randrange(n) for _ in range(PROOFS)]
    start = time.perf_counter()
    paths = [inclusion_proof(i, n, tree) for i in indices]
    timed(f"generate {PROOFS:,} inclusion proofs", start, PROOFS, "proofs")

    start = time.perf_counter()
    for i, path in zip(indices, paths, strict=True):
        verify_inclusion(leaves[i], i, n, path, root)
    timed(f"verify {PROOFS:,} inclusion proofs (package)", start, PROOFS, "proofs")

    start = time.perf_counter()
    for i, path in zip(indices, paths, strict=True):
        _verify_inclusion(leaves[i], i, n, path, root)
    timed(f"verify {PROOFS:,} inclusion proofs (standalone)", start, PROOFS, "proofs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ENTRIES)
