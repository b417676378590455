"""Checking that a bundle extends what the receiver already holds of the sender's log.

Owns the log checks of an import (docs/bundles.md §5), in order: (1) the checkpoint opens with
the sender's known key, for the sender's log, at the stated size; (2) the bundle starts within
what the receiver holds; (3) every entry the receiver holds already is byte-identical to the
bundle's at the same position; (4) the RFC 9162 consistency proof links the root the receiver
computed at ``since`` to the new signed root; (5) no checkpoint seen before contradicts the new
one; (6) the entries recompute to the signed root; (7) every ingestion entry has its file in the
bundle, with the digests, size and media type the log recorded. A failure of (3), (4) or (5) is
a fork: the sender's log was rewritten after the receiver saw it. No I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gavah.bundle.errors import BundleError, CorruptBundleError, ForkError
from gavah.bundle.manifest import BundleItem, Manifest
from gavah.errors import GavahError
from gavah.ledger import (
    Checkpoint,
    CustodyEvent,
    EventType,
    NoteVerifier,
    decode_entry,
    leaf_hash,
    open_checkpoint,
    root_hash,
    verify_consistency,
)

__all__ = ["LogExtension", "SeenCheckpoint", "check_extension"]


@dataclass(frozen=True, slots=True)
class SeenCheckpoint:
    """A checkpoint of the sender's log accepted earlier."""

    tree_size: int
    root_hash: bytes
    received_at: dt.datetime


@dataclass(frozen=True, slots=True)
class LogExtension:
    """What a verified bundle adds: the checkpoint and the entries the receiver lacked."""

    checkpoint: Checkpoint
    new_entries: tuple[tuple[int, bytes, bytes, CustodyEvent], ...]  # position, entry, leaf, event
    items: tuple[tuple[BundleItem, CustodyEvent], ...]  # with its ingestion event


def _fork(sender: str, size: int, detail: str) -> ForkError:
    return ForkError(
        f"fork: {sender}'s log at size {size} {detail}: the log was rewritten; nothing imported"
    )


def _decode(entry: bytes, position: int, sender: str) -> CustodyEvent:
    try:
        return decode_entry(entry)
    except GavahError as err:
        raise CorruptBundleError(
            f"{sender}'s entry {position} is not a valid entry: {err}"
        ) from None


def check_extension(
    manifest: Manifest,
    verifier: NoteVerifier,
    held: Sequence[bytes],
    seen: Sequence[SeenCheckpoint],
) -> LogExtension:
    """Verify the bundle's log part against the receiver's copy of the sender's log.

    ``held`` are the leaf hashes of the sender's entries held so far (positions 0 .. h-1),
    ``seen`` the sender's checkpoints accepted before.

    Raises:
        ForkError: the bundle contradicts entries or checkpoints received before.
        CorruptBundleError: the checkpoint, proof, entries or items do not verify.
        BundleError: the bundle starts beyond what the receiver holds.
    """
    sender, since, size = manifest.sender, manifest.since, manifest.tree_size
    # 1. The checkpoint is the sender's, for its log, at the stated size.
    try:
        checkpoint = open_checkpoint(manifest.checkpoint, verifier)
    except GavahError as err:
        raise CorruptBundleError(f"{sender}'s checkpoint does not verify: {err}") from None
    if checkpoint.tree_size != size or not 0 <= since <= size:
        raise CorruptBundleError(f"{sender}'s bundle: checkpoint size and range disagree")
    if len(manifest.entries) != size - since:
        raise CorruptBundleError(
            f"{sender}'s bundle carries {len(manifest.entries)} entries, not {size - since}"
        )
    # 2. It starts within what is held.
    if since > len(held):
        raise BundleError(
            f"bundle starts at entry {since} of {sender}'s log but this workspace holds only "
            f"{len(held)} of its entries; ask for a bundle exported with --since {len(held)}"
        )
    leaves = [leaf_hash(e) for e in manifest.entries]
    # 3. What is held already is unchanged.
    for offset, leaf in enumerate(leaves):
        position = since + offset
        if position < len(held) and held[position] != leaf:
            raise _fork(sender, size, f"has a different entry {position} than received before")
    # 4. The consistency proof from the root at `since`, as the receiver computes it.
    if since > 0:
        old_root = root_hash(held[:since])
        try:
            verify_consistency(since, size, manifest.consistency, old_root, checkpoint.root_hash)
        except GavahError:
            raise _fork(
                sender, size, f"is not an extension of its log at size {since} as received before"
            ) from None
    combined = list(held[:since]) + leaves if size >= len(held) else list(held)
    # 5. No checkpoint seen before contradicts this one.
    for old in seen:
        if old.tree_size <= len(combined) and root_hash(combined[: old.tree_size]) != old.root_hash:
            when = old.received_at.strftime("%Y-%m-%d %H:%M UTC")
            raise _fork(
                sender, size, f"contradicts its checkpoint at size {old.tree_size} seen {when}"
            )
    # 6. The entries hash to the signed root.
    if root_hash(combined[:size]) != checkpoint.root_hash:
        raise CorruptBundleError(
            f"{sender}'s entries do not hash to its signed root at size {size}"
        )
    events = [_decode(e, since + i, sender) for i, e in enumerate(manifest.entries)]
    new_entries = tuple(
        (since + i, manifest.entries[i], leaves[i], events[i])
        for i in range(len(leaves))
        if since + i >= len(held)
    )
    return LogExtension(checkpoint, new_entries, _check_items(manifest, events))


def _check_items(
    manifest: Manifest, events: Sequence[CustodyEvent]
) -> tuple[tuple[BundleItem, CustodyEvent], ...]:
    sender, since = manifest.sender, manifest.since
    by_position = {item.position: item for item in manifest.items}
    if len(by_position) != len(manifest.items):
        raise CorruptBundleError(f"{sender}'s bundle lists a file twice")
    digests = {
        e.object: e.detail.get("sha512")
        for e in events
        if e.type is EventType.MESSAGE_DIGEST_CALCULATION
    }
    checked = []
    for offset, event in enumerate(events):
        position = since + offset
        item = by_position.pop(position, None)
        if event.type is not EventType.INGESTION:
            if item is not None:
                raise CorruptBundleError(f"{sender}'s bundle ties a file to entry {position}")
            continue
        if item is None:
            raise CorruptBundleError(f"{sender}'s bundle lacks the file of entry {position}")
        detail = event.detail
        if (
            event.object != item.sha256
            or detail.get("bytes") != item.size
            or detail.get("media_type") != item.media_type
            or digests.get(item.sha256) != item.sha512
        ):
            raise CorruptBundleError(
                f"{sender}'s file {item.sha256[:16]}… does not match its logged digests"
            )
        checked.append((item, event))
    if by_position:
        raise CorruptBundleError(f"{sender}'s bundle lists a file outside its entries")
    return tuple(checked)
