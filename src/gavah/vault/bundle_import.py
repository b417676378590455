"""Importing bundles: the receiver's side of store-and-forward sync (docs/bundles.md).

Owns importing in three phases so that a bad bundle changes nothing: (1) reassemble chunks and
open every envelope (a known sender's signature, meant for this workspace, the payload's size
and SHA-256 as signed); (2) for each bundle in log order, decrypt the payload, check the
manifest, the sender's log (consistency, forks, root) and every blob (ciphertext hash, then the
decrypted plaintext's digests), staging blobs in ``vault/tmp``; (3) only when every bundle
passed, one transaction stores the peer's entries and checkpoint and the new evidence items with
their custody events, and the blobs are published. Must not print or prompt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from gavah import __version__
from gavah.bundle import (
    CHUNK_MAGIC,
    MAGIC,
    MAX_NOTE_SIZE,
    BundleError,
    BundleItem,
    Chunk,
    CorruptBundleError,
    Envelope,
    LogExtension,
    Manifest,
    SeenCheckpoint,
    check_extension,
    open_envelope,
    parse_chunk_header,
    read_header,
    reassembly_order,
)
from gavah.errors import GavahError
from gavah.ledger import (
    CustodyEvent,
    EventType,
    NoteVerifier,
)
from gavah.model import EvidenceItem, Source
from gavah.model.ids import IdFactory
from gavah.store import EvidenceRepository, SourceRepository, Store
from gavah.store.bundles import BundleRepository, PeerCheckpoint
from gavah.store.vault import VaultRepository
from gavah.vault.blobs import BlobStore
from gavah.vault.bundle_export import file_sha256
from gavah.vault.bundle_payload import FileSlice, PayloadSink
from gavah.vault.digest import HashingWriter
from gavah.vault.log import append_event, seal_log

__all__ = ["IMPORT_AGENT", "BundleImport", "import_bundles"]

IMPORT_AGENT = f"gavah/{__version__} bundle import"
_READ = 1 << 20
_PREFIX = MAX_NOTE_SIZE + 256


@dataclass(slots=True)
class BundleImport:
    """What importing one bundle did (``already`` when it had been imported before)."""

    bundle_id: str
    sender: str
    since: int
    tree_size: int
    new_entries: int = 0
    new_items: int = 0
    received_again: int = 0
    already: bool = False
    items: list[str] = field(default_factory=list)  # evidence ids


# -- import, phase 1: files to whole bundles with opened envelopes ------------------------------


@dataclass(slots=True)
class _Candidate:
    bundle_id: str
    path: Path
    name: str
    temporary: bool
    envelope: Envelope | None = None
    payload_offset: int = 0


def _read_prefix(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(_PREFIX)
    except OSError as err:
        raise BundleError(f"cannot read {path}: {err.strerror}") from None


def _stream_digest(path: Path, start: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        fh.seek(start)
        while block := fh.read(_READ):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _reassemble(chunks: list[Chunk], where: dict[str, tuple[Path, int]], tmp: Path) -> _Candidate:
    ordered = reassembly_order(chunks)
    bundle_id = ordered[0].header.bundle
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / f"{secrets.token_hex(16)}.bundle"
    digest = hashlib.sha256()
    with path.open("xb") as out:
        for chunk in ordered:
            source, start = where[chunk.name]
            with source.open("rb") as fh:
                fh.seek(start)
                while block := fh.read(_READ):
                    out.write(block)
                    digest.update(block)
    if digest.hexdigest() != bundle_id:
        path.unlink(missing_ok=True)
        raise CorruptBundleError(
            f"bundle {bundle_id[:16]}…: the reassembled chunks do not hash to the bundle id"
        )
    return _Candidate(bundle_id, path, f"bundle {bundle_id[:16]}… ({len(ordered)} chunks)", True)


def _candidates(files: Sequence[Path], tmp_dir: Path) -> list[_Candidate]:
    wholes: dict[str, _Candidate] = {}
    groups: dict[str, list[Chunk]] = {}
    where: dict[str, tuple[Path, int]] = {}
    for path in files:
        prefix = _read_prefix(path)
        if prefix.startswith(CHUNK_MAGIC):
            header, start = parse_chunk_header(prefix, str(path))
            sha256, size = _stream_digest(path, start)
            groups.setdefault(header.bundle, []).append(Chunk(header, sha256, size, str(path)))
            where[str(path)] = (path, start)
        elif prefix.startswith(MAGIC):
            bundle_id = file_sha256(path)
            wholes.setdefault(bundle_id, _Candidate(bundle_id, path, str(path), False))
        else:
            raise CorruptBundleError(f"{path} is neither a Gavah bundle nor a bundle chunk")
    made: list[_Candidate] = []
    try:
        for bundle_id, chunks in groups.items():
            if bundle_id not in wholes:
                made.append(_reassemble(chunks, where, tmp_dir))
    except BaseException:
        for candidate in made:
            candidate.path.unlink(missing_ok=True)
        raise
    return [*wholes.values(), *made]


def _open(candidate: _Candidate, verifiers: Sequence[NoteVerifier], own: tuple[str, ...]) -> None:
    header = read_header(_read_prefix(candidate.path), candidate.name)
    envelope = open_envelope(header, verifiers, candidate.name)
    if envelope.recipient not in own:
        raise BundleError(
            f"{candidate.name} is for recipient {envelope.recipient}, not this workspace"
        )
    payload = candidate.path.stat().st_size - header.payload_offset
    if payload != envelope.payload_size:
        raise CorruptBundleError(
            f"{candidate.name} is truncated or padded: {payload} payload bytes, "
            f"{envelope.payload_size} signed"
        )
    digest = hashlib.sha256()
    with candidate.path.open("rb") as fh:
        fh.seek(header.payload_offset)
        while block := fh.read(_READ):
            digest.update(block)
    if digest.hexdigest() != envelope.payload_sha256:
        raise CorruptBundleError(
            f"{candidate.name} is corrupted: its payload's SHA-256 is not the one the sender signed"
        )
    candidate.envelope = envelope
    candidate.payload_offset = header.payload_offset


# -- import, phase 2: decrypt and verify everything, staging blobs ------------------------------


@dataclass(slots=True)
class _Verified:
    candidate: _Candidate
    manifest: Manifest
    extension: LogExtension
    staged: list[tuple[BundleItem, Path]]


@dataclass(slots=True)
class _PeerView:
    held: list[bytes]
    seen: list[SeenCheckpoint]


def _decrypt_payload(candidate: _Candidate, identities: list[Any], tmp_dir: Path) -> PayloadSink:
    sink = PayloadSink(tmp_dir)
    source = FileSlice(candidate.path, candidate.payload_offset)
    try:
        pyrage.decrypt_io(source, sink, identities)
    except pyrage.DecryptError as err:
        sink.close()
        _drop(sink.staged)
        if "No matching keys" in str(err):
            raise BundleError(
                f"{candidate.name} is not encrypted to this workspace's key"
            ) from None
        raise CorruptBundleError(f"{candidate.name}: the payload does not decrypt: {err}") from None
    except GavahError:
        sink.close()
        _drop(sink.staged)
        raise
    finally:
        source.close()
    sink.close()
    if not sink.complete() or sink.extra:
        _drop(sink.staged)
        raise CorruptBundleError(f"{candidate.name}: the payload does not match its manifest")
    return sink


def _drop(staged: Sequence[tuple[Any, ...]]) -> None:
    for entry in staged:
        Path(entry[1]).unlink(missing_ok=True)


def _verify(
    candidate: _Candidate,
    verifier: NoteVerifier,
    view: _PeerView,
    identities: list[Any],
    blobs: BlobStore,
) -> _Verified:
    envelope = _envelope_of(candidate)
    sink = _decrypt_payload(candidate, identities, blobs.tmp_dir)
    staged = [(item, path) for item, path, _ in sink.staged]
    try:
        manifest = sink.manifest
        if manifest is None:  # pragma: no cover - complete() guarantees it
            raise CorruptBundleError(f"{candidate.name}: no manifest")
        if (manifest.sender, manifest.recipient, manifest.since, manifest.tree_size) != (
            envelope.sender,
            envelope.recipient,
            envelope.since,
            envelope.tree_size,
        ):
            raise CorruptBundleError(f"{candidate.name}: the manifest contradicts the envelope")
        extension = check_extension(manifest, verifier, view.held, view.seen)
        for item, path, blob_sha256 in sink.staged:
            if blob_sha256 != item.blob_sha256:
                raise CorruptBundleError(
                    f"{candidate.name}: the blob of {item.sha256[:16]}… does not match its hash"
                )
            _check_plaintext(item, path, identities, candidate.name)
    except BaseException:
        _drop(staged)
        raise
    return _Verified(candidate, manifest, extension, staged)


def _check_plaintext(item: BundleItem, path: Path, identities: list[Any], name: str) -> None:
    sink = HashingWriter()
    try:
        with path.open("rb") as blob:
            pyrage.decrypt_io(blob, sink, identities)
    except pyrage.DecryptError as err:
        raise CorruptBundleError(
            f"{name}: the file {item.sha256[:16]}… cannot be decrypted here ({err}); "
            "was it encrypted to the organisation?"
        ) from None
    digests = sink.digests
    if (digests.sha256, digests.sha512, digests.size) != (item.sha256, item.sha512, item.size):
        raise CorruptBundleError(
            f"{name}: the file {item.sha256[:16]}… does not decrypt to its logged digests"
        )


# -- import, phase 3: commit --------------------------------------------------------------------


def import_bundles(
    *,
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    own_recipients: tuple[str, ...],
    files: Sequence[Path],
    signing_key: Ed25519PrivateKey,
    origin: str,
    now: Callable[[], dt.datetime],
    ids: IdFactory,
) -> list[BundleImport]:
    """Verify every given bundle and chunk, then import them all, or nothing.

    Raises:
        BundleError: any bundle is incomplete, damaged, tampered with, from an unknown key,
            not for this workspace, or a fork of a log seen before; nothing is imported then.
    """
    if not identities:
        raise BundleError(
            "a field workspace cannot import bundles: it holds no key to check the files with"
        )
    candidates = _candidates(files, blobs.tmp_dir)
    verified: list[_Verified] = []
    results: list[BundleImport] = []
    try:
        with store.reader() as session:
            repo = BundleRepository(session)
            peers = {p.origin: NoteVerifier.parse(p.vkey) for p in repo.peers()}
            fresh = []
            for candidate in candidates:
                if repo.is_imported(candidate.bundle_id):
                    results.append(BundleImport(candidate.bundle_id, "", 0, 0, already=True))
                    continue
                _open(candidate, list(peers.values()), own_recipients)
                fresh.append(candidate)
            views: dict[str, _PeerView] = {}
            for candidate in sorted(fresh, key=_log_order):
                envelope = _envelope_of(candidate)
                view = views.get(envelope.sender)
                if view is None:
                    view = _PeerView(
                        repo.leaf_hashes(envelope.sender),
                        [
                            SeenCheckpoint(c.tree_size, c.root_hash, c.received_at)
                            for c in repo.checkpoints(envelope.sender)
                        ],
                    )
                    views[envelope.sender] = view
                checked = _verify(candidate, peers[envelope.sender], view, identities, blobs)
                verified.append(checked)
                _advance(view, checked, now())
        results.extend(
            _commit(
                store=store,
                blobs=blobs,
                verified=verified,
                now=now,
                ids=ids,
                signing_key=signing_key,
                origin=origin,
            )
        )
    finally:
        for checked in verified:
            _drop(checked.staged)
        for candidate in candidates:
            if candidate.temporary:
                candidate.path.unlink(missing_ok=True)
    return results


def _envelope_of(candidate: _Candidate) -> Envelope:
    if candidate.envelope is None:  # pragma: no cover - phase 1 opens every candidate
        raise BundleError(f"{candidate.name}: envelope not opened")
    return candidate.envelope


def _log_order(candidate: _Candidate) -> tuple[str, int, int]:
    envelope = _envelope_of(candidate)
    return envelope.sender, envelope.since, envelope.tree_size


def _advance(view: _PeerView, checked: _Verified, at: dt.datetime) -> None:
    for position, _entry, leaf, _event in checked.extension.new_entries:
        if position == len(view.held):
            view.held.append(leaf)
    cp = checked.extension.checkpoint
    view.seen.append(SeenCheckpoint(cp.tree_size, cp.root_hash, at))


def _commit(
    *,
    store: Store,
    blobs: BlobStore,
    verified: Sequence[_Verified],
    now: Callable[[], dt.datetime],
    ids: IdFactory,
    signing_key: Ed25519PrivateKey,
    origin: str,
) -> Iterator[BundleImport]:
    if not verified:
        return iter(())
    results = []
    with store.session() as session:
        repo = BundleRepository(session)
        claimed: set[tuple[str, int]] = set()
        for checked in verified:
            manifest, extension = checked.manifest, checked.extension
            sender = manifest.sender
            result = BundleImport(
                checked.candidate.bundle_id, sender, manifest.since, manifest.tree_size
            )
            for position, entry, leaf, event in extension.new_entries:
                if repo.entry_at(sender, position) is None:
                    repo.add_entry(
                        sender,
                        position,
                        entry=entry,
                        leaf_hash=leaf,
                        object_sha256=event.object,
                        event_type=event.type.value,
                    )
                    result.new_entries += 1
            repo.add_checkpoint(
                PeerCheckpoint(
                    sender,
                    extension.checkpoint.tree_size,
                    extension.checkpoint.root_hash,
                    manifest.checkpoint,
                    now(),
                    checked.candidate.bundle_id,
                )
            )
            staged = {item.position: path for item, path in checked.staged}
            for item, _event in extension.items:
                key = (sender, item.position)
                if key in claimed or repo.item_at(sender, item.position) is not None:
                    continue
                claimed.add(key)
                evidence_id, existing = _receive(
                    session, item, staged[item.position], checked, blobs, now, ids
                )
                repo.add_item(sender, item.position, evidence_id, item.sha256)
                if existing:
                    result.received_again += 1
                else:
                    result.new_items += 1
                result.items.append(evidence_id)
            repo.add_import(
                checked.candidate.bundle_id,
                sender,
                since=manifest.since,
                tree_size=manifest.tree_size,
                items=result.new_items,
                at=now(),
            )
            repo.flush()
            results.append(result)
        seal_log(session, signing_key, origin, now())
    return iter(results)


def _receive(  # noqa: PLR0917 - one step of _commit, private
    session: Session,
    item: BundleItem,
    staged: Path,
    checked: _Verified,
    blobs: BlobStore,
    now: Callable[[], dt.datetime],
    ids: IdFactory,
) -> tuple[str, bool]:
    """Store one received file, or log it as received again; return its id and whether it was
    stored already."""
    evidence = EvidenceRepository(session)
    sources = SourceRepository(session)
    sender = checked.manifest.sender
    via = {
        "bundle": checked.candidate.bundle_id,
        "sender_log": sender,
        "sender_position": item.position,
        "sender_received_at": item.received_at,
    }
    base: dict[str, Any] = {"source": item.source, "filename": item.filename, "via": via}
    existing = evidence.get_by_sha256(item.sha256)
    if existing is not None:
        detail = {**base, "evidence_id": existing.id}
        event = CustodyEvent(
            EventType.RECEIVED_AGAIN, item.sha256, IMPORT_AGENT, now(), detail=detail
        )
        append_event(session, event)
        return existing.id, True
    source = sources.get_by_name(item.source)
    if source is None:
        source = Source(id=ids(), name=item.source)
        sources.add(source)
    received = EvidenceItem(
        id=ids(),
        sha256=item.sha256,
        sha512=item.sha512,
        size=item.size,
        media_type=item.media_type,
        original_filename=item.filename,
        received_at=now(),
        source_id=source.id,
        case=item.case,
        note=item.note,
        perceptual_hash=_perceptual(item),
    )
    target = blobs.path_for(item.sha256)
    target.parent.mkdir(exist_ok=True)
    os.replace(staged, target)
    evidence.add(received)
    VaultRepository(session).set_metadata(received.id, dict(item.metadata))
    detail = {
        **base,
        "evidence_id": received.id,
        "bytes": item.size,
        "media_type": item.media_type,
    }
    if item.case is not None:
        detail["case"] = item.case
    append_event(
        session, CustodyEvent(EventType.INGESTION, item.sha256, IMPORT_AGENT, now(), detail=detail)
    )
    digests = {"sha256": item.sha256, "sha512": item.sha512}
    append_event(
        session,
        CustodyEvent(
            EventType.MESSAGE_DIGEST_CALCULATION, item.sha256, IMPORT_AGENT, now(), detail=digests
        ),
    )
    return received.id, False


def _perceptual(item: BundleItem) -> str | None:
    value = item.metadata.get("perceptual_hash")
    return value if isinstance(value, str) else None
