"""The decrypted payload of a bundle, received as a stream: manifest kept, blobs staged.

Owns :class:`PayloadSink`, the writer that age decrypts a bundle's payload into (docs/bundles.md
§4): it keeps the manifest in memory and writes each item's blob, still encrypted to the
organisation, into its own staging file in ``vault/tmp`` while hashing it; and
:class:`FileSlice`, a reader over a file from an offset (the payload after the envelope). Must
not judge what it receives: :mod:`gavah.vault.bundle_import` checks it.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import BinaryIO

from gavah.bundle import (
    BundleItem,
    Manifest,
    decode_manifest,
    read_payload_prefix,
)

__all__ = ["FileSlice", "PayloadSink"]

_READ = 1 << 20
_PAYLOAD_MAGIC_SIZE = len(b"gavah-bundle-payload/1\n")
_PAYLOAD_HEAD = _PAYLOAD_MAGIC_SIZE + 24  # magic and the manifest length line


class PayloadSink:
    """Receives the decrypted payload: keeps the manifest, stages each blob in ``vault/tmp``."""

    def __init__(self, tmp_dir: Path) -> None:
        self._tmp = tmp_dir
        self._head = bytearray()
        self._manifest_start = 0
        self._manifest_end: int | None = None
        self.manifest: Manifest | None = None
        self._items: list[BundleItem] = []
        self._index = 0
        self._left = 0
        self._out: BinaryIO | None = None
        self._hash = hashlib.sha256()
        self.staged: list[tuple[BundleItem, Path, str]] = []  # item, staged path, blob sha256
        self.extra = 0

    def write(self, data: bytes | memoryview, /) -> int:
        view = memoryview(data)
        count = len(view)
        if self.manifest is None:
            self._head.extend(view)
            view = memoryview(b"")
            if self._manifest_end is None and b"\n" in self._head[_PAYLOAD_MAGIC_SIZE:]:
                start, length = read_payload_prefix(bytes(self._head[:_PAYLOAD_HEAD]))
                self._manifest_end = start + length
                self._manifest_start = start
            if self._manifest_end is not None and len(self._head) >= self._manifest_end:
                body = bytes(self._head[self._manifest_start : self._manifest_end])
                self.manifest = decode_manifest(body)
                self._items = list(self.manifest.items)
                view = memoryview(bytes(self._head[self._manifest_end :]))
                self._head = bytearray()
                self._next()
        while view:
            if self._out is None:
                self.extra += len(view)
                break
            take = min(self._left, len(view))
            self._out.write(view[:take])
            self._hash.update(view[:take])
            self._left -= take
            view = view[take:]
            if self._left == 0:
                self._finish()
        return count

    def _next(self) -> None:
        while self._index < len(self._items):
            item = self._items[self._index]
            path = self._tmp / f"{secrets.token_hex(16)}.partial"
            self._out = path.open("xb")
            self._hash = hashlib.sha256()
            self._left = item.blob_size
            self.staged.append((item, path, ""))
            if self._left:
                return
            self._finish()
        self._out = None

    def _finish(self) -> None:
        if self._out is not None:
            self._out.close()
        item, path, _ = self.staged[-1]
        self.staged[-1] = (item, path, self._hash.hexdigest())
        self._index += 1
        self._out = None
        self._next()

    def flush(self) -> None:
        """Nothing to flush (pyrage may call it)."""

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def complete(self) -> bool:
        """Whether the manifest and every blob were received in full."""
        return self.manifest is not None and self._index == len(self._items)


class FileSlice:
    """A read-only view of a file from an offset to its end."""

    def __init__(self, path: Path, offset: int) -> None:
        self._fh = path.open("rb")
        self._fh.seek(offset)

    def read(self, size: int = -1, /) -> bytes:
        return self._fh.read(size if size is not None and size >= 0 else _READ)

    def readinto(self, buffer: memoryview, /) -> int:
        return self._fh.readinto(buffer)

    def close(self) -> None:
        self._fh.close()
