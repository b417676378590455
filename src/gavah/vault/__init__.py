"""gavah.vault: the evidence vault (encrypted blobs), intake, custody log and whole-vault checks.

Owns content-addressed age-encrypted blobs (``blobs``), streaming digests (``digest``), media
type and metadata (``media``), the custody log of the workspace (``log``), the ingest pipeline
(``ingest``), the audit behind ``gavah ledger verify`` (``audit``), BagIt export (``bag``),
re-wrapping to new recipients (``rewrap``) and RFC 3161 timestamps (``timestamp``, not yet
wired into ingest).
It sits at the edge between the command line and the store: it reads and writes files and the
database, but never prompts, prints, or reads the environment or ``gavah.toml`` itself.
"""

from __future__ import annotations

from gavah.vault.audit import AuditReport, Problem, audit_workspace
from gavah.vault.blobs import BlobError, BlobStore, StagedBlob
from gavah.vault.digest import Digests, HashingReader, HashingWriter
from gavah.vault.ingest import Ingestor, IngestOutcome, IngestRequest, IngestResult, walk_files
from gavah.vault.log import append_event, log_origin, log_verifier, seal_log
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
