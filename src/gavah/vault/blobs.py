"""The blob store: content-addressed, age-encrypted originals under ``vault/``.

Owns the on-disk layout (``vault/<first two hex digits>/<sha256>.age``, staging in
``vault/tmp/``) and the three moves of a blob's life: encrypt a stream into staging while hashing
it, publish the staged file under its content address by an atomic rename (after ``fsync``), and
stream-decrypt a stored blob into a writer. A blob is a standard age v1 file, so any ``age`` tool
with the workspace identity opens it. Plaintext never touches the disk here. Must not touch the
database: the ingest pipeline decides what a blob means.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyrage

from gavah.errors import GavahError
from gavah.vault.digest import ByteSource, Digests, HashingReader, HashingWriter

__all__ = ["BLOB_SUFFIX", "TMP_DIR", "BlobError", "BlobStore", "StagedBlob", "fsync_dir"]

BLOB_SUFFIX = ".age"
TMP_DIR = "tmp"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobError(GavahError):
    """A blob cannot be written, found or decrypted."""


@dataclass(frozen=True, slots=True)
class StagedBlob:
    """An encrypted file in staging, with the digests and first bytes of its plaintext."""

    path: Path
    digests: Digests
    head: bytes


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (fsync the folder itself)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _recipients(recipients: tuple[str, ...]) -> list[Any]:
    try:
        return [pyrage.x25519.Recipient.from_str(text) for text in recipients]
    except pyrage.RecipientError as err:
        raise BlobError(f"bad age recipient in gavah.toml: {err}") from None


class BlobStore:
    """Encrypted blobs in one folder, addressed by the SHA-256 of their plaintext."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def tmp_dir(self) -> Path:
        """The staging folder (same file system as the blobs, so renames are atomic)."""
        return self.root / TMP_DIR

    def path_for(self, sha256: str) -> Path:
        """Where the blob of ``sha256`` lives.

        Raises:
            BlobError: ``sha256`` is not 64 lowercase hex digits.
        """
        if not _SHA256.fullmatch(sha256):
            raise BlobError(f"{sha256!r} is not a SHA-256")
        return self.root / sha256[:2] / f"{sha256}{BLOB_SUFFIX}"

    def exists(self, sha256: str) -> bool:
        """Whether a blob for ``sha256`` is stored."""
        return self.path_for(sha256).is_file()

    def clear_staging(self) -> int:
        """Remove files left in staging by an interrupted run; return how many.

        Staged files are ciphertext only, so removing them loses nothing: their originals are
        still where they were read from, and the ingest that was interrupted is re-run.
        """
        if not self.tmp_dir.is_dir():
            return 0
        count = 0
        for path in self.tmp_dir.iterdir():
            if path.is_file():
                path.unlink(missing_ok=True)
                count += 1
        return count

    def stage(self, source: ByteSource, recipients: tuple[str, ...]) -> StagedBlob:
        """Encrypt ``source`` to ``recipients`` into staging, hashing it on the way; fsync it.

        Raises:
            BlobError: the recipients are invalid or encryption or writing failed.
        """
        keys = _recipients(recipients)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        path = self.tmp_dir / f"{secrets.token_hex(16)}.partial"
        reader = HashingReader(source)
        try:
            with path.open("xb") as out:
                pyrage.encrypt_io(reader, out, keys)
                out.flush()
                os.fsync(out.fileno())
        except (OSError, pyrage.EncryptError) as err:
            path.unlink(missing_ok=True)
            raise BlobError(f"cannot encrypt into the vault: {err}") from None
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StagedBlob(path=path, digests=reader.digests, head=reader.head)

    def publish(self, staged: StagedBlob) -> Path:
        """Move a staged blob to its content address atomically, and make the rename durable.

        An existing blob at that address holds the same plaintext (it is replaced: an earlier
        interrupted run may have left it without a database record).

        Raises:
            BlobError: the rename failed.
        """
        target = self.path_for(staged.digests.sha256)
        try:
            target.parent.mkdir(exist_ok=True)
            os.replace(staged.path, target)
            fsync_dir(target.parent)
        except OSError as err:
            raise BlobError(f"cannot store blob {target.name}: {err.strerror}") from None
        return target

    def discard(self, staged: StagedBlob) -> None:
        """Remove a staged blob that is not needed (its content is stored already)."""
        staged.path.unlink(missing_ok=True)

    def decrypt_into(self, sha256: str, identities: list[Any], sink: BinaryIO) -> None:
        """Stream-decrypt the blob of ``sha256`` into ``sink``.

        Raises:
            BlobError: the blob is missing or cannot be decrypted with ``identities``.
        """
        path = self.path_for(sha256)
        try:
            with path.open("rb") as blob:
                pyrage.decrypt_io(blob, sink, identities)
        except FileNotFoundError:
            raise BlobError(f"blob {sha256} is missing from the vault") from None
        except (OSError, pyrage.DecryptError) as err:
            raise BlobError(f"blob {sha256} cannot be decrypted: {err}") from None

    def digests_of(self, sha256: str, identities: list[Any]) -> Digests:
        """Re-hash the plaintext of a stored blob by streaming decryption.

        Raises:
            BlobError: the blob is missing or cannot be decrypted (a damaged blob fails age's
                authentication and lands here).
        """
        sink = HashingWriter()
        self.decrypt_into(sha256, identities, sink)  # type: ignore[arg-type]
        return sink.digests
