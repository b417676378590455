"""Exporting a bundle: the sender's side of store-and-forward sync (docs/bundles.md).

Owns writing a bundle: sign a head over the whole log, take the entries from ``since`` to it,
the RFC 9162 consistency proof from ``since``, and the stored age blob of every file ingested in
that range; frame them into a payload; encrypt the payload to the receiver (age, streaming: the
plaintext exists only in memory on its way to the encryptor); write the signed envelope in front
and, when asked, cut the result into chunks. A failed export leaves no file behind. Must not
print or prompt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.bundle import (
    BundleError,
    BundleItem,
    Envelope,
    Manifest,
    chunk_header,
    payload_prefix,
    plan_chunks,
    seal_envelope,
)
from gavah.ledger import (
    EventType,
    MemoryTree,
    consistency_proof,
)
from gavah.ledger.entry import format_time
from gavah.store import EvidenceRepository, SourceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.store.vault import VaultRepository
from gavah.vault.blobs import BlobStore
from gavah.vault.log import seal_log

__all__ = ["BundleExport", "export_bundle", "file_sha256"]

_READ = 1 << 20


@dataclass(frozen=True, slots=True)
class BundleExport:
    """What an export wrote."""

    bundle_id: str
    files: tuple[Path, ...]
    since: int
    tree_size: int
    entries: int
    items: int
    bytes: int


# -- export ------------------------------------------------------------------------------------


class _Chain:
    """A read-only stream over bytes and then files, in order (the payload's plaintext)."""

    def __init__(self, prefix: bytes, paths: Sequence[Path]) -> None:
        self._prefix = prefix
        self._paths = list(paths)
        self._current: BinaryIO | None = None

    def read(self, size: int = -1, /) -> bytes:
        size = _READ if size is None or size < 0 else size
        while True:
            if self._prefix:
                data, self._prefix = self._prefix[:size], self._prefix[size:]
                return data
            if self._current is None:
                if not self._paths:
                    return b""
                self._current = self._paths.pop(0).open("rb")
            data = self._current.read(size)
            if data:
                return data
            self._current.close()
            self._current = None

    def readinto(self, buffer: memoryview, /) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._current is not None:
            self._current.close()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_READ):
            digest.update(chunk)
    return digest.hexdigest()


def _gather(
    store: Store, blobs: BlobStore, since: int, signed_size: int
) -> tuple[list[bytes], list[BundleItem], list[Path], list[bytes]]:
    with store.reader() as session:
        ledger = LedgerRepository(session)
        evidence = EvidenceRepository(session)
        vault = VaultRepository(session)
        entries, items, paths = [], [], []
        for entry in ledger.entries(since, signed_size):
            entries.append(entry.entry)
            if entry.event_type != EventType.INGESTION.value:
                continue
            item = evidence.get_by_sha256(entry.object_sha256)
            if item is None:
                raise BundleError(f"entry {entry.position} names an item that is not stored")
            source = SourceRepository(session).get(item.source_id)
            path = blobs.path_for(item.sha256)
            if not path.is_file():
                raise BundleError(f"the blob of item {item.id} is missing from the vault")
            items.append(
                BundleItem(
                    position=entry.position,
                    sha256=item.sha256,
                    sha512=item.sha512,
                    size=item.size,
                    media_type=item.media_type,
                    filename=item.original_filename,
                    source=source.name if source is not None else "unknown",
                    received_at=format_time(item.received_at),
                    blob_size=path.stat().st_size,
                    blob_sha256=file_sha256(path),
                    case=item.case,
                    note=item.note,
                    metadata=vault.metadata(item.id),
                )
            )
            paths.append(path)
        leaves = ledger.leaf_hashes(signed_size)
    return entries, items, paths, leaves


def export_bundle(
    *,
    store: Store,
    blobs: BlobStore,
    signing_key: Ed25519PrivateKey,
    origin: str,
    vkey: str,
    recipient: str,
    since: int,
    out: Path,
    chunk_size: int | None,
    now: dt.datetime,
) -> BundleExport:
    """Write the bundle of the log from ``since`` to a freshly signed head, for ``recipient``.

    Raises:
        BundleError: ``since`` is beyond the log, the recipient is not an age recipient, or
            the output cannot be written (nothing is left behind then).
    """
    try:
        age_recipient = pyrage.x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError:
        raise BundleError(f"{recipient!r} is not an age recipient (age1…)") from None
    with store.session() as session:
        seal_log(session, signing_key, origin, now)
        head = LedgerRepository(session).latest_head()
    if head is None:
        raise BundleError("the ledger is empty: ingest something before exporting a bundle")
    size = head.tree_size
    if not 0 <= since <= size:
        raise BundleError(f"--since {since} is beyond this log's signed size {size}")
    entries, items, paths, leaves = _gather(store, blobs, since, size)
    proof = consistency_proof(since, size, MemoryTree(leaves)) if since > 0 else ()
    manifest = Manifest(
        sender=origin,
        vkey=vkey,
        recipient=recipient,
        created=format_time(now),
        since=since,
        tree_size=size,
        checkpoint=head.checkpoint,
        consistency=tuple(proof),
        entries=tuple(entries),
        items=tuple(items),
    ).encode()
    envelope = Envelope(
        sender=origin,
        recipient=recipient,
        since=since,
        tree_size=size,
        payload_size=0,  # filled in once the payload is encrypted
        payload_sha256="0" * 64,
        created=now,
    )
    bundle_id, written, total = _write_bundle(
        payload_prefix(manifest), paths, age_recipient, envelope, signing_key, out, chunk_size
    )
    return BundleExport(bundle_id, tuple(written), since, size, len(entries), len(items), total)


def _write_bundle(  # noqa: PLR0917 - one step of export_bundle, private
    prefix: bytes,
    paths: Sequence[Path],
    age_recipient: Any,
    draft: Envelope,
    signing_key: Ed25519PrivateKey,
    out: Path,
    chunk_size: int | None,
) -> tuple[str, list[Path], int]:
    """Encrypt the payload, put the signed envelope in front, write the file or its chunks."""
    out.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(8)
    payload_path = out.parent / f".{out.name}.{token}.payload"
    whole_path = out.parent / f".{out.name}.{token}.partial"
    written: list[Path] = []
    try:
        source = _Chain(prefix, paths)
        try:
            with payload_path.open("xb") as sink:
                pyrage.encrypt_io(source, sink, [age_recipient])
        finally:
            source.close()
        envelope = dataclasses.replace(
            draft,
            payload_size=payload_path.stat().st_size,
            payload_sha256=file_sha256(payload_path),
        )
        header = seal_envelope(envelope, signing_key)
        digest = hashlib.sha256(header)
        with whole_path.open("xb") as whole, payload_path.open("rb") as payload:
            whole.write(header)
            while block := payload.read(_READ):
                whole.write(block)
                digest.update(block)
            whole.flush()
            os.fsync(whole.fileno())
        bundle_id = digest.hexdigest()
        total = whole_path.stat().st_size
        if chunk_size is None:
            os.replace(whole_path, out)
            written = [out]
        else:
            written = _write_chunks(whole_path, out, bundle_id, total, chunk_size)
    except (OSError, pyrage.EncryptError) as err:
        for path in written:
            path.unlink(missing_ok=True)
        raise BundleError(f"cannot write the bundle {out}: {err}") from None
    finally:
        payload_path.unlink(missing_ok=True)
        whole_path.unlink(missing_ok=True)
    return bundle_id, written, total


def _write_chunks(whole: Path, out: Path, bundle_id: str, total: int, size: int) -> list[Path]:
    plan = plan_chunks(total, size)
    width = max(3, len(str(len(plan))))
    written: list[Path] = []
    try:
        with whole.open("rb") as source:
            for index, (offset, length) in enumerate(plan, start=1):
                data = source.read(length)
                path = out.with_name(f"{out.name}.{index:0{width}d}")
                header = chunk_header(
                    bundle_id, index, len(plan), offset=offset, data=data, total=total
                )
                with path.open("xb") as chunk:
                    chunk.write(header + data)
                written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
