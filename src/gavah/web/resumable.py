"""Resumable uploads on disk: the state behind the tus 1.0 routes.

Owns :class:`UploadFolder`, a folder inside the workspace (``<workspace>/uploads/``, mode 0700)
holding, per upload, ``<id>.json`` (length, owner, metadata; written once, atomically) and
``<id>.part`` (the bytes received so far, appended in place). The offset of an upload is the size
of its ``.part`` file, so the state survives a restart of the server with nothing in memory, and
an append writes a stream chunk by chunk (constant memory). An append holds an exclusive
``flock`` on the part file: a second concurrent append to the same upload is refused, never
interleaved. When an upload is ingested its data is removed and ``<id>.done.json`` records the
evidence id, so a client whose last reply was lost learns the outcome on its next ``HEAD``.
Must not know HTTP: the routes (:mod:`gavah.web.routes.uploads`) translate its errors.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gavah.errors import GavahError

__all__ = [
    "DEFAULT_MAX_UPLOAD_BYTES",
    "UPLOADS_DIR",
    "OffsetMismatchError",
    "Upload",
    "UploadBusyError",
    "UploadFolder",
    "UploadNotFoundError",
    "UploadTooLargeError",
    "is_upload_id",
]

#: The folder of partial uploads, inside the workspace.
UPLOADS_DIR = "uploads"
#: Largest upload accepted unless configured otherwise (a long video from a phone).
DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024**3
#: Abandoned partial uploads older than this are removed when the folder is opened.
STALE_SECONDS = 7 * 24 * 3600
_ID = re.compile(r"[0-9a-f]{32}")


class UploadNotFoundError(GavahError):
    """No such upload (or it belongs to someone else)."""


class OffsetMismatchError(GavahError):
    """The client's offset is not the server's."""


class UploadTooLargeError(GavahError):
    """The upload would exceed its declared length or the server's limit."""


class UploadBusyError(GavahError):
    """Another request is appending to the same upload right now."""


def is_upload_id(text: str) -> bool:
    """Whether ``text`` has the form of an upload id (32 lowercase hex digits)."""
    return _ID.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class Upload:
    """One upload: its declared length, bytes received, owner and metadata; and, once
    ingested, the evidence id (its data is gone then)."""

    id: str
    length: int
    offset: int
    owner: str
    metadata: Mapping[str, str]
    evidence_id: str | None = None
    result: str | None = None

    @property
    def is_complete(self) -> bool:
        """Whether every declared byte has been received."""
        return self.offset == self.length


def _write_json(path: Path, document: Mapping[str, Any]) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    with temp.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


class UploadFolder:
    """The partial uploads of one workspace."""

    def __init__(self, root: Path, *, max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def _ensure(self) -> None:
        self.root.mkdir(mode=0o700, exist_ok=True)

    def _info(self, upload_id: str) -> Path:
        return self.root / f"{upload_id}.json"

    def part(self, upload_id: str) -> Path:
        """The file holding the bytes received so far."""
        return self.root / f"{upload_id}.part"

    def _done(self, upload_id: str) -> Path:
        return self.root / f"{upload_id}.done.json"

    def create(self, length: int, owner: str, metadata: Mapping[str, str]) -> Upload:
        """Start an upload of ``length`` bytes for ``owner``.

        Raises:
            UploadTooLargeError: ``length`` is negative or above the limit.
        """
        if length < 0 or length > self.max_bytes:
            raise UploadTooLargeError(f"an upload may have at most {self.max_bytes} bytes")
        self._ensure()
        upload_id = secrets.token_hex(16)
        self.part(upload_id).touch(mode=0o600)
        document = {"length": length, "owner": owner, "metadata": dict(metadata)}
        _write_json(self._info(upload_id), document)
        return Upload(upload_id, length, 0, owner, dict(metadata))

    def get(self, upload_id: str, owner: str) -> Upload:
        """The upload ``upload_id`` of ``owner``.

        Raises:
            UploadNotFoundError: there is none (a malformed id, someone else's, or removed).
        """
        if not is_upload_id(upload_id):
            raise UploadNotFoundError("no such upload")
        done = self._done(upload_id)
        path = done if done.is_file() else self._info(upload_id)
        try:
            document = json.loads(path.read_text("utf-8"))
            offset = document["length"] if path == done else self.part(upload_id).stat().st_size
        except (OSError, ValueError, KeyError):
            raise UploadNotFoundError("no such upload") from None
        if document.get("owner") != owner:
            raise UploadNotFoundError("no such upload")
        return Upload(
            upload_id,
            int(document["length"]),
            int(offset),
            str(document["owner"]),
            dict(document.get("metadata") or {}),
            document.get("evidence_id"),
            document.get("result"),
        )

    async def append(self, upload: Upload, offset: int, chunks: AsyncIterator[bytes]) -> int:
        """Append the bytes of ``chunks`` at ``offset``; return the new offset.

        What arrived before a broken connection is kept (and fsynced): the client resumes from
        the offset a ``HEAD`` reports.

        Raises:
            OffsetMismatchError: ``offset`` is not the upload's current offset.
            UploadTooLargeError: the bytes would go past the declared length.
            UploadBusyError: another request is appending to this upload.
            UploadNotFoundError: the upload was removed meanwhile.
        """
        try:
            handle = self.part(upload.id).open("r+b")
        except OSError:
            raise UploadNotFoundError("no such upload") from None
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UploadBusyError("another request is writing to this upload") from None
            current = handle.seek(0, os.SEEK_END)
            if offset != current:
                raise OffsetMismatchError(f"the upload's offset is {current}, not {offset}")
            written = current
            try:
                async for chunk in chunks:
                    if written + len(chunk) > upload.length:
                        raise UploadTooLargeError(
                            f"more bytes than the {upload.length} declared at creation"
                        )
                    handle.write(chunk)
                    written += len(chunk)
            finally:
                handle.flush()
                os.fsync(handle.fileno())
        return written

    def finish(self, upload: Upload, evidence_id: str, result: str) -> None:
        """Record that ``upload`` became ``evidence_id`` and remove its data."""
        document = {
            "length": upload.length,
            "owner": upload.owner,
            "metadata": {"filename": upload.metadata.get("filename", "")},
            "evidence_id": evidence_id,
            "result": result,
        }
        _write_json(self._done(upload.id), document)
        self.remove(upload.id, keep_done=True)

    def remove(self, upload_id: str, *, keep_done: bool = False) -> None:
        """Forget ``upload_id``: its bytes, its description (and its outcome unless kept)."""
        self.part(upload_id).unlink(missing_ok=True)
        self._info(upload_id).unlink(missing_ok=True)
        if not keep_done:
            self._done(upload_id).unlink(missing_ok=True)

    def remove_stale(self, *, now: float | None = None) -> int:
        """Remove uploads untouched for :data:`STALE_SECONDS`; return how many files went."""
        if not self.root.is_dir():
            return 0
        limit = (time.time() if now is None else now) - STALE_SECONDS
        removed = 0
        for path in self.root.iterdir():
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed
