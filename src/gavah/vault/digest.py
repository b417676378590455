"""Streaming digests: SHA-256 and SHA-512 of bytes as they pass, in constant memory.

Owns :class:`Digests` (the fixity values of one original) and the two stream wrappers that
compute them while bytes flow through: :class:`HashingReader` (in front of the encryptor, so an
original is read exactly once) and :class:`HashingWriter` (behind the decryptor, so a blob is
re-hashed without its plaintext ever touching the disk, or on its way to an exported original).
Must not open files or know about age.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import BinaryIO, Protocol

__all__ = ["HEAD_SIZE", "ByteSource", "Digests", "HashingReader", "HashingWriter"]

#: How many leading bytes are kept for content sniffing (``filetype`` reads at most 8 KiB).
HEAD_SIZE = 8192


class ByteSource(Protocol):
    """Anything readable like a binary file opened without buffering tricks."""

    def readinto(self, buffer: memoryview, /) -> int | None:
        """Fill ``buffer``; return the count (0 at the end)."""

    def read(self, size: int = -1, /) -> bytes:
        """Return up to ``size`` bytes (all when negative)."""


@dataclass(frozen=True, slots=True)
class Digests:
    """The fixity of one original: SHA-256 and SHA-512 (lowercase hex) and its size in bytes."""

    sha256: str
    sha512: str
    size: int


class _Hasher:
    def __init__(self, also: tuple[str, ...] = ()) -> None:
        self._sha256 = hashlib.sha256()
        self._sha512 = hashlib.sha512()
        self._also = {name: hashlib.new(name) for name in also}
        self.size = 0
        self.head = bytearray()

    def update(self, data: bytes | bytearray | memoryview) -> None:
        self._sha256.update(data)
        self._sha512.update(data)
        for digest in self._also.values():
            digest.update(data)
        self.size += len(data)
        if len(self.head) < HEAD_SIZE:
            self.head += bytes(data[: HEAD_SIZE - len(self.head)])

    def digests(self) -> Digests:
        return Digests(self._sha256.hexdigest(), self._sha512.hexdigest(), self.size)

    def extra(self) -> dict[str, str]:
        return {name: digest.hexdigest() for name, digest in self._also.items()}


class HashingReader(io.RawIOBase):
    """A readable stream over ``source`` that hashes every byte read through it."""

    def __init__(self, source: ByteSource) -> None:
        super().__init__()
        self._source = source
        self._hasher = _Hasher()

    def readable(self) -> bool:
        """Always true."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Read into ``buffer`` from the source, hashing what was read."""
        view = memoryview(buffer).cast("B")
        count = self._source.readinto(view)
        if not count:
            return 0
        self._hasher.update(view[:count])
        return int(count)

    def read(self, size: int | None = -1) -> bytes:
        """Read up to ``size`` bytes (all when negative), hashing them."""
        data = self._source.read(-1 if size is None else size)
        self._hasher.update(data)
        return data

    @property
    def digests(self) -> Digests:
        """The digests of everything read so far."""
        return self._hasher.digests()

    @property
    def head(self) -> bytes:
        """The first bytes read (at most :data:`HEAD_SIZE`), for content sniffing."""
        return bytes(self._hasher.head)


class HashingWriter(io.RawIOBase):
    """A writable sink that hashes what is written to it, then discards it or passes it on.

    ``sink`` (optional) receives every byte after it is hashed; ``also`` names further hashlib
    algorithms to compute (e.g. ``("sha1",)`` for FtM's content hash), read from :attr:`extra`.
    """

    def __init__(
        self, sink: io.RawIOBase | BinaryIO | None = None, also: tuple[str, ...] = ()
    ) -> None:
        super().__init__()
        self._sink = sink
        self._hasher = _Hasher(also)

    def writable(self) -> bool:
        """Always true."""
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        """Hash ``data``, pass it on to the sink (if any) and report it fully written."""
        self._hasher.update(data)
        if self._sink is not None:
            self._sink.write(data)
        return len(data)

    @property
    def digests(self) -> Digests:
        """The digests of everything written so far."""
        return self._hasher.digests()

    @property
    def extra(self) -> dict[str, str]:
        """The hex digests of the ``also`` algorithms, by name."""
        return self._hasher.extra()
