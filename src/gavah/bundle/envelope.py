"""The outer envelope of a bundle file: a signed C2SP note in front of an age payload.

Owns the byte layout of a whole bundle (docs/bundles.md §2)::

    gavah-bundle/1\\n                 magic line
    <N>\\n                            byte length of the signed note, decimal
    <N bytes: signed note>           C2SP signed note, key name = the sender's log origin
    <payload>                        age v1 ciphertext, exactly ``payload-size`` bytes, to EOF

and the note's text (one ``key value`` line each): ``sender``, ``recipient``, ``since``,
``tree-size``, ``payload-size``, ``payload-sha256``, ``created``. The signature binds the
payload (by its SHA-256 and size) to the sender and to the one recipient it was made for. No I/O:
callers hand in bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.bundle.errors import CorruptBundleError, UnknownSenderError
from gavah.errors import GavahError
from gavah.ledger import NoteVerifier, sign_note
from gavah.ledger.note import parse_note

__all__ = [
    "MAGIC",
    "MAX_NOTE_SIZE",
    "Envelope",
    "EnvelopeHeader",
    "open_envelope",
    "read_header",
    "seal_envelope",
]

MAGIC = b"gavah-bundle/1\n"
#: A signed envelope note is a few hundred bytes; anything far larger is not one.
MAX_NOTE_SIZE = 64 * 1024
_FORMAT = "gavah-bundle/1"
_KEYS = ("sender", "recipient", "since", "tree-size", "payload-size", "payload-sha256", "created")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,19}")
_TIME = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True, slots=True)
class Envelope:
    """What the sender signed about a bundle."""

    sender: str
    recipient: str
    since: int
    tree_size: int
    payload_size: int
    payload_sha256: str
    created: dt.datetime

    def text(self) -> str:
        """The note text that is signed."""
        values = (
            self.sender,
            self.recipient,
            str(self.since),
            str(self.tree_size),
            str(self.payload_size),
            self.payload_sha256,
            self.created.astimezone(dt.UTC).strftime(_TIME),
        )
        body = "".join(f"{k} {v}\n" for k, v in zip(_KEYS, values, strict=True))
        return f"{_FORMAT}\n{body}"


@dataclass(frozen=True, slots=True)
class EnvelopeHeader:
    """The parsed, not yet verified, front of a bundle file."""

    note: bytes
    payload_offset: int
    signer: str
    key_id: bytes


def seal_envelope(envelope: Envelope, private_key: Ed25519PrivateKey) -> bytes:
    """The bytes to write before the payload: magic, note length and the signed note.

    Raises:
        NoteError: the sender's origin cannot name a key.
    """
    note = sign_note(envelope.text(), private_key, envelope.sender).encode("utf-8")
    return MAGIC + f"{len(note)}\n".encode("ascii") + note


def read_header(prefix: bytes, what: str = "bundle") -> EnvelopeHeader:
    """Parse the front of a bundle file (at least its first ``MAX_NOTE_SIZE + 64`` bytes).

    Raises:
        CorruptBundleError: the bytes do not start like a bundle, or the note is malformed.
    """
    if not prefix.startswith(MAGIC):
        raise CorruptBundleError(f"{what} is not a Gavah bundle (no gavah-bundle/1 header)")
    line_end = prefix.find(b"\n", len(MAGIC))
    length_text = prefix[len(MAGIC) : line_end].decode("ascii", "replace")
    if line_end < 0 or not _DECIMAL.fullmatch(length_text):
        raise CorruptBundleError(f"{what} is damaged: bad envelope length line")
    length = int(length_text)
    start = line_end + 1
    if length > MAX_NOTE_SIZE or len(prefix) < start + length:
        raise CorruptBundleError(f"{what} is truncated or damaged: the signed envelope is cut")
    note = prefix[start : start + length]
    try:
        parsed = parse_note(note)
    except GavahError as err:
        raise CorruptBundleError(
            f"{what} is damaged: its signed envelope is malformed ({err})"
        ) from None
    if not parsed.signatures:  # pragma: no cover - parse_note requires one
        raise CorruptBundleError(f"{what} is not signed")
    first = parsed.signatures[0]
    return EnvelopeHeader(note, start + length, first.name, first.key_id)


def _parse_text(text: str, what: str) -> Envelope:
    lines = text.split("\n")
    if lines[0] != _FORMAT or lines[-1] != "" or len(lines) != len(_KEYS) + 2:
        raise CorruptBundleError(f"{what}: unknown envelope format")
    values: dict[str, str] = {}
    for key, line in zip(_KEYS, lines[1:-1], strict=True):
        name, _, value = line.partition(" ")
        if name != key or not value:
            raise CorruptBundleError(f"{what}: envelope line {key!r} missing or malformed")
        values[key] = value
    for key in ("since", "tree-size", "payload-size"):
        if not _DECIMAL.fullmatch(values[key]):
            raise CorruptBundleError(f"{what}: envelope {key} is not a decimal")
    if not _SHA256.fullmatch(values["payload-sha256"]):
        raise CorruptBundleError(f"{what}: envelope payload-sha256 is not a SHA-256")
    try:
        created = dt.datetime.strptime(values["created"], _TIME).replace(tzinfo=dt.UTC)
    except ValueError:
        raise CorruptBundleError(f"{what}: envelope time is malformed") from None
    return Envelope(
        sender=values["sender"],
        recipient=values["recipient"],
        since=int(values["since"]),
        tree_size=int(values["tree-size"]),
        payload_size=int(values["payload-size"]),
        payload_sha256=values["payload-sha256"],
        created=created,
    )


def open_envelope(
    header: EnvelopeHeader, verifiers: Sequence[NoteVerifier], what: str = "bundle"
) -> Envelope:
    """Verify the envelope's signature against the known peers' keys and parse it.

    Raises:
        UnknownSenderError: no known peer's key (name and key ID) signed it.
        CorruptBundleError: the known key's signature does not verify (the envelope was
            altered), or the text is malformed, or the signer is not the stated sender.
    """
    note = parse_note(header.note)
    known = {(v.name, v.key_id): v for v in verifiers}
    signed = note.text.encode("utf-8")
    verifier = None
    for sig in note.signatures:
        candidate = known.get((sig.name, sig.key_id))
        if candidate is None:
            continue
        if not candidate.verify(signed, sig.signature):
            raise CorruptBundleError(
                f"{what} is tampered with: the signature of {sig.name} does not verify"
            )
        verifier = candidate
    if verifier is None:
        names = ", ".join(f"{s.name} (key id {s.key_id.hex()})" for s in note.signatures)
        raise UnknownSenderError(
            f"{what} is signed by an unknown key: {names}; check the sender's verifier key "
            "with them and run `gavah peers add NAME VKEY`"
        )
    envelope = _parse_text(note.text, what)
    if envelope.sender != verifier.name:
        raise CorruptBundleError(f"{what}: signed by {verifier.name} for sender {envelope.sender}")
    return envelope
