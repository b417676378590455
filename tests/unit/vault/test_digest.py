"""Streaming digests: equal to hashlib's over the whole input, whatever the read pattern."""

from __future__ import annotations

import hashlib
import io

from hypothesis import given
from hypothesis import strategies as st

from gavah.vault.digest import HEAD_SIZE, HashingReader, HashingWriter


@given(st.binary(max_size=20_000), st.integers(min_value=1, max_value=5000))
def test_reader_hashes_everything_read_in_any_chunking(data: bytes, chunk: int) -> None:
    reader = HashingReader(io.BytesIO(data))
    buffer = bytearray(chunk)
    out = bytearray()
    while count := reader.readinto(buffer):
        out += buffer[:count]
    assert bytes(out) == data
    digests = reader.digests
    assert digests.sha256 == hashlib.sha256(data).hexdigest()
    assert digests.sha512 == hashlib.sha512(data).hexdigest()
    assert digests.size == len(data)
    assert reader.head == data[:HEAD_SIZE]


def test_reader_read_and_writer_agree() -> None:
    data = bytes(range(256)) * 100
    reader = HashingReader(io.BytesIO(data))
    writer = HashingWriter()
    while block := reader.read(999):
        assert writer.write(block) == len(block)
    assert reader.read() == b""
    assert writer.digests == reader.digests
    assert reader.readable()
    assert writer.writable()


@given(st.binary(max_size=20_000), st.integers(min_value=1, max_value=5000))
def test_writer_passes_bytes_on_and_computes_the_extra_algorithms(data: bytes, chunk: int) -> None:
    out = io.BytesIO()
    writer = HashingWriter(out, also=("sha1",))
    for start in range(0, len(data), chunk):
        writer.write(data[start : start + chunk])
    assert out.getvalue() == data
    assert writer.digests.sha256 == hashlib.sha256(data).hexdigest()
    assert writer.digests.size == len(data)
    assert writer.extra == {"sha1": hashlib.sha1(data).hexdigest()}  # noqa: S324 - FtM's hash
    assert HashingWriter().extra == {}
