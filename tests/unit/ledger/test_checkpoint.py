"""C2SP checkpoints: the exact body format, strict parsing, signing and opening."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger.checkpoint import (
    MAX_TREE_SIZE,
    Checkpoint,
    open_checkpoint,
    parse_checkpoint,
    sign_checkpoint,
)
from gavah.ledger.errors import CheckpointError, NoteError
from gavah.ledger.hashing import EMPTY_ROOT, leaf_hash
from gavah.ledger.note import NoteVerifier, sign_note

from .conftest import ORIGIN

ROOT = leaf_hash(b"root")

# The example of c2sp.org/tlog-checkpoint.
SPEC_EXAMPLE = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
)


def _non_canonical(raw: bytes) -> str:
    """Base64 of ``raw`` with the unused low bits of the last character set: decodes the same."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    canonical = base64.b64encode(raw).decode()
    body, padding = canonical.rstrip("="), "=" * canonical.count("=")
    last = alphabet.index(body[-1]) | 1
    spelled = body[:-1] + alphabet[last] + padding
    assert spelled != canonical
    assert base64.b64decode(spelled) == raw
    return spelled


NON_CANONICAL_ROOT = _non_canonical(ROOT)


def test_spec_example_parses_and_prints_back_identically() -> None:
    checkpoint = parse_checkpoint(SPEC_EXAMPLE)
    assert checkpoint.origin == "example.com/behind-the-sofa"
    assert checkpoint.tree_size == 20852163
    assert checkpoint.root_hash == base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    assert checkpoint.body() == SPEC_EXAMPLE


def test_body_has_origin_size_root_and_extensions_each_ending_in_newline() -> None:
    checkpoint = Checkpoint(ORIGIN, 0, EMPTY_ROOT, ("ext one", "ext two"))
    root64 = base64.b64encode(EMPTY_ROOT).decode()
    assert checkpoint.body() == f"{ORIGIN}\n0\n{root64}\next one\next two\n"
    assert parse_checkpoint(checkpoint.body()) == checkpoint


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("origin\n1\n" + base64.b64encode(ROOT).decode(), "end with a newline"),
        ("origin\n1\n", "needs origin"),
        ("origin\n01\n" + base64.b64encode(ROOT).decode() + "\n", "leading zeros"),
        ("origin\n+1\n" + base64.b64encode(ROOT).decode() + "\n", "not a decimal"),
        ("origin\n١\n" + base64.b64encode(ROOT).decode() + "\n", "not a decimal"),
        ("origin\n1\nnot base64!\n", "not base64"),
        ("origin\n1\n" + NON_CANONICAL_ROOT + "\n", "not canonical"),
        ("origin\n1\n" + base64.b64encode(ROOT[:31]).decode() + "\n", "32 bytes"),
        ("\n1\n" + base64.b64encode(ROOT).decode() + "\n", "origin must be"),
        ("origin\n1\n" + base64.b64encode(ROOT).decode() + "\n\n", "extension"),
        (f"origin\n{MAX_TREE_SIZE + 1}\n" + base64.b64encode(ROOT).decode() + "\n", "outside"),
    ],
)
def test_malformed_checkpoints_are_refused(text: str, reason: str) -> None:
    with pytest.raises(CheckpointError, match=reason):
        parse_checkpoint(text)


def test_invalid_checkpoint_values_are_refused() -> None:
    with pytest.raises(CheckpointError, match="origin"):
        Checkpoint("two\nlines", 1, ROOT)
    with pytest.raises(CheckpointError, match="outside"):
        Checkpoint(ORIGIN, -1, ROOT)
    with pytest.raises(CheckpointError, match="extension"):
        Checkpoint(ORIGIN, 1, ROOT, ("a\nb",))


def test_signed_checkpoint_opens_with_the_log_key(
    signing_key: Ed25519PrivateKey, log_verifier: NoteVerifier
) -> None:
    checkpoint = Checkpoint(ORIGIN, 42, ROOT)
    note = sign_checkpoint(checkpoint, signing_key)
    assert note.startswith(checkpoint.body() + "\n\u2014 " + ORIGIN + " ")
    assert open_checkpoint(note, log_verifier) == checkpoint


def test_checkpoint_signed_by_another_key_is_refused(
    other_key: Ed25519PrivateKey, log_verifier: NoteVerifier
) -> None:
    note = sign_checkpoint(Checkpoint(ORIGIN, 42, ROOT), other_key)
    with pytest.raises(NoteError, match="not signed by the trusted key"):
        open_checkpoint(note, log_verifier)


def test_checkpoint_for_another_origin_is_refused(signing_key: Ed25519PrivateKey) -> None:
    # The same key signing a head for another log must not pass as a head of this one.
    note = sign_checkpoint(Checkpoint("other.example/log", 42, ROOT), signing_key)
    verifier = NoteVerifier.from_public_key(ORIGIN, signing_key.public_key())
    other = NoteVerifier.from_public_key("other.example/log", signing_key.public_key())
    assert open_checkpoint(note, other).origin == "other.example/log"
    with pytest.raises(NoteError, match="not signed by the trusted key"):
        open_checkpoint(note, verifier)


def test_checkpoint_whose_body_names_another_origin_is_refused(
    signing_key: Ed25519PrivateKey, log_verifier: NoteVerifier
) -> None:
    note = sign_note(Checkpoint("impostor.example", 1, ROOT).body(), signing_key, ORIGIN)
    with pytest.raises(CheckpointError, match=r"not 'gavah\.example/ledger-test'"):
        open_checkpoint(note, log_verifier)


def test_origin_that_cannot_name_a_key_cannot_be_signed(signing_key: Ed25519PrivateKey) -> None:
    with pytest.raises(CheckpointError, match="cannot name a signing key"):
        sign_checkpoint(Checkpoint("has space", 1, ROOT), signing_key)
