"""Re-wrapping blobs to the workspace's current age recipients (a partner's key added, say).

Owns re-encrypting one stored blob without its plaintext touching the disk: a thread decrypts
the blob into an OS pipe while the caller's thread encrypts from the pipe into staging, hashing
the plaintext on the way; the staged blob replaces the old one (atomic rename) only when the
plaintext's SHA-256 and size are the recorded ones. Each re-wrap is logged as a PREMIS
``encryption`` event. A crash leaves each blob either old or new, both readable by the original
identity. Must not change ``gavah.toml``: the command line adds recipients first.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from typing import Any

from gavah import __version__
from gavah.errors import GavahError
from gavah.ledger import CustodyEvent, EventType
from gavah.store import Store
from gavah.store.vault import VaultRepository
from gavah.vault.blobs import BlobError, BlobStore
from gavah.vault.log import append_event

__all__ = ["AGENT", "rewrap_all", "rewrap_blob"]

#: The agent named in the "encryption" custody events.
AGENT = f"gavah/{__version__} rewrap"


def rewrap_blob(
    blobs: BlobStore, sha256: str, size: int, identities: list[Any], recipients: tuple[str, ...]
) -> None:
    """Re-encrypt the blob of ``sha256`` to ``recipients``, checking its plaintext on the way.

    Raises:
        BlobError: the blob is missing, does not decrypt, or is not the recorded content.
    """
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def decrypt() -> None:
        try:
            with os.fdopen(write_fd, "wb") as sink:
                blobs.decrypt_into(sha256, identities, sink)
        except BaseException as err:
            failure.append(err)

    worker = threading.Thread(target=decrypt, name="gavah-rewrap-decrypt")
    worker.start()
    try:
        with os.fdopen(read_fd, "rb") as source:
            staged = blobs.stage(source, recipients)
    finally:
        worker.join()
    if failure:
        blobs.discard(staged)
        err = failure[0]
        raise err if isinstance(err, BlobError) else BlobError(f"blob {sha256}: {err}")
    if staged.digests.sha256 != sha256 or staged.digests.size != size:
        blobs.discard(staged)
        raise BlobError(f"blob {sha256} does not decrypt to its recorded content; left as it was")
    blobs.publish(staged)


def rewrap_all(
    *,
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    recipients: tuple[str, ...],
    clock: Callable[[], dt.datetime],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Re-wrap every blob to ``recipients``, logging one event each; return how many.

    Raises:
        GavahError: a blob failed (the ones before it are re-wrapped and logged).
    """
    with store.reader() as session:
        items = list(VaultRepository(session).all_digests())
    done = 0
    for evidence_id, sha256, _, size in items:
        try:
            rewrap_blob(blobs, sha256, size, identities, recipients)
        except BlobError as err:
            raise GavahError(f"item {evidence_id}: {err}") from None
        detail: dict[str, Any] = {"evidence_id": evidence_id, "recipients": list(recipients)}
        event = CustodyEvent(EventType.ENCRYPTION, sha256, AGENT, clock(), detail=detail)
        with store.session() as session:
            append_event(session, event)
        done += 1
        if progress is not None:
            progress(size)
    return done
