"""Workspace keys are sealed as an age scrypt file and open only with the right passphrase."""

from __future__ import annotations

import base64
import json
import os
import pty
import select
import shutil
import time
from pathlib import Path

import pytest

from gavah.errors import PassphraseError, WorkspaceError
from gavah.workspace.keys import generate_keys, public_key_from_base64, seal, unseal

PASS = "correct horse battery staple"


@pytest.fixture(scope="module")
def sealed() -> tuple[bytes, str, str]:
    keys = generate_keys()
    return seal(keys, PASS), keys.public.signing_public_key, keys.public.age_recipient


def test_seal_is_an_age_scrypt_file_without_plaintext_secrets(
    sealed: tuple[bytes, str, str],
) -> None:
    blob, _, _ = sealed
    assert blob.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"AGE-SECRET-KEY" not in blob
    assert b"ed25519" not in blob


def test_unseal_with_right_passphrase_gives_the_same_keys(
    sealed: tuple[bytes, str, str],
) -> None:
    blob, signing_pub, recipient = sealed
    keys = unseal(blob, PASS)
    assert keys.public.signing_public_key == signing_pub
    assert keys.public.age_recipient == recipient
    message = "گواه".encode()
    public_key_from_base64(signing_pub).verify(keys.signing_key.sign(message), message)


def test_wrong_passphrase_is_a_clear_error(sealed: tuple[bytes, str, str]) -> None:
    with pytest.raises(PassphraseError, match="wrong passphrase"):
        unseal(sealed[0], "not the passphrase")


def test_damaged_or_foreign_file_is_not_called_a_wrong_passphrase() -> None:
    with pytest.raises(WorkspaceError, match="not an age passphrase"):
        unseal(b"PK\x03\x04 a zip file", PASS)


def test_short_passphrase_is_refused() -> None:
    with pytest.raises(PassphraseError, match="at least 8"):
        seal(generate_keys(), "short")


def test_bad_public_key_text() -> None:
    with pytest.raises(WorkspaceError, match="bad signing public key"):
        public_key_from_base64(base64.b64encode(b"too short").decode())


def _age_decrypt_on_a_terminal(path: Path, passphrase: str) -> tuple[int, bytes]:
    """Run ``age --decrypt`` on a pseudo-terminal (age asks for passphrases only on a TTY)."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child process
        os.execvp("age", ["age", "--decrypt", str(path)])  # noqa: S606 - no shell, fixed argv
    out = b""
    sent = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
        if not sent and b"passphrase" in out.lower():
            os.write(fd, passphrase.encode() + b"\n")
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_standard_age_tool_opens_the_sealed_keys(
    sealed: tuple[bytes, str, str], tmp_path: Path
) -> None:
    """The organisation must not depend on Gavah to reach its own keys (age v1 format)."""
    path = tmp_path / "secret.age"
    path.write_bytes(sealed[0])
    code, out = _age_decrypt_on_a_terminal(path, PASS)
    assert code == 0, out
    payload = json.loads(out[out.index(b"{") : out.rindex(b"}") + 1])
    assert payload["format"] == "gavah-workspace-keys/1"
    assert payload["age_identity"].startswith("AGE-SECRET-KEY-1")
    wrong_code, _ = _age_decrypt_on_a_terminal(path, "not the passphrase")
    assert wrong_code != 0
