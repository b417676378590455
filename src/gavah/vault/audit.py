"""Checking a whole workspace: every ledger entry, every signed head, every blob.

Owns ``gavah ledger verify``'s checks, in order: (1) the log's rows are dense from position 0 and
each stored leaf hash is the hash of its entry; (2) each entry names the object it is indexed
under (a byte search: strict decoding costs ~0.25 ms an entry, too slow for a million);
(3) the whole log recomputes to every signed head, each opened with the public key of
``gavah.toml`` (never a key from the database), with the largest head covering every entry
(the standalone :func:`gavah.ledger.verify_ledger` does this step, so Gavah's own verdict is the
one an outsider gets); (4) every evidence item has its ingestion logged, and its blob decrypts
(streaming, nothing written) to the recorded size, SHA-256 and SHA-512. Every failure names the
evidence item and what is wrong; checking goes on past a failure so one run lists them all.
Must not modify anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gavah.ledger import (
    EventType,
    NoteVerifier,
    VerificationError,
    leaf_hash,
    verify_ledger,
)
from gavah.store import EvidenceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.store.vault import VaultRepository
from gavah.vault.blobs import BlobError, BlobStore

__all__ = ["AuditReport", "Problem", "audit_workspace"]

_NAMED_ITEMS = 5
_LOOKUP = 10_000  # entries of a failing batch looked at to name its items


@dataclass(frozen=True, slots=True)
class Problem:
    """One failed check: what is wrong, and the item and log position it concerns."""

    what: str
    item: str | None = None
    position: int | None = None

    def line(self) -> str:
        """One line for the terminal."""
        where = f"item {self.item}: " if self.item else ""
        return f"{where}{self.what}"


@dataclass(slots=True)
class AuditReport:
    """What was checked and what failed (empty ``problems`` means everything verified)."""

    entries: int = 0
    heads: int = 0
    items: int = 0
    tree_size: int = 0
    root_hash: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return not self.problems

    def document(self) -> dict[str, Any]:
        """The report as JSON-ready data (``gavah ledger verify --json``)."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "heads": self.heads,
            "items": self.items,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "problems": [
                {"what": p.what, "item": p.item, "position": p.position} for p in self.problems
            ],
        }


def audit_workspace(
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    verifier: NoteVerifier,
    progress: Callable[[int], None] | None = None,
) -> AuditReport:
    """Run every check on the workspace behind ``store`` and ``blobs``; never raises on damage.

    Raises:
        StorageError: the database cannot be read at all.
    """
    report = AuditReport()
    with store.reader() as session:
        ledger = LedgerRepository(session)
        evidence = EvidenceRepository(session)

        def item_of(sha256: str) -> str | None:
            found = evidence.get_by_sha256(sha256)
            return None if found is None else found.id

        _check_rows(ledger, report, item_of)
        heads = ledger.heads()
        report.heads = len(heads)
        _check_heads(
            ledger,
            checkpoints=[h.checkpoint for h in heads],
            verifier=verifier,
            report=report,
            item_of=item_of,
        )
        digests = list(VaultRepository(session).all_digests())
        report.items = len(digests)
        for evidence_id, sha256, sha512, size in digests:
            if not any(e.event_type == EventType.INGESTION for e in ledger.positions_of(sha256)):
                report.problems.append(Problem("its ingestion is not in the ledger", evidence_id))
            try:
                found = blobs.digests_of(sha256, identities)
            except BlobError as err:
                report.problems.append(Problem(str(err), evidence_id))
                continue
            finally:
                if progress is not None:
                    progress(size)
            if (found.sha256, found.sha512, found.size) != (sha256, sha512, size):
                report.problems.append(
                    Problem(
                        f"blob {sha256[:16]}… decrypts to content with SHA-256 {found.sha256}"
                        f" and {found.size} bytes, not the recorded {size} bytes",
                        evidence_id,
                    )
                )
    return report


def _check_rows(
    ledger: LedgerRepository,
    report: AuditReport,
    item_of: Callable[[str], str | None],
) -> None:
    expected = 0
    for row in ledger.entries():
        if row.position != expected:
            report.problems.append(
                Problem(
                    f"ledger entries {expected} to {row.position - 1} are missing (deleted)",
                    item_of(row.object_sha256),
                    expected,
                )
            )
        expected = row.position + 1
        if leaf_hash(row.entry) != row.leaf_hash:
            report.problems.append(
                Problem(
                    f"ledger entry {row.position} was altered: it no longer hashes to its leaf",
                    item_of(row.object_sha256),
                    row.position,
                )
            )
        # The tree binds the bytes; this cheap check binds the index used to name items to them.
        if b'"object":"' + row.object_sha256.encode("ascii") + b'"' not in row.entry:
            report.problems.append(
                Problem(
                    f"ledger entry {row.position} does not concern the object it is indexed under",
                    item_of(row.object_sha256),
                    row.position,
                )
            )
    report.entries = expected
    if ledger.size() != expected:
        report.problems.append(
            Problem(f"the ledger state says {ledger.size()} entries; the log ends at {expected}")
        )


def _check_heads(
    ledger: LedgerRepository,
    *,
    checkpoints: list[str],
    verifier: NoteVerifier,
    report: AuditReport,
    item_of: Callable[[str], str | None],
) -> None:
    try:
        head = verify_ledger(ledger.entry_bytes(), checkpoints, verifier.vkey)
    except VerificationError as err:
        start = err.index or 0
        end = report.entries
        if err.checkpoint is not None:
            end = min(end, _size_of(checkpoints[err.checkpoint], end))
        # Name the items of the failing batch (a bounded look-up: batches can be large).
        objects = {row.object_sha256 for row in ledger.entries(start, min(end, start + _LOOKUP))}
        concerned = sorted({item for sha in objects if (item := item_of(sha)) is not None})
        named = ", ".join(concerned[:_NAMED_ITEMS]) + (
            " …" if len(concerned) > _NAMED_ITEMS else ""
        )
        report.problems.append(
            Problem(
                f"{err} (items concerned: {named or 'none'})",
                concerned[0] if concerned else None,
                start,
            )
        )
        return
    report.tree_size = head.tree_size
    report.root_hash = head.root_hash.hex()


def _size_of(checkpoint: str, default: int) -> int:
    lines = checkpoint.split("\n")
    return int(lines[1]) if len(lines) > 1 and lines[1].isdigit() else default
