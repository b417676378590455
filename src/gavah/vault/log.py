"""The workspace's custody log: appending events, signing heads, and naming the log.

Owns the log's origin (derived from the workspace's signing key, so it is stable for the life of
the workspace and needs no stored state: ``gavah-workspace/<first 16 hex digits of SHA-256 of
the raw Ed25519 public key>``), the verifier key published with it, appending custody events to
the store inside the caller's transaction, and sealing the log with a signed C2SP checkpoint.
Must not open files or read the clock: times are handed in.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from gavah.ledger import Checkpoint, CustodyEvent, NoteVerifier, encode_entry, sign_checkpoint
from gavah.store.ledger import LedgerRepository, SignedHead

__all__ = ["ORIGIN_PREFIX", "append_event", "log_origin", "log_verifier", "seal_log"]

#: The fixed part of every Gavah workspace log's origin (a schema-less name, per C2SP).
ORIGIN_PREFIX = "gavah-workspace/"


def log_origin(signing_public_key: str) -> str:
    """The origin (and signing key name) of the log of the workspace with this public key.

    ``signing_public_key`` is the base64 key of ``gavah.toml``.
    """
    raw = base64.b64decode(signing_public_key)
    return ORIGIN_PREFIX + hashlib.sha256(raw).hexdigest()[:16]


def log_verifier(signing_public_key: str, public_key: Ed25519PublicKey) -> NoteVerifier:
    """The C2SP verifier of the workspace's log, from ``gavah.toml``'s public key."""
    return NoteVerifier.from_public_key(log_origin(signing_public_key), public_key)


def append_event(session: Session, event: CustodyEvent) -> int:
    """Append ``event`` as a canonical entry in the caller's transaction; return its position.

    Raises:
        StorageError: the database refused the entry.
    """
    return LedgerRepository(session).append(encode_entry(event), event.object, event.type.value)


def seal_log(
    session: Session, signing_key: Ed25519PrivateKey, origin: str, now: dt.datetime
) -> SignedHead | None:
    """Sign a checkpoint over the whole log unless its current size is signed already.

    Returns the new head, or ``None`` when there was nothing new to sign.

    Raises:
        StorageError: the head cannot be stored.
    """
    ledger = LedgerRepository(session)
    frontier = ledger.frontier()
    if frontier.size == 0 or ledger.head_at(frontier.size) is not None:
        return None
    root = frontier.root()
    signed = sign_checkpoint(Checkpoint(origin, frontier.size, root), signing_key)
    ledger.add_head(frontier.size, root, signed, now)
    return SignedHead(frontier.size, root, signed, now)
