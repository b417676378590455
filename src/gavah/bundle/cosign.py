"""Acknowledgements: C2SP tlog-cosignature/v1 (Ed25519) cosignatures of a peer's checkpoint.

Owns signing and verifying a cosignature (https://c2sp.org/tlog-cosignature): the cosigner signs
``cosignature/v1\\ntime <POSIX seconds>\\n`` followed by the checkpoint body, and the signature
line is ``— <cosigner name> base64(key ID || u64 big-endian timestamp || Ed25519 signature)``
with key ID ``SHA-256(name || 0x0A || 0x04 || public key)[:4]``. An acknowledgement is the
sender's signed checkpoint with the receiver's cosignature line appended: a statement by the
receiver that, at that time, this was the largest consistent tree of the sender it had seen.
No I/O, no clock: the time is handed in.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gavah.bundle.errors import CorruptBundleError, UnknownSenderError
from gavah.ledger import Checkpoint, NoteVerifier, open_checkpoint
from gavah.ledger.note import parse_note

__all__ = ["COSIGNATURE_TYPE", "Cosignature", "cosign", "cosigner_key_id", "open_cosigned"]

#: The signature type byte of Ed25519 cosignatures (C2SP tlog-cosignature).
COSIGNATURE_TYPE = 0x04
_HEADER = "cosignature/v1\n"
_MAX_TIMESTAMP = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Cosignature:
    """A verified acknowledgement: whose checkpoint, who cosigned it, and when."""

    checkpoint: Checkpoint
    cosigner: str
    time: dt.datetime
    note: str


def cosigner_key_id(name: str, public_key: bytes) -> bytes:
    """``SHA-256(name || 0x0A || 0x04 || public key)[:4]``."""
    return hashlib.sha256(
        name.encode("utf-8") + b"\n" + bytes([COSIGNATURE_TYPE]) + public_key
    ).digest()[:4]


def _message(body: str, timestamp: int) -> bytes:
    return f"{_HEADER}time {timestamp}\n{body}".encode()


def cosign(
    signed_checkpoint: str, private_key: Ed25519PrivateKey, name: str, now: dt.datetime
) -> str:
    """Append the cosignature line of ``name`` (key ``private_key``) at time ``now``.

    The caller must have verified the checkpoint (and its consistency) first.

    Raises:
        NoteError: the checkpoint note is malformed.
    """
    note = parse_note(signed_checkpoint)
    timestamp = int(now.timestamp())
    signature = private_key.sign(_message(note.text, timestamp))
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    blob = cosigner_key_id(name, raw) + struct.pack(">Q", timestamp) + signature
    line = f"— {name} {base64.b64encode(blob).decode('ascii')}\n"
    return signed_checkpoint + line


def open_cosigned(
    note: str, log: NoteVerifier, cosigner: str, cosigner_key: Ed25519PublicKey
) -> Cosignature:
    """Verify an acknowledgement: the log's own signature and the cosigner's cosignature.

    Raises:
        CorruptBundleError: a signature does not verify, or the note is malformed.
        UnknownSenderError: no cosignature of ``cosigner`` is on it.
    """
    try:
        checkpoint = open_checkpoint(note, log)
        parsed = parse_note(note)
    except Exception as err:
        raise CorruptBundleError(f"the acknowledgement does not verify: {err}") from None
    raw = cosigner_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    wanted = cosigner_key_id(cosigner, raw)
    for sig in parsed.signatures:
        if sig.name != cosigner or sig.key_id != wanted:
            continue
        if len(sig.signature) != 8 + 64:
            raise CorruptBundleError(f"the cosignature of {cosigner} is malformed")
        (timestamp,) = struct.unpack(">Q", sig.signature[:8])
        if timestamp > _MAX_TIMESTAMP:
            raise CorruptBundleError(f"the cosignature of {cosigner} has a bad time")
        try:
            cosigner_key.verify(sig.signature[8:], _message(parsed.text, timestamp))
        except (InvalidSignature, binascii.Error):
            raise CorruptBundleError(
                f"the cosignature of {cosigner} does not verify (altered acknowledgement)"
            ) from None
        when = dt.datetime.fromtimestamp(timestamp, dt.UTC)
        return Cosignature(checkpoint, cosigner, when, note)
    raise UnknownSenderError(f"the acknowledgement carries no cosignature by {cosigner}")
