"""gavah.vault: the evidence vault (encrypted blobs), intake, custody log and whole-vault checks.

Owns content-addressed age-encrypted blobs (``blobs``), streaming digests (``digest``), media
type and metadata (``media``), the custody log of the workspace (``log``), the ingest pipeline
(``ingest``), the audit behind ``gavah ledger verify`` (``audit``), BagIt export (``bag``),
re-wrapping to new recipients (``rewrap``) and RFC 3161 timestamps of signed heads (the client in
``timestamp``; queueing, sending, storing and logging tokens in ``stamping``).
It sits at the edge between the command line and the store: it reads and writes files and the
database, but never prompts, prints, or reads the environment or ``gavah.toml`` itself.

The ingest and media names load on first use (PEP 562): ``media`` pulls in Pillow, NumPy and
imagehash, which commands that never examine a file (and ``gavah --help``) should not pay for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gavah.vault.audit import AuditReport, Problem, audit_workspace
from gavah.vault.blobs import BlobError, BlobStore, StagedBlob
from gavah.vault.digest import Digests, HashingReader, HashingWriter
from gavah.vault.log import append_event, log_origin, log_verifier, seal_log

if TYPE_CHECKING:
    from gavah.vault.ingest import (
        Ingestor,
        IngestOutcome,
        IngestRequest,
        IngestResult,
        walk_files,
    )
    from gavah.vault.media import MediaFacts, detect_media_type, examine

__all__ = [
    "AuditReport",
    "BlobError",
    "BlobStore",
    "Digests",
    "HashingReader",
    "HashingWriter",
    "IngestOutcome",
    "IngestRequest",
    "IngestResult",
    "Ingestor",
    "MediaFacts",
    "Problem",
    "StagedBlob",
    "append_event",
    "audit_workspace",
    "detect_media_type",
    "examine",
    "log_origin",
    "log_verifier",
    "seal_log",
    "walk_files",
]

#: The re-exported names that load lazily, and the submodule each comes from.
_LAZY = {
    "IngestOutcome": "gavah.vault.ingest",
    "IngestRequest": "gavah.vault.ingest",
    "IngestResult": "gavah.vault.ingest",
    "Ingestor": "gavah.vault.ingest",
    "walk_files": "gavah.vault.ingest",
    "MediaFacts": "gavah.vault.media",
    "detect_media_type": "gavah.vault.media",
    "examine": "gavah.vault.media",
}


def __getattr__(name: str) -> Any:
    """Import the ingest and media names (Pillow, NumPy) only when they are first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value
