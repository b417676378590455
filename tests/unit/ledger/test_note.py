"""C2SP signed notes, against the fixed examples of golang.org/x/mod/sumdb/note's tests.

The PeterNeumann key pair, text and signature, and the EnochRoot key and signature, are the
published test vectors of the Go reference implementation (note_test.go). Ed25519 signing is
deterministic, so signing the same text with the same key must reproduce the Go note byte for
byte: that is what makes our heads readable by any Go-ecosystem verifier or witness.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger import note as note_module
from gavah.ledger.errors import NoteError
from gavah.ledger.note import (
    MAX_SIGNATURES,
    NoteVerifier,
    is_valid_key_name,
    key_id,
    open_note,
    parse_note,
    sign_note,
)

PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIG = (
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdng"
    "otpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_SIG = (
    "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLo"
    "x33WWd1RvMc+QQ=\n"
)
GO_NOTE = TEXT + "\n" + PETER_SIG


def peter_private_key() -> Ed25519PrivateKey:
    # The Go signer key is PRIVATE+KEY+<name>+<key ID>+base64(0x01 || 32-byte seed).
    material = base64.b64decode(PETER_SKEY.split("+", 4)[4])
    assert material[0] == 0x01
    return Ed25519PrivateKey.from_private_bytes(material[1:])


@pytest.fixture
def peter() -> NoteVerifier:
    return NoteVerifier.parse(PETER_VKEY)


@pytest.fixture
def enoch() -> NoteVerifier:
    return NoteVerifier.parse(ENOCH_VKEY)


def test_signing_reproduces_the_go_note_byte_for_byte() -> None:
    assert sign_note(TEXT, peter_private_key(), "PeterNeumann") == GO_NOTE


def test_verifier_key_and_key_id_match_the_go_vector(peter: NoteVerifier) -> None:
    derived = NoteVerifier.from_public_key("PeterNeumann", peter_private_key().public_key())
    assert derived == peter
    assert derived.vkey == PETER_VKEY
    assert peter.key_id == bytes.fromhex("c74f20a3") == key_id("PeterNeumann", peter.public_key)


def test_go_note_opens(peter: NoteVerifier) -> None:
    assert open_note(GO_NOTE, [peter]) == TEXT
    assert open_note(GO_NOTE.encode(), [peter]) == TEXT


def test_one_signature_verified_and_an_unknown_one_ignored(peter: NoteVerifier) -> None:
    note = TEXT + "\n" + PETER_SIG + ENOCH_SIG
    assert open_note(note, [peter]) == TEXT
    assert len(parse_note(note).signatures) == 2


def test_both_signatures_verified(peter: NoteVerifier, enoch: NoteVerifier) -> None:
    assert open_note(TEXT + "\n" + PETER_SIG + ENOCH_SIG, [peter, enoch]) == TEXT


def test_note_without_a_trusted_signature_is_refused(enoch: NoteVerifier) -> None:
    with pytest.raises(NoteError, match="not signed by the trusted key"):
        open_note(GO_NOTE, [enoch])


def test_no_trusted_key_is_refused() -> None:
    with pytest.raises(NoteError, match="no trusted key"):
        open_note(GO_NOTE, [])


def test_signature_with_known_name_but_other_key_id_is_ignored(peter: NoteVerifier) -> None:
    impostor = NoteVerifier("PeterNeumann", NoteVerifier.parse(ENOCH_VKEY).public_key)
    assert impostor.key_id != peter.key_id
    with pytest.raises(NoteError, match="not signed"):
        open_note(GO_NOTE, [impostor])


def test_ambiguous_trusted_keys_are_refused(
    peter: NoteVerifier, enoch: NoteVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two different keys under one name and key ID: only a tampered key list (or a 1 in 2**32
    # collision) does this, and then no signature can be attributed, so nothing is trusted.
    shared_id = peter.key_id
    monkeypatch.setattr(note_module, "key_id", lambda name, public_key: shared_id)
    twin = NoteVerifier("PeterNeumann", enoch.public_key)
    with pytest.raises(NoteError, match="ambiguous trusted keys PeterNeumann\\+c74f20a3"):
        open_note(GO_NOTE, [peter, twin])


def test_the_same_trusted_key_twice_is_not_ambiguous(peter: NoteVerifier) -> None:
    assert open_note(GO_NOTE, [peter, NoteVerifier.parse(PETER_VKEY)]) == TEXT


def test_invalid_signature_from_trusted_key_rejects_the_note(peter: NoteVerifier) -> None:
    forged = TEXT + "\n" + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:]
    with pytest.raises(NoteError, match="invalid signature for key PeterNeumann\\+c74f20a3"):
        open_note(forged, [peter])
    # A valid signature does not excuse a failing one from the same key.
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(TEXT + "\n" + PETER_SIG + PETER_SIG[:60] + "ABCD" + PETER_SIG[60:], [peter])


def test_edited_text_fails(peter: NoteVerifier) -> None:
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(GO_NOTE.replace("cryptography", "cryptographY"), [peter])


def test_too_many_signatures_is_malformed(peter: NoteVerifier) -> None:
    assert open_note(TEXT + "\n" + PETER_SIG * MAX_SIGNATURES, [peter]) == TEXT
    with pytest.raises(NoteError, match="more than 100"):
        open_note(TEXT + "\n" + PETER_SIG * (MAX_SIGNATURES + 1), [peter])


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(TEXT, id="no-signature-block"),
        pytest.param(TEXT + "\n", id="empty-signature-block"),
        pytest.param(TEXT + "\n" + PETER_SIG[:-1], id="signature-without-newline"),
        pytest.param("\x01" + GO_NOTE, id="control-character"),
        pytest.param(
            TEXT + "\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZIn\n",
            id="space-in-name",
        ),
        pytest.param(GO_NOTE + "Unexpected line.\n", id="unexpected-line"),
        pytest.param(TEXT + "\n\u2014 PeterNeumann AAAA\n", id="signature-too-short"),
        pytest.param(TEXT + "\n\u2014 PeterNeumann x08go!ZJ\n", id="signature-not-base64"),
        pytest.param(TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBT==\n", id="non-canonical-base64"),
        pytest.param(TEXT + "\n\u2014 PeterNeumann \n", id="empty-signature"),
        pytest.param(TEXT + "\n- PeterNeumann x08go/ZJkuBS9UG/Sffc\n", id="hyphen-not-em-dash"),
        pytest.param(b"\xff" + GO_NOTE.encode(), id="not-utf8"),
        pytest.param("\ud800" + GO_NOTE, id="lone-surrogate"),
    ],
)
def test_malformed_notes_are_refused(peter: NoteVerifier, message: str | bytes) -> None:
    with pytest.raises(NoteError, match=r"malformed note|base64"):
        open_note(message, [peter])


def test_every_mangled_verifier_key_is_refused() -> None:
    # As Go's TestNewVerifier: every proper substring and every one-byte change must fail.
    for i in range(len(PETER_VKEY) + 1):
        for j in range(i + 1, len(PETER_VKEY) + 1):
            if (i, j) != (0, len(PETER_VKEY)):
                with pytest.raises(NoteError):
                    NoteVerifier.parse(PETER_VKEY[i:j])
    for i in range(len(PETER_VKEY)):
        mangled = PETER_VKEY[:i] + chr(ord(PETER_VKEY[i]) + 1) + PETER_VKEY[i + 1 :]
        with pytest.raises(NoteError):
            NoteVerifier.parse(mangled)


@pytest.mark.parametrize(
    ("vkey", "reason"),
    [
        # Go's own cases: a key of the wrong length and an unknown algorithm, each with a
        # key ID recomputed to match, so only the key itself is wrong.
        ("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", "base64"),
        ("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "Ed25519"),
        ("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "malformed"),
    ],
)
def test_verifier_keys_of_other_algorithms_or_spellings_are_refused(vkey: str, reason: str) -> None:
    with pytest.raises(NoteError, match=reason):
        NoteVerifier.parse(vkey)


def test_verifier_key_of_wrong_length_with_matching_key_id_is_refused(peter: NoteVerifier) -> None:
    material = b"\x01" + peter.public_key + b"\x00"
    ident = hashlib.sha256(b"PeterNeumann\n" + material).digest()[:4].hex()
    vkey = f"PeterNeumann+{ident}+{base64.b64encode(material).decode()}"
    with pytest.raises(NoteError, match="not an Ed25519 key"):
        NoteVerifier.parse(vkey)


@pytest.mark.parametrize("name", ["", "a+b", "a b", "a\u00a0b", "a\u3000b", "a\nb", "\ud800"])
def test_invalid_key_names(name: str) -> None:
    assert not is_valid_key_name(name)
    with pytest.raises(NoteError, match="not a valid key name"):
        sign_note(TEXT, peter_private_key(), name)


def test_verifier_needs_a_valid_name_and_a_32_byte_key() -> None:
    with pytest.raises(NoteError, match="valid key name"):
        NoteVerifier("bad name", bytes(32))
    with pytest.raises(NoteError, match="32 bytes"):
        NoteVerifier("name", bytes(31))


@pytest.mark.parametrize("text", ["abc", "", "tab\there\n"])
def test_sign_refuses_text_that_would_not_reopen(text: str) -> None:
    with pytest.raises(NoteError):
        sign_note(text, peter_private_key(), "PeterNeumann")


def test_text_with_blank_lines_survives_a_round_trip(peter: NoteVerifier) -> None:
    text = "first\n\nthird\n\n"
    assert open_note(sign_note(text, peter_private_key(), "PeterNeumann"), [peter]) == text
