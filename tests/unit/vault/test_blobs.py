"""The blob store: age v1 files under the content address, readable by the `age` command."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest

from gavah.vault.blobs import BlobError, BlobStore


@pytest.fixture
def identity() -> pyrage.x25519.Identity:
    return pyrage.x25519.Identity.generate()


def test_stage_publish_decrypt_round_trip(tmp_path: Path, identity: pyrage.x25519.Identity) -> None:
    blobs = BlobStore(tmp_path / "vault")
    data = b"witness statement " * 5000
    staged = blobs.stage(io.BytesIO(data), (str(identity.to_public()),))
    assert staged.path.parent == blobs.tmp_dir
    assert staged.digests.sha256 == hashlib.sha256(data).hexdigest()
    assert staged.head == data[:8192]
    assert data[:64] not in staged.path.read_bytes()
    target = blobs.publish(staged)
    assert target == blobs.path_for(staged.digests.sha256)
    assert target.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert not staged.path.exists()
    assert blobs.exists(staged.digests.sha256)
    assert blobs.digests_of(staged.digests.sha256, [identity]) == staged.digests


def test_a_flipped_byte_fails_decryption(tmp_path: Path, identity: pyrage.x25519.Identity) -> None:
    blobs = BlobStore(tmp_path)
    staged = blobs.stage(io.BytesIO(b"x" * 100_000), (str(identity.to_public()),))
    target = blobs.publish(staged)
    raw = bytearray(target.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    target.write_bytes(bytes(raw))
    with pytest.raises(BlobError, match="cannot be decrypted"):
        blobs.digests_of(staged.digests.sha256, [identity])


def test_errors(tmp_path: Path, identity: pyrage.x25519.Identity) -> None:
    blobs = BlobStore(tmp_path)
    with pytest.raises(BlobError, match="not a SHA-256"):
        blobs.path_for("nothex")
    with pytest.raises(BlobError, match="missing"):
        blobs.digests_of("0" * 64, [identity])
    with pytest.raises(BlobError, match="bad age recipient"):
        blobs.stage(io.BytesIO(b"x"), ("age1notakey",))
    assert not blobs.tmp_dir.exists() or not list(blobs.tmp_dir.iterdir())
    assert blobs.clear_staging() == 0
    (tmp_path / "tmp").mkdir(exist_ok=True)
    (tmp_path / "tmp" / "left.partial").write_bytes(b"ciphertext")
    assert blobs.clear_staging() == 1


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_the_age_command_decrypts_a_blob(tmp_path: Path, identity: pyrage.x25519.Identity) -> None:
    blobs = BlobStore(tmp_path / "vault")
    data = "شاهد: a synthetic original\n".encode() * 100
    target = blobs.publish(blobs.stage(io.BytesIO(data), (str(identity.to_public()),)))
    key = tmp_path / "identity.txt"
    key.write_text(str(identity) + "\n")
    out = subprocess.run(
        ["age", "-d", "-i", str(key), str(target)], capture_output=True, check=True
    ).stdout
    assert out == data
