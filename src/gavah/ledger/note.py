"""C2SP signed notes with Ed25519 signatures, and their verifier keys.

Owns the signed-note format (https://c2sp.org/signed-note): a text ending in a newline, a blank
line, then signature lines ``— <key name> <base64(key ID || signature)>``; the Ed25519 key ID
(first four bytes of SHA-256(name || 0x0A || 0x01 || public key)); and the verifier key string of
golang.org/x/mod/sumdb/note, ``<name>+<hex key ID>+<base64(0x01 || public key)>``. Opening a note
fails closed: it needs a valid signature from a trusted key and rejects any failing one. Keys are
passed in, never generated or read here; no I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gavah.ledger.errors import NoteError

__all__ = [
    "ED25519_ALGORITHM",
    "MAX_SIGNATURES",
    "NoteSignature",
    "NoteVerifier",
    "SignedNote",
    "is_valid_key_name",
    "key_id",
    "open_note",
    "parse_note",
    "sign_note",
]

ED25519_ALGORITHM = 0x01
"""Signature type byte of Ed25519 in the C2SP signed-note registry."""

MAX_SIGNATURES = 100
"""Most signature lines accepted in one note (the spec asks for at least 16; Go's limit is 100)."""

_SIGNATURE_PREFIX = "\u2014 "  # em dash, space
_HEX_KEY_ID = re.compile(r"[0-9a-f]{8}")
_PUBLIC_KEY_SIZE = 32


def _b64decode(text: str, what: str) -> bytes:
    """Decode standard base64 (RFC 4648 §4), accepting only its one canonical spelling."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as err:
        raise NoteError(f"{what} is not valid base64") from err
    if base64.b64encode(raw).decode("ascii") != text:
        raise NoteError(f"{what} is not canonical base64")
    return raw


def is_valid_key_name(name: str) -> bool:
    """Return whether ``name`` may name a key: non-empty, no Unicode space, no ``+``, no control."""
    return (
        bool(name)
        and "+" not in name
        and not any(ch.isspace() or ord(ch) < 0x20 for ch in name)
        and _is_utf8(name)
    )


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _key_hash(name: str, key_material: bytes) -> bytes:
    # C2SP signed-note: key ID = SHA-256(key name || 0x0A || signature type || public key)[:4].
    return hashlib.sha256(name.encode("utf-8") + b"\n" + key_material).digest()[:4]


def key_id(name: str, public_key: bytes) -> bytes:
    """Return the 4-byte Ed25519 key ID: SHA-256(name || 0x0A || 0x01 || public key)[:4]."""
    return _key_hash(name, bytes([ED25519_ALGORITHM]) + public_key)


@dataclass(frozen=True, slots=True)
class NoteVerifier:
    """A trusted Ed25519 key, as named in signed notes: key name, key ID and public key."""

    name: str
    public_key: bytes

    def __post_init__(self) -> None:
        """Check the name and key length.

        Raises:
            NoteError: if the name is not a valid key name or the key is not 32 bytes.
        """
        if not is_valid_key_name(self.name):
            raise NoteError(f"{self.name!r} is not a valid key name")
        if len(self.public_key) != _PUBLIC_KEY_SIZE:
            raise NoteError(f"an Ed25519 public key is 32 bytes, not {len(self.public_key)}")

    @classmethod
    def from_public_key(cls, name: str, public_key: Ed25519PublicKey) -> NoteVerifier:
        """Build the verifier for ``public_key`` under key name ``name``.

        Raises:
            NoteError: if ``name`` is not a valid key name.
        """
        raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return cls(name, raw)

    @classmethod
    def parse(cls, vkey: str) -> NoteVerifier:
        """Parse a verifier key ``<name>+<hex key ID>+<base64(0x01 || public key)>``.

        Raises:
            NoteError: if any part is malformed, the algorithm is not Ed25519, or the key ID does
                not match the name and key.
        """
        name, _, rest = vkey.partition("+")
        hex_id, _, key64 = rest.partition("+")
        if not is_valid_key_name(name) or not _HEX_KEY_ID.fullmatch(hex_id) or not key64:
            raise NoteError("malformed verifier key (want name+keyid+base64key)")
        material = _b64decode(key64, "the verifier key's public key")
        if _key_hash(name, material) != bytes.fromhex(hex_id):
            raise NoteError(f"verifier key {name}+{hex_id} does not match its key ID")
        if material[0] != ED25519_ALGORITHM or len(material) != 1 + _PUBLIC_KEY_SIZE:
            raise NoteError(f"verifier key {name}+{hex_id} is not an Ed25519 key")
        return cls(name, material[1:])

    @property
    def key_id(self) -> bytes:
        """The 4-byte key ID that signature lines carry."""
        return key_id(self.name, self.public_key)

    @property
    def vkey(self) -> str:
        """The verifier key string, the form to publish and to hand to verifiers."""
        material = base64.b64encode(bytes([ED25519_ALGORITHM]) + self.public_key).decode("ascii")
        return f"{self.name}+{self.key_id.hex()}+{material}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Return whether ``signature`` is this key's Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True, slots=True)
class NoteSignature:
    """One signature line: key name, 4-byte key ID and the signature bytes."""

    name: str
    key_id: bytes
    signature: bytes

    def line(self) -> str:
        """Return the signature line, ending in a newline."""
        blob = base64.b64encode(self.key_id + self.signature).decode("ascii")
        return f"{_SIGNATURE_PREFIX}{self.name} {blob}\n"


@dataclass(frozen=True, slots=True)
class SignedNote:
    """A parsed, not yet verified, note: its text and its signature lines in order."""

    text: str
    signatures: tuple[NoteSignature, ...]


def _check_characters(message: str) -> None:
    # Signed notes are UTF-8 with no ASCII control characters but newline.
    if any(ord(ch) < 0x20 and ch != "\n" for ch in message) or not _is_utf8(message):
        raise NoteError("malformed note: control character or invalid Unicode")


def parse_note(message: str | bytes) -> SignedNote:
    """Split a signed note into text and signature lines, checking syntax only.

    Raises:
        NoteError: if the note is not UTF-8, holds control characters, has no blank line before
            a signature block, has a malformed signature line or more than
            :data:`MAX_SIGNATURES` of them.
    """
    if isinstance(message, bytes):
        try:
            message = message.decode("utf-8")
        except UnicodeDecodeError as err:
            raise NoteError("malformed note: not UTF-8") from err
    _check_characters(message)
    # The text ends at the last blank line; it keeps its final newline.
    split = message.rfind("\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line before the signatures")
    text, block = message[: split + 1], message[split + 2 :]
    if not block.endswith("\n"):
        raise NoteError("malformed note: no signature, or a signature line without a newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"malformed note: more than {MAX_SIGNATURES} signatures")
    signatures = []
    for line in lines:
        if not line.startswith(_SIGNATURE_PREFIX):
            raise NoteError("malformed note: a signature line does not start with an em dash")
        name, _, blob64 = line[len(_SIGNATURE_PREFIX) :].partition(" ")
        if not is_valid_key_name(name) or not blob64:
            raise NoteError("malformed note: bad key name in a signature line")
        blob = _b64decode(blob64, "a note signature")
        if len(blob) < 5:
            raise NoteError("malformed note: a signature is too short")
        signatures.append(NoteSignature(name, blob[:4], blob[4:]))
    return SignedNote(text, tuple(signatures))


def open_note(message: str | bytes, verifiers: Sequence[NoteVerifier]) -> str:
    """Verify a signed note against trusted keys and return its text.

    Signatures from unknown keys (even with a known name or a known key ID, but not both) are
    ignored, as the spec requires; every signature from a trusted key must verify, and at least
    one must be present.

    Raises:
        NoteError: if the note is malformed, no trusted key is given, two trusted keys share a
            name and key ID, a trusted key's signature fails, or no trusted key signed the note.
    """
    if not verifiers:
        raise NoteError("no trusted key given: a note cannot be verified against nothing")
    trusted: dict[tuple[str, bytes], NoteVerifier] = {}
    for verifier in verifiers:
        ident = (verifier.name, verifier.key_id)
        if ident in trusted and trusted[ident] != verifier:
            raise NoteError(f"ambiguous trusted keys {verifier.name}+{verifier.key_id.hex()}")
        trusted[ident] = verifier
    note = parse_note(message)
    signed = note.text.encode("utf-8")
    verified = 0
    for sig in note.signatures:
        known = trusted.get((sig.name, sig.key_id))
        if known is None:
            continue
        if not known.verify(signed, sig.signature):
            raise NoteError(f"invalid signature for key {sig.name}+{sig.key_id.hex()}")
        verified += 1
    if not verified:
        names = ", ".join(f"{name}+{ident.hex()}" for name, ident in trusted)
        raise NoteError(f"note is not signed by the trusted key ({names})")
    return note.text


def sign_note(text: str, private_key: Ed25519PrivateKey, name: str) -> str:
    """Sign ``text`` with an Ed25519 key under key name ``name``; return the signed note.

    Raises:
        NoteError: if ``name`` is not a valid key name, or ``text`` is empty, does not end in a
            newline, or holds control characters.
    """
    if not is_valid_key_name(name):
        raise NoteError(f"{name!r} is not a valid key name")
    if not text.endswith("\n"):
        raise NoteError("a note text must end with a newline")
    _check_characters(text)
    verifier = NoteVerifier.from_public_key(name, private_key.public_key())
    signature = private_key.sign(text.encode("utf-8"))
    return text + "\n" + NoteSignature(name, verifier.key_id, signature).line()
