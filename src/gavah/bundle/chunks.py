"""Chunks: a bundle file cut into pieces that travel separately and reassemble in any order.

Owns the chunk layout (docs/bundles.md §3)::

    gavah-bundle-chunk/1\\n
    {"bundle":…,"count":…,"index":…,"offset":…,"sha256":…,"size":…,"total":…}\\n
    <size bytes of the bundle file, from offset>

(the header is canonical JSON: sorted keys, no spaces). ``bundle`` is the bundle id, the SHA-256
of the whole bundle file; ``index`` counts from 1 to ``count``; ``sha256`` is that of this
chunk's data. Reassembly checks every chunk's hash (computed by the caller, who streams the data),
lists the missing ones, and orders them; the caller then concatenates and checks the whole file
against the bundle id. Chunks carry no signature of their own: the
reassembled bundle's envelope is what is signed. No I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from gavah.bundle.errors import CorruptBundleError, IncompleteBundleError

__all__ = [
    "CHUNK_MAGIC",
    "MAX_CHUNK_HEADER",
    "Chunk",
    "ChunkHeader",
    "chunk_header",
    "parse_chunk_header",
    "plan_chunks",
    "reassembly_order",
]

CHUNK_MAGIC = b"gavah-bundle-chunk/1\n"
MAX_CHUNK_HEADER = 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FIELDS = ("bundle", "count", "index", "offset", "sha256", "size", "total")


@dataclass(frozen=True, slots=True)
class ChunkHeader:
    """What a chunk says about itself."""

    bundle: str
    index: int
    count: int
    offset: int
    size: int
    total: int
    sha256: str

    def encode(self) -> bytes:
        """The header bytes: magic line and canonical JSON line."""
        doc = {
            "bundle": self.bundle,
            "count": self.count,
            "index": self.index,
            "offset": self.offset,
            "sha256": self.sha256,
            "size": self.size,
            "total": self.total,
        }
        line = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii")
        return CHUNK_MAGIC + line + b"\n"


@dataclass(frozen=True, slots=True)
class Chunk:
    """A chunk as found: its header, the SHA-256 and size of the data that followed it, and
    where it was read from (for messages). The data itself stays where it is."""

    header: ChunkHeader
    sha256: str
    size: int
    name: str


def plan_chunks(total: int, chunk_size: int) -> list[tuple[int, int]]:
    """``(offset, size)`` of each chunk of a ``total``-byte bundle cut every ``chunk_size``.

    Raises:
        CorruptBundleError: ``chunk_size`` is not positive.
    """
    if chunk_size <= 0:
        raise CorruptBundleError("a chunk size must be positive")
    return [(o, min(chunk_size, total - o)) for o in range(0, max(total, 1), chunk_size)]


def chunk_header(
    bundle_id: str, index: int, count: int, *, offset: int, data: bytes, total: int
) -> bytes:
    """The header to write before ``data``, chunk ``index`` (1-based) of ``count``."""
    digest = hashlib.sha256(data).hexdigest()
    return ChunkHeader(bundle_id, index, count, offset, len(data), total, digest).encode()


def _int(doc: dict[str, object], name: str) -> int:
    value = doc.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(name)
    return value


def parse_chunk_header(prefix: bytes, name: str) -> tuple[ChunkHeader, int]:
    """Parse a chunk's header; return it and where the data starts.

    Raises:
        CorruptBundleError: the bytes are not a well-formed chunk header.
    """
    end = prefix.find(b"\n", len(CHUNK_MAGIC))
    if not prefix.startswith(CHUNK_MAGIC) or end < 0 or end > MAX_CHUNK_HEADER:
        raise CorruptBundleError(f"{name} is not a bundle chunk, or its header is damaged")
    try:
        doc = json.loads(prefix[len(CHUNK_MAGIC) : end].decode("ascii"))
        if not isinstance(doc, dict) or sorted(doc) != list(_FIELDS):
            raise ValueError("fields")
        bundle, digest = doc["bundle"], doc["sha256"]
        if not isinstance(bundle, str) or not _SHA256.fullmatch(bundle):
            raise ValueError("bundle")
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise ValueError("sha256")
        header = ChunkHeader(
            bundle,
            _int(doc, "index"),
            _int(doc, "count"),
            _int(doc, "offset"),
            _int(doc, "size"),
            _int(doc, "total"),
            digest,
        )
    except (ValueError, UnicodeDecodeError) as err:
        raise CorruptBundleError(f"{name}: damaged chunk header ({err})") from None
    if not 1 <= header.index <= header.count:
        raise CorruptBundleError(f"{name}: chunk number {header.index} outside 1..{header.count}")
    return header, end + 1


def reassembly_order(chunks: Iterable[Chunk]) -> list[Chunk]:
    """Check the chunks of ONE bundle and return them in order, one per index.

    Duplicates (the same chunk given twice) are dropped; two different chunks claiming the same
    place are refused.

    Raises:
        CorruptBundleError: a chunk's data does not match its hash or size, or the chunks
            disagree on the bundle's size or chunk count, or their offsets do not tile it.
        IncompleteBundleError: chunks are missing (their numbers are listed).
    """
    by_index: dict[int, Chunk] = {}
    first: ChunkHeader | None = None
    for chunk in chunks:
        head = chunk.header
        if chunk.size != head.size:
            raise CorruptBundleError(
                f"{chunk.name}: chunk {head.index} of {head.count} is truncated "
                f"({chunk.size} of {head.size} bytes)"
            )
        if chunk.sha256 != head.sha256:
            raise CorruptBundleError(
                f"{chunk.name}: chunk {head.index} of {head.count} is corrupted "
                "(its SHA-256 does not match its header)"
            )
        if first is None:
            first = head
        elif (head.count, head.total) != (first.count, first.total):
            raise CorruptBundleError(f"{chunk.name}: chunk disagrees with the others of its bundle")
        seen = by_index.get(head.index)
        if seen is not None and seen.header != head:
            raise CorruptBundleError(f"{chunk.name}: two different chunks numbered {head.index}")
        by_index[head.index] = chunk
    if first is None:
        raise IncompleteBundleError("no chunk given")
    missing = tuple(i for i in range(1, first.count + 1) if i not in by_index)
    if missing:
        listed = ", ".join(str(i) for i in missing)
        raise IncompleteBundleError(
            f"bundle {first.bundle[:16]}… is incomplete: chunk(s) {listed} of {first.count} "
            "missing; nothing imported",
            missing,
        )
    ordered = [by_index[i] for i in range(1, first.count + 1)]
    offset = 0
    for chunk in ordered:
        if chunk.header.offset != offset:
            raise CorruptBundleError(f"{chunk.name}: chunk offsets do not tile the bundle")
        offset += chunk.header.size
    if offset != first.total:
        raise CorruptBundleError(f"bundle {first.bundle[:16]}…: chunks do not add up to its size")
    return ordered
