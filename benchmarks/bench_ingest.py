"""Ingest and vault speed: throughput against ``sha256sum``, memory on a big file, ledger verify.

Prints what it measured; asserts no time. Goals from issue 3: ingest (hashing SHA-256 and
SHA-512 and age-encrypting, through the whole pipeline into an SQLite store) at least 0.5 of
``sha256sum``'s throughput on the same files; constant memory whatever the file size (peak RSS
while ingesting one big file, measured in a child process); and ``gavah ledger verify``'s ledger
part (row checks, canonical decoding, the standalone verifier against every signed head) on a
1,000,000-entry ledger stored in SQLite in under 60 s. Everything is synthetic.

``python -m benchmarks ingest`` or ``python -m benchmarks.bench_ingest [--files N] [--file-mb M]
[--big-mb B] [--entries E]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert

from gavah.ledger import (
    Checkpoint,
    CompactRange,
    CustodyEvent,
    EventType,
    NoteVerifier,
    encode_entry,
    leaf_hash,
    sign_checkpoint,
)
from gavah.model.ids import ulid_ids
from gavah.store import Store, make_engine, upgrade
from gavah.store.schema_vault import LedgerEntryRow, LedgerHeadRow, LedgerStateRow
from gavah.vault import BlobStore, Ingestor, IngestRequest, audit_workspace

ORIGIN = "gavah-workspace/bench"
HEAD_EVERY = 10_000


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _store(root: Path) -> Store:
    root.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{root / 'gavah.db'}")
    upgrade(engine)
    return Store(engine)


def _ingestor(root: Path, key: Ed25519PrivateKey) -> Ingestor:
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    return Ingestor(
        store=_store(root),
        blobs=BlobStore(root / "vault"),
        recipients=(recipient,),
        signing_key=key,
        origin=ORIGIN,
        clock=_now,
        ids=ulid_ids(_now, random.Random(1)),
    )


def _write_random(path: Path, size: int) -> None:
    rng = random.Random(size)
    with path.open("wb") as out:
        left = size
        while left:
            block = min(left, 1 << 22)
            out.write(rng.randbytes(block))
            left -= block


def throughput(root: Path, files: int, file_mb: int) -> None:
    """Ingest ``files`` files of ``file_mb`` MiB; compare with sha256sum on the same files."""
    inputs = root / "in"
    inputs.mkdir()
    for n in range(files):
        _write_random(inputs / f"f{n:03d}.bin", file_mb << 20)
    total = files * (file_mb << 20)
    paths = sorted(str(p) for p in inputs.iterdir())
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", *paths], check=True, capture_output=True)  # warm the cache
        start = time.perf_counter()
        subprocess.run(["sha256sum", *paths], check=True, capture_output=True)
        reference = time.perf_counter() - start
    else:  # pragma: no cover - every Debian has coreutils
        reference = float("nan")
    ingestor = _ingestor(root / "ws", Ed25519PrivateKey.generate())
    request = IngestRequest(source="bench")
    start = time.perf_counter()
    for path in sorted(inputs.iterdir()):
        ingestor.ingest(path, request)
    ingestor.seal()
    elapsed = time.perf_counter() - start
    mib = total / (1 << 20)
    print(f"sha256sum: {mib / reference:.0f} MiB/s ({reference:.2f} s for {mib:.0f} MiB)")
    print(f"ingest (SHA-256 + SHA-512 + age + store): {mib / elapsed:.0f} MiB/s ({elapsed:.2f} s)")
    print(f"ratio to sha256sum: {reference / elapsed:.2f} (goal >= 0.5)")


def big_file_child(path: str, workdir: str) -> None:
    """In a child process: ingest one file and print the peak RSS."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ingestor = _ingestor(Path(workdir), Ed25519PrivateKey.generate())
    start = time.perf_counter()
    ingestor.ingest(Path(path), IngestRequest(source="bench"))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = Path(path).stat().st_size >> 20
    print(
        f"big file: {size} MiB in {elapsed:.1f} s ({size / elapsed:.0f} MiB/s); peak RSS "
        f"{peak / 1024:.0f} MiB (after imports {before / 1024:.0f} MiB)"
    )


def memory(root: Path, big_mb: int) -> None:
    """Ingest one ``big_mb`` MiB file in a child process and report its peak RSS."""
    path = root / "big.bin"
    _write_random(path, big_mb << 20)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_ingest", "--child", str(path), str(root / "bw")],
        check=True,
    )
    path.unlink()


def ledger_verify(root: Path, entries: int) -> None:
    """Store ``entries`` synthetic entries with a head every 10,000; time the ledger checks."""
    store = _store(root / "ledger")
    key = Ed25519PrivateKey.generate()
    frontier = CompactRange()
    moment = dt.datetime(2026, 1, 9, tzinfo=dt.UTC)
    start = time.perf_counter()
    with store.engine.begin() as connection:
        rows: list[dict[str, object]] = []
        for i in range(entries):
            sha = hashlib.sha256(i.to_bytes(8, "big")).hexdigest()
            event = CustodyEvent(EventType.INGESTION, sha, "bench", moment, detail={"n": i})
            entry = encode_entry(event)
            leaf = leaf_hash(entry)
            frontier.append(leaf)
            rows.append(
                {
                    "position": i,
                    "entry": entry,
                    "leaf_hash": leaf,
                    "object_sha256": sha,
                    "event_type": "ingestion",
                }
            )
            if frontier.size % HEAD_EVERY == 0 or frontier.size == entries:
                connection.execute(insert(LedgerEntryRow), rows)
                rows = []
                root_hash = frontier.root()
                note = sign_checkpoint(Checkpoint(ORIGIN, frontier.size, root_hash), key)
                connection.execute(
                    insert(LedgerHeadRow),
                    [
                        {
                            "tree_size": frontier.size,
                            "root_hash": root_hash,
                            "checkpoint": note,
                            "signed_at": moment,
                        }
                    ],
                )
        connection.execute(
            insert(LedgerStateRow),
            [{"name": "main", "size": frontier.size, "frontier": b"".join(frontier.hashes)}],
        )
    print(f"ledger: wrote {entries} entries in {time.perf_counter() - start:.1f} s")
    verifier = NoteVerifier.from_public_key(ORIGIN, key.public_key())
    start = time.perf_counter()
    report = audit_workspace(store, BlobStore(root / "none"), [], verifier)
    elapsed = time.perf_counter() - start
    status = "ok" if report.ok else f"FAILED {report.problems[:1]}"
    print(
        f"ledger verify: {entries} entries, {report.heads} heads in {elapsed:.1f} s ({status};"
        " goal < 60 s)"
    )


def main(argv: list[str]) -> None:
    """Run the three measurements."""
    parser = argparse.ArgumentParser(prog="bench_ingest")
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--file-mb", type=int, default=10)
    parser.add_argument("--big-mb", type=int, default=1024)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        big_file_child(*args.child)
        return
    root = Path(tempfile.mkdtemp(prefix="gavah-bench-ingest-", dir=os.environ.get("TMPDIR")))
    try:
        (root / "t").mkdir()
        throughput(root / "t", args.files, args.file_mb)
        (root / "m").mkdir()
        memory(root / "m", args.big_mb)
        (root / "l").mkdir()
        ledger_verify(root / "l", args.entries)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
