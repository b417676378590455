"""BagIt (RFC 8493) export of evidence items: decrypted originals with their chain of custody.

Owns the bag's layout (docs/vault.md): ``data/originals/<evidence id>/<file name>`` (each original
decrypted by streaming and re-hashed against its recorded digests before the bag is finished),
``data/evidence/<evidence id>.json`` (the item, its extracted metadata, every custody event about
it and their RFC 9162 inclusion proofs), ``data/ledger/head.json`` (the signed head those proofs
lead to, with its verifier key), SHA-256 and SHA-512 payload and tag manifests, ``bagit.txt`` and
``bag-info.txt``. The export is itself logged ("exporting", one event per item) before the proofs
are made, so the bag proves its own export. The bag is built in a staging folder beside the
target and renamed into place: a failed export leaves no bag. Must not prompt or print.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah import __version__
from gavah.errors import GavahError
from gavah.ledger import (
    CustodyEvent,
    EventType,
    MemoryTree,
    NoteVerifier,
    head_document,
    inclusion_document,
    inclusion_proof,
)
from gavah.model import EvidenceItem
from gavah.store import EvidenceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.store.vault import VaultRepository
from gavah.vault.blobs import BlobStore
from gavah.vault.digest import Digests, HashingWriter
from gavah.vault.log import append_event, seal_log

__all__ = [
    "AGENT",
    "BagSummary",
    "check_original",
    "decrypt_original",
    "export_bag",
    "hash_file",
    "log_export",
    "safe_name",
    "write_custody",
    "write_tag_files",
]

#: The agent named in the "exporting" custody events.
AGENT = f"gavah/{__version__} export bagit"
_ALGORITHMS = ("sha256", "sha512")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\%]")
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class BagSummary:
    """What was exported."""

    path: Path
    items: int
    bytes: int
    tree_size: int


def safe_name(name: str) -> str:
    """A file name safe to write in a bag (no separators, controls or leading dots)."""
    cleaned = _UNSAFE.sub("_", name).strip().lstrip(".")
    return cleaned[:200] or "original"


def check_original(item: EvidenceItem, found: Digests) -> None:
    """Refuse decrypted bytes that are not ``item``'s original (its recorded digests and size).

    Raises:
        GavahError: the blob does not decrypt to the recorded content.
    """
    if found != Digests(item.sha256, item.sha512, item.size):
        raise GavahError(f"item {item.id}: its blob does not decrypt to the recorded content")


def hash_file(path: Path) -> dict[str, str]:
    """The SHA-256 and SHA-512 of a file, streamed."""
    digests = {name: hashlib.new(name) for name in _ALGORITHMS}
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            for digest in digests.values():
                digest.update(chunk)
    return {name: digest.hexdigest() for name, digest in digests.items()}


def _write_json(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")


def _item_document(item: EvidenceItem, facts: dict[str, Any], original: str) -> dict[str, Any]:
    return {
        "id": item.id,
        "sha256": item.sha256,
        "sha512": item.sha512,
        "bytes": item.size,
        "media_type": item.media_type,
        "original_filename": item.original_filename,
        "received_at": item.received_at.isoformat(),
        "source_id": item.source_id,
        "case": item.case,
        "note": item.note,
        "perceptual_hash": item.perceptual_hash,
        "metadata": facts,
        "payload_path": original,
    }


def _select(session: Any, case: str | None, item_ids: list[str]) -> list[EvidenceItem]:
    evidence = EvidenceRepository(session)
    chosen = evidence.by_case(case) if case is not None else []
    for wanted in item_ids:
        found = evidence.get(wanted) or evidence.get_by_sha256(wanted.lower())
        if found is None:
            raise GavahError(f"no evidence item {wanted!r} (give an evidence id or a SHA-256)")
        if found not in chosen:
            chosen.append(found)
    if not chosen:
        raise GavahError("nothing to export: no evidence item matches")
    return chosen


def export_bag(
    *,
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    signing_key: Ed25519PrivateKey,
    verifier: NoteVerifier,
    out_dir: Path,
    clock: Callable[[], dt.datetime],
    case: str | None = None,
    item_ids: list[str] | None = None,
    recipient: str | None = None,
) -> BagSummary:
    """Write a BagIt bag of the chosen items (a case, and/or ids or SHA-256s) at ``out_dir``.

    Raises:
        GavahError: nothing matches, ``out_dir`` exists and is not empty, a blob does not
            decrypt to its recorded digests, or writing fails; no bag is left then.
    """
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise GavahError(f"{out_dir} exists and is not an empty folder")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.bag-", dir=out_dir.parent))
    try:
        summary = _build(
            store,
            blobs,
            identities,
            signing_key,
            verifier,
            staging,
            clock,
            case,
            item_ids or [],
            recipient,
        )
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(staging, out_dir)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise GavahError(f"cannot write the bag at {out_dir}: {err}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BagSummary(out_dir, summary[0], summary[1], summary[2])


def _build(  # noqa: PLR0917 - private step of export_bag, same arguments
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    signing_key: Ed25519PrivateKey,
    verifier: NoteVerifier,
    root: Path,
    clock: Callable[[], dt.datetime],
    case: str | None,
    item_ids: list[str],
    recipient: str | None,
) -> tuple[int, int, int]:
    with store.reader() as session:
        items = _select(session, case, item_ids)
    payload: dict[str, dict[str, str]] = {}
    total = 0
    # 1. Decrypt every original into the bag, checking it against its recorded digests.
    originals: dict[str, str] = {}
    for item in items:
        relative, found = decrypt_original(blobs, identities, item, root)
        payload[relative] = found
        originals[item.id] = relative
        total += item.size
    # 2. Log the export, then sign a head that covers it.
    detail: dict[str, Any] = {"format": "BagIt 1.0"}
    if recipient is not None:
        detail["recipient"] = recipient
    log_export(store, items, AGENT, detail, signing_key, verifier, clock)
    # 3. Proofs of every event about each item, against that head.
    tree_size = write_custody(store, items, originals, verifier, root / "data")
    for written in sorted((root / "data" / "evidence").iterdir()) + sorted(
        (root / "data" / "ledger").iterdir()
    ):
        payload[written.relative_to(root).as_posix()] = hash_file(written)
    write_tag_files(root, payload, clock())
    return len(items), total, tree_size


def decrypt_original(
    blobs: BlobStore,
    identities: list[Any],
    item: EvidenceItem,
    root: Path,
    *,
    also: tuple[str, ...] = (),
) -> tuple[str, dict[str, str]]:
    """Decrypt ``item`` to ``data/originals/<id>/<name>`` under ``root``; return path and digests.

    The digests are SHA-256 and SHA-512 (the bag's manifests), plus the hashlib algorithms
    named in ``also`` (e.g. ``("sha1",)``), all computed while the bytes stream past.

    Raises:
        GavahError: the blob does not decrypt to the item's recorded digests and size.
    """
    relative = f"data/originals/{item.id}/{safe_name(item.original_filename)}"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        sink = HashingWriter(out, also)
        blobs.decrypt_into(item.sha256, identities, sink)  # type: ignore[arg-type]
        out.flush()
        os.fsync(out.fileno())
    check_original(item, sink.digests)
    return relative, {"sha256": sink.digests.sha256, "sha512": sink.digests.sha512, **sink.extra}


def log_export(  # noqa: PLR0917 - the export's who, what and keys
    store: Store,
    items: list[EvidenceItem],
    agent: str,
    detail: dict[str, Any],
    signing_key: Ed25519PrivateKey,
    verifier: NoteVerifier,
    clock: Callable[[], dt.datetime],
) -> None:
    """Log an "exporting" custody event per item (``detail`` plus its id), then sign a head."""
    with store.session() as session:
        for item in items:
            event = CustodyEvent(
                EventType.EXPORTING,
                item.sha256,
                agent,
                clock(),
                detail={**detail, "evidence_id": item.id},
            )
            append_event(session, event)
        seal_log(session, signing_key, verifier.name, clock())


def write_custody(
    store: Store,
    items: list[EvidenceItem],
    payload_paths: dict[str, str],
    verifier: NoteVerifier,
    data: Path,
) -> int:
    """Write ``evidence/<id>.json`` (item, metadata, custody events with inclusion proofs) per
    item, ``ledger/head.json`` and ``ledger/vkey.txt`` under ``data``; return the head's size.

    Raises:
        GavahError: the ledger has no signed head.
    """
    with store.reader() as session:
        ledger = LedgerRepository(session)
        head = ledger.latest_head()
        if head is None:
            raise GavahError("the ledger has no signed head")
        tree = MemoryTree(ledger.leaf_hashes(head.tree_size))
        for item in items:
            events = []
            for entry in ledger.positions_of(item.sha256):
                path = inclusion_proof(entry.position, head.tree_size, tree)
                events.append(
                    inclusion_document(entry.entry, entry.position, path, head.checkpoint, verifier)
                )
            facts = VaultRepository(session).metadata(item.id)
            document = _item_document(item, facts, payload_paths[item.id])
            document["custody"] = events
            _write_json(data / "evidence" / f"{item.id}.json", document)
    _write_json(data / "ledger" / "head.json", head_document(head.checkpoint, verifier))
    (data / "ledger" / "vkey.txt").write_text(verifier.vkey + "\n", encoding="utf-8")
    return head.tree_size


def write_tag_files(
    root: Path, payload: dict[str, dict[str, str]], now: dt.datetime, description: str = ""
) -> None:
    """Write ``bagit.txt``, ``bag-info.txt`` and the payload and tag manifests of a bag."""
    (root / "bagit.txt").write_text(
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    description = description or (
        "Evidence exported from a Gavah vault, with custody events,\n"
        "  RFC 9162 inclusion proofs and the signed ledger head (see data/ledger)."
    )
    info = (
        f"Bag-Software-Agent: gavah {__version__}\n"
        f"Bagging-Date: {now.date().isoformat()}\n"
        f"Payload-Oxum: {total_bytes(root, payload)}.{len(payload)}\n"
        f"External-Description: {description}\n"
    )
    (root / "bag-info.txt").write_text(info, encoding="utf-8")
    for name in _ALGORITHMS:
        lines = "".join(f"{digests[name]}  {path}\n" for path, digests in sorted(payload.items()))
        (root / f"manifest-{name}.txt").write_text(lines, encoding="utf-8")
    tags = ["bagit.txt", "bag-info.txt", *(f"manifest-{name}.txt" for name in _ALGORITHMS)]
    for name in _ALGORITHMS:
        lines = "".join(f"{hash_file(root / tag)[name]}  {tag}\n" for tag in tags)
        (root / f"tagmanifest-{name}.txt").write_text(lines, encoding="utf-8")


def total_bytes(root: Path, payload: dict[str, dict[str, str]]) -> int:
    """The octet count of a bag's payload files (for ``Payload-Oxum``)."""
    return sum((root / path).stat().st_size for path in payload)
