"""The manifest of a bundle and the framing of its (decrypted) payload.

Owns the payload layout (docs/bundles.md §4)::

    gavah-bundle-payload/1\\n
    <M>\\n                     byte length of the manifest, decimal
    <M bytes: manifest>       UTF-8 JSON object (below)
    <blob 1><blob 2>…         each item's age blob as stored by the sender, in manifest order,
                              ``blob_size`` bytes each, nothing after the last

and the manifest's fields: ``format``, ``sender`` (log origin), ``vkey``, ``recipient``,
``created``, ``since``, ``tree_size``, ``checkpoint`` (the sender's signed checkpoint at
``tree_size``), ``consistency`` (RFC 9162 consistency path from ``since`` to ``tree_size``, hex;
empty when ``since`` is 0), ``entries`` (the sender's log entries ``since .. tree_size-1``, as
strings) and ``items`` (one object per file whose ingestion entry is among them). Parsing is
strict: a wrong type or a missing field refuses the bundle. No I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gavah.bundle.errors import CorruptBundleError

__all__ = [
    "MANIFEST_FORMAT",
    "PAYLOAD_MAGIC",
    "BundleItem",
    "Manifest",
    "decode_manifest",
    "payload_prefix",
    "read_payload_prefix",
]

MANIFEST_FORMAT = "gavah-bundle-manifest/1"
PAYLOAD_MAGIC = b"gavah-bundle-payload/1\n"
#: Largest manifest accepted (entries are at most 1 MiB each; bundles are cut by --since).
MAX_MANIFEST_SIZE = 1 << 30
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SHA512 = re.compile(r"[0-9a-f]{128}")


@dataclass(frozen=True, slots=True)
class BundleItem:
    """One file carried by a bundle: what the sender recorded, and its blob's size and hash."""

    position: int  # of its ingestion entry in the sender's log
    sha256: str
    sha512: str
    size: int
    media_type: str
    filename: str
    source: str
    received_at: str
    blob_size: int
    blob_sha256: str
    case: str | None = None
    note: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def document(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {
            "position": self.position,
            "sha256": self.sha256,
            "sha512": self.sha512,
            "size": self.size,
            "media_type": self.media_type,
            "filename": self.filename,
            "source": self.source,
            "received_at": self.received_at,
            "blob_size": self.blob_size,
            "blob_sha256": self.blob_sha256,
            "case": self.case,
            "note": self.note,
            "metadata": dict(self.metadata),
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a bundle carries."""

    sender: str
    vkey: str
    recipient: str
    created: str
    since: int
    tree_size: int
    checkpoint: str
    consistency: tuple[bytes, ...]
    entries: tuple[bytes, ...]
    items: tuple[BundleItem, ...]

    def encode(self) -> bytes:
        """The manifest as UTF-8 JSON (sorted keys, no insignificant spaces)."""
        doc = {
            "format": MANIFEST_FORMAT,
            "sender": self.sender,
            "vkey": self.vkey,
            "recipient": self.recipient,
            "created": self.created,
            "since": self.since,
            "tree_size": self.tree_size,
            "checkpoint": self.checkpoint,
            "consistency": [h.hex() for h in self.consistency],
            "entries": [e.decode("utf-8") for e in self.entries],
            "items": [i.document() for i in self.items],
        }
        return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8"
        )


def payload_prefix(manifest: bytes) -> bytes:
    """The payload's bytes before the blobs: magic, manifest length, manifest."""
    return PAYLOAD_MAGIC + f"{len(manifest)}\n".encode("ascii") + manifest


def read_payload_prefix(head: bytes) -> tuple[int, int]:
    """From the payload's first bytes, return ``(manifest offset, manifest length)``.

    Raises:
        CorruptBundleError: the payload does not start with the payload header.
    """
    end = head.find(b"\n", len(PAYLOAD_MAGIC))
    if not head.startswith(PAYLOAD_MAGIC) or end < 0:
        raise CorruptBundleError("the bundle payload is not a Gavah payload")
    text = head[len(PAYLOAD_MAGIC) : end]
    if not text.isdigit() or int(text) > MAX_MANIFEST_SIZE:
        raise CorruptBundleError("the bundle payload has a bad manifest length")
    return end + 1, int(text)


def _get(doc: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value: Any = doc.get(name)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise CorruptBundleError(f"the bundle manifest has a missing or bad {name!r}")
    if isinstance(value, int) and value < 0:
        raise CorruptBundleError(f"the bundle manifest has a negative {name!r}")
    return value


def _optional(doc: Mapping[str, Any], name: str) -> str | None:
    value = doc.get(name)
    if value is not None and not isinstance(value, str):
        raise CorruptBundleError(f"the bundle manifest has a bad {name!r}")
    return value


def _item(doc: Any) -> BundleItem:
    if not isinstance(doc, dict):
        raise CorruptBundleError("the bundle manifest has an item that is not an object")
    sha256 = _get(doc, "sha256", str)
    sha512 = _get(doc, "sha512", str)
    blob_sha256 = _get(doc, "blob_sha256", str)
    if not (_SHA256.fullmatch(sha256) and _SHA512.fullmatch(sha512)):
        raise CorruptBundleError("the bundle manifest has an item with a malformed digest")
    if not _SHA256.fullmatch(blob_sha256):
        raise CorruptBundleError("the bundle manifest has an item with a malformed blob hash")
    metadata = doc.get("metadata", {})
    if not isinstance(metadata, dict):
        raise CorruptBundleError("the bundle manifest has an item with bad metadata")
    return BundleItem(
        position=_get(doc, "position", int),
        sha256=sha256,
        sha512=sha512,
        size=_get(doc, "size", int),
        media_type=_get(doc, "media_type", str),
        filename=_get(doc, "filename", str),
        source=_get(doc, "source", str),
        received_at=_get(doc, "received_at", str),
        blob_size=_get(doc, "blob_size", int),
        blob_sha256=blob_sha256,
        case=_optional(doc, "case"),
        note=_optional(doc, "note"),
        metadata=metadata,
    )


def _hashes(values: Any) -> tuple[bytes, ...]:
    if not isinstance(values, list):
        raise CorruptBundleError("the bundle manifest's consistency path is not a list")
    try:
        hashes = tuple(bytes.fromhex(v) for v in values)
    except (TypeError, ValueError):
        raise CorruptBundleError("the bundle manifest's consistency path is not hex") from None
    if any(len(h) != 32 for h in hashes):
        raise CorruptBundleError("the bundle manifest's consistency path has a bad hash")
    return hashes


def decode_manifest(data: bytes) -> Manifest:
    """Parse a manifest strictly.

    Raises:
        CorruptBundleError: it is not UTF-8 JSON of the expected shape.
    """
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CorruptBundleError("the bundle manifest is not UTF-8 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
        raise CorruptBundleError("the bundle manifest has an unknown format")
    entries = _get(doc, "entries", list)
    if not all(isinstance(e, str) for e in entries):
        raise CorruptBundleError("the bundle manifest has an entry that is not a string")
    items = _get(doc, "items", list)
    return Manifest(
        sender=_get(doc, "sender", str),
        vkey=_get(doc, "vkey", str),
        recipient=_get(doc, "recipient", str),
        created=_get(doc, "created", str),
        since=_get(doc, "since", int),
        tree_size=_get(doc, "tree_size", int),
        checkpoint=_get(doc, "checkpoint", str),
        consistency=_hashes(doc.get("consistency")),
        entries=tuple(e.encode("utf-8") for e in entries),
        items=tuple(_item(i) for i in items),
    )
