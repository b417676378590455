"""The ingest pipeline: files in, encrypted blobs, evidence rows and logged custody events out.

Owns the order of the steps for one file, chosen so that a process killed at any instant leaves
the workspace consistent (docs/vault.md, "Crash safety"):

1. stream the original once through SHA-256/SHA-512 into an age-encrypted file in ``vault/tmp``
   (fsynced); the original is only ever opened read-only;
2. if that content is stored already, drop the staged file and log "received again" (one
   transaction);
3. otherwise sniff the media type, read the metadata, rename the staged blob to its content
   address (atomic, directory fsynced), then in ONE transaction insert the evidence row, its
   metadata and its three custody events (ingestion, message digest calculation, metadata
   extraction). A crash before the commit leaves at most a blob with no row, which the re-run
   overwrites with the same content; a crash after it leaves the file fully ingested;
4. after the batch (and first thing in the next run, for a batch that was cut short) sign a
   checkpoint over the whole log.

Must not print or prompt: the command line reports progress through the ``progress`` callback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah import __version__
from gavah.errors import GavahError
from gavah.ledger import CustodyEvent, EntryError, EventType, Outcome
from gavah.model import EvidenceItem, Source
from gavah.model.ids import IdFactory
from gavah.store import EvidenceRepository, SourceRepository, Store
from gavah.store.ledger import SignedHead
from gavah.store.vault import VaultRepository
from gavah.vault.blobs import BlobStore, StagedBlob
from gavah.vault.log import append_event, seal_log
from gavah.vault.media import MediaFacts, detect_media_type, examine

__all__ = ["AGENT", "IngestOutcome", "IngestRequest", "IngestResult", "Ingestor", "walk_files"]

#: The agent named in the custody events this pipeline logs.
AGENT = f"gavah/{__version__} ingest"


class IngestResult(StrEnum):
    """What happened to one file."""

    INGESTED = "ingested"
    RECEIVED_AGAIN = "received again"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """The result of ingesting one file."""

    path: Path
    result: IngestResult
    evidence_id: str
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True, slots=True)
class IngestRequest:
    """Who the files come from, the case they belong to, and a note for the record.

    ``device`` is what a field device knew at intake (its own clock, and a location only when
    the user chose to record one); it is logged, signed, under ``"device"`` in the detail.
    """

    source: str
    case: str | None = None
    note: str | None = None
    device: Mapping[str, Any] | None = None


def walk_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every regular file under ``paths`` (folders recursively, sorted; symlinks not followed).

    Raises:
        GavahError: a path does not exist or is neither a file nor a folder.
    """
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.is_symlink():
                    yield child
        else:
            raise GavahError(f"{path}: no such file or folder")


class Ingestor:
    """Ingests files into one workspace's vault, store and log."""

    def __init__(
        self,
        *,
        store: Store,
        blobs: BlobStore,
        recipients: tuple[str, ...],
        signing_key: Ed25519PrivateKey,
        origin: str,
        clock: Callable[[], dt.datetime],
        ids: IdFactory,
        agent: str = AGENT,
    ) -> None:
        """``agent`` is who the custody events name (the web names the uploading account)."""
        self._agent = agent
        self._store = store
        self._blobs = blobs
        self._recipients = recipients
        self._signing_key = signing_key
        self._origin = origin
        self._clock = clock
        self._ids = ids
        self._sources: dict[str, str] = {}

    def recover(self) -> SignedHead | None:
        """Clear staging and sign entries left unsigned by an interrupted run.

        Raises:
            StorageError: the database failed.
        """
        self._blobs.clear_staging()
        return self.seal()

    def seal(self) -> SignedHead | None:
        """Sign a checkpoint over the whole log if it grew since the last one.

        Raises:
            StorageError: the database failed.
        """
        with self._store.session() as session:
            return seal_log(session, self._signing_key, self._origin, self._clock())

    def _source_id(self, name: str) -> str:
        if name in self._sources:
            return self._sources[name]
        self._sources[name] = self._find_or_add_source(name)
        return self._sources[name]

    def _find_or_add_source(self, name: str) -> str:
        with self._store.session() as session:
            sources = SourceRepository(session)
            found = sources.get_by_name(name)
            if found is not None:
                return found.id
            source = Source(id=self._ids(), name=name)
            sources.add(source)
            return source.id

    def ingest(
        self, path: Path, request: IngestRequest, progress: Callable[[int], None] | None = None
    ) -> IngestOutcome:
        """Ingest one file (see the module docstring for the steps).

        Raises:
            GavahError: the file cannot be read, or the vault or database failed; nothing of
                this file is recorded then.
        """
        source_id = self._source_id(request.source)
        try:
            with path.open("rb") as original:
                staged = self._blobs.stage(_Counting(original, progress), self._recipients)
        except OSError as err:
            raise GavahError(f"cannot read {path}: {err.strerror}") from None
        try:
            return self._record(path, staged, source_id, request)
        finally:
            self._blobs.discard(staged)

    def _record(
        self, path: Path, staged: StagedBlob, source_id: str, request: IngestRequest
    ) -> IngestOutcome:
        digests = staged.digests
        base: dict[str, Any] = {"source": request.source, "filename": path.name}
        if request.case is not None:
            base["case"] = request.case
        if request.note is not None:
            base["note"] = request.note
        if request.device is not None:
            base["device"] = dict(request.device)
        with self._store.session() as session:
            existing = EvidenceRepository(session).get_by_sha256(digests.sha256)
            if existing is not None:
                event = self._event(
                    EventType.RECEIVED_AGAIN, digests.sha256, {**base, "evidence_id": existing.id}
                )
                append_event(session, event)
                return IngestOutcome(
                    path,
                    IngestResult.RECEIVED_AGAIN,
                    existing.id,
                    existing.sha256,
                    existing.size,
                    existing.media_type,
                )
        media_type = detect_media_type(staged.head)
        facts = examine(path, media_type)
        item = EvidenceItem(
            id=self._ids(),
            sha256=digests.sha256,
            sha512=digests.sha512,
            size=digests.size,
            media_type=media_type,
            original_filename=path.name,
            received_at=self._clock(),
            source_id=source_id,
            case=request.case,
            perceptual_hash=facts.perceptual_hash,
            note=request.note,
        )
        self._blobs.publish(staged)
        with self._store.session() as session:
            EvidenceRepository(session).add(item)
            VaultRepository(session).set_metadata(item.id, _facts_document(facts))
            detail: dict[str, Any] = {
                **base,
                "evidence_id": item.id,
                "bytes": digests.size,
                "media_type": media_type,
            }
            append_event(session, self._event(EventType.INGESTION, item.sha256, detail))
            digest_detail = {"sha256": digests.sha256, "sha512": digests.sha512}
            append_event(
                session,
                self._event(EventType.MESSAGE_DIGEST_CALCULATION, item.sha256, digest_detail),
            )
            append_event(session, self._metadata_event(item.sha256, facts))
        return IngestOutcome(
            path, IngestResult.INGESTED, item.id, item.sha256, item.size, item.media_type
        )

    def _event(
        self,
        kind: EventType,
        sha256: str,
        detail: dict[str, Any],
        outcome: Outcome = Outcome.SUCCESS,
    ) -> CustodyEvent:
        return CustodyEvent(kind, sha256, self._agent, self._clock(), outcome, detail)

    def _metadata_event(self, sha256: str, facts: MediaFacts) -> CustodyEvent:
        outcome = Outcome.WARNING if facts.warnings else Outcome.SUCCESS
        try:
            return self._event(
                EventType.METADATA_EXTRACTION, sha256, _facts_document(facts), outcome
            )
        except EntryError as err:
            # Metadata that cannot be logged is itself a fact to log, never a silent gap.
            detail = {"warnings": [f"metadata not loggable: {err}"]}
            return self._event(EventType.METADATA_EXTRACTION, sha256, detail, Outcome.FAILURE)


def _facts_document(facts: MediaFacts) -> dict[str, Any]:
    document: dict[str, Any] = dict(facts.metadata)
    if facts.perceptual_hash is not None:
        document["perceptual_hash"] = facts.perceptual_hash
    if facts.warnings:
        document["warnings"] = list(facts.warnings)
    return document


class _Counting:
    """A read-only file wrapper that reports how many bytes were read."""

    def __init__(self, inner: Any, progress: Callable[[int], None] | None) -> None:
        self._inner = inner
        self._progress = progress

    def readinto(self, buffer: memoryview, /) -> int:
        count = int(self._inner.readinto(buffer) or 0)
        if self._progress is not None and count:
            self._progress(count)
        return count

    def read(self, size: int = -1, /) -> bytes:
        data: bytes = self._inner.read(size)
        if self._progress is not None and data:
            self._progress(len(data))
        return data
