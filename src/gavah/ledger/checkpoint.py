"""C2SP checkpoints: the signed tree heads of the ledger.

Owns the checkpoint body of https://c2sp.org/tlog-checkpoint (origin line, decimal tree size,
base64 root hash, optional extension lines, each ending in a newline), its strict parser, and
signing and opening it as a signed note. Gavah signs with the key name equal to the origin, so a
verifier key also says which log it speaks for. Keys are passed in; no I/O, no clock.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger.errors import CheckpointError
from gavah.ledger.hashing import HASH_SIZE
from gavah.ledger.note import NoteVerifier, is_valid_key_name, open_note, sign_note

__all__ = [
    "MAX_TREE_SIZE",
    "Checkpoint",
    "open_checkpoint",
    "parse_checkpoint",
    "sign_checkpoint",
]

MAX_TREE_SIZE = 2**64 - 1
"""Largest tree size a checkpoint may state (RFC 9162 sizes are uint64)."""

_DECIMAL = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A tree head: which log (origin), how many leaves, and the root hash over them."""

    origin: str
    tree_size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Check every field against the checkpoint format.

        Raises:
            CheckpointError: if the origin is empty or not one line, the size is out of range,
                the root is not 32 bytes, or an extension line is empty or not one line.
        """
        if not self.origin or "\n" in self.origin:
            raise CheckpointError("a checkpoint origin must be one non-empty line")
        if not 0 <= self.tree_size <= MAX_TREE_SIZE:
            raise CheckpointError(f"tree size {self.tree_size} is outside 0..2**64-1")
        if len(self.root_hash) != HASH_SIZE:
            raise CheckpointError(f"a root hash is {HASH_SIZE} bytes, not {len(self.root_hash)}")
        for line in self.extensions:
            if not line or "\n" in line:
                raise CheckpointError("a checkpoint extension must be one non-empty line")

    def body(self) -> str:
        """Return the note text: origin, size, base64 root, extensions, each line ending "\\n"."""
        root = base64.b64encode(self.root_hash).decode("ascii")
        lines = [self.origin, str(self.tree_size), root, *self.extensions]
        return "".join(line + "\n" for line in lines)


def parse_checkpoint(text: str) -> Checkpoint:
    """Parse a checkpoint body (the text of a signed note, signatures already removed).

    Raises:
        CheckpointError: if there are fewer than three lines, the text does not end in a newline,
            a line is empty, the size is not canonical decimal or the root not canonical base64.
    """
    if not text.endswith("\n"):
        raise CheckpointError("a checkpoint must end with a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise CheckpointError("a checkpoint needs origin, tree size and root hash lines")
    origin, size_text, root_text, *extensions = lines
    if not _DECIMAL.fullmatch(size_text):
        raise CheckpointError(f"tree size {size_text!r} is not a decimal without leading zeros")
    try:
        root = base64.b64decode(root_text, validate=True)
    except (binascii.Error, ValueError) as err:
        raise CheckpointError("the checkpoint root hash is not base64") from err
    if base64.b64encode(root).decode("ascii") != root_text:
        raise CheckpointError("the checkpoint root hash is not canonical base64")
    return Checkpoint(origin, int(size_text), root, tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, private_key: Ed25519PrivateKey) -> str:
    """Return ``checkpoint`` as a signed note, signed with key name = origin.

    Raises:
        CheckpointError: if the origin cannot be a key name (it holds a space or a ``+``).
    """
    if not is_valid_key_name(checkpoint.origin):
        raise CheckpointError(f"origin {checkpoint.origin!r} cannot name a signing key")
    return sign_note(checkpoint.body(), private_key, checkpoint.origin)


def open_checkpoint(signed_note: str | bytes, verifier: NoteVerifier) -> Checkpoint:
    """Verify a signed checkpoint from the log that ``verifier`` names, and parse it.

    The note must carry a valid signature from ``verifier`` (other signers, such as witnesses, are
    ignored) and its origin must equal the verifier's key name: a head signed by the same key for
    another log is refused.

    Raises:
        NoteError: if the note is malformed or not validly signed by a trusted key.
        CheckpointError: if the body is malformed or its origin is not ``verifier.name``.
    """
    text = open_note(signed_note, [verifier])
    checkpoint = parse_checkpoint(text)
    if checkpoint.origin != verifier.name:
        raise CheckpointError(f"checkpoint is for log {checkpoint.origin!r}, not {verifier.name!r}")
    return checkpoint
