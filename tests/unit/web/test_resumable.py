"""The on-disk state of resumable uploads: offsets from the disk, interrupted appends kept."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gavah.web.resumable import (
    OffsetMismatchError,
    UploadBusyError,
    UploadFolder,
    UploadNotFoundError,
    UploadTooLargeError,
)


async def _chunks(*parts: bytes, fail_after: int | None = None) -> AsyncIterator[bytes]:
    for i, part in enumerate(parts):
        if fail_after is not None and i == fail_after:
            raise ConnectionResetError("the link dropped")
        yield part


def test_an_append_cut_short_keeps_what_arrived_and_resumes_there(tmp_path: Path) -> None:
    folder = UploadFolder(tmp_path / "uploads")
    upload = folder.create(9, "documenter", {"filename": "a.txt"})
    with pytest.raises(ConnectionResetError):
        asyncio.run(folder.append(upload, 0, _chunks(b"abc", b"def", b"ghi", fail_after=2)))
    again = UploadFolder(tmp_path / "uploads").get(upload.id, "documenter")  # a new process
    assert again.offset == 6
    assert asyncio.run(folder.append(again, 6, _chunks(b"ghi"))) == 9
    assert folder.part(upload.id).read_bytes() == b"abcdefghi"


def test_offsets_lengths_owners_and_ids_are_checked(tmp_path: Path) -> None:
    folder = UploadFolder(tmp_path / "uploads", max_bytes=10)
    with pytest.raises(UploadTooLargeError):
        folder.create(11, "documenter", {})
    upload = folder.create(3, "documenter", {})
    with pytest.raises(OffsetMismatchError):
        asyncio.run(folder.append(upload, 1, _chunks(b"x")))
    with pytest.raises(UploadTooLargeError):
        asyncio.run(folder.append(upload, 0, _chunks(b"abcd")))
    with pytest.raises(UploadNotFoundError):
        folder.get(upload.id, "someone else")
    with pytest.raises(UploadNotFoundError):
        folder.get("../../etc/passwd", "documenter")


def test_a_second_writer_to_the_same_upload_is_refused(tmp_path: Path) -> None:
    folder = UploadFolder(tmp_path / "uploads")
    upload = folder.create(6, "documenter", {})

    async def both() -> None:
        started = asyncio.Event()

        async def slow() -> AsyncIterator[bytes]:
            yield b"abc"
            started.set()
            await asyncio.sleep(0.05)
            yield b"def"

        first = asyncio.create_task(folder.append(upload, 0, slow()))
        await started.wait()
        with pytest.raises(UploadBusyError):
            await folder.append(upload, 0, _chunks(b"x"))
        assert await first == 6

    asyncio.run(both())


def test_finished_uploads_keep_their_outcome_and_lose_their_bytes(tmp_path: Path) -> None:
    folder = UploadFolder(tmp_path / "uploads")
    upload = folder.create(0, "documenter", {"filename": "a.txt", "source": "W-1"})
    folder.finish(upload, "01JEVIDENCE", "ingested")
    done = folder.get(upload.id, "documenter")
    assert (done.evidence_id, done.result, done.is_complete) == ("01JEVIDENCE", "ingested", True)
    assert done.metadata == {"filename": "a.txt"}  # the source is not kept after ingest
    assert not folder.part(upload.id).exists()
    assert folder.remove_stale(now=10**12) == 1
