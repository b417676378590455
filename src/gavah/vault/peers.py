"""Peers, acknowledgements and proofs about peers' logs: the rest of store-and-forward sync.

Owns adding peers (a name, the verifier key of their log, optionally their age recipient),
issuing an acknowledgement (our C2SP cosignature of a peer's latest accepted checkpoint),
importing an acknowledgement of our own checkpoint (both signatures verified, and the checkpoint
must be one our log actually signed), the size a peer last acknowledged (the default start of
the next bundle for it), and RFC 9162 inclusion proofs of received items in the sender's signed
log. Must not print or prompt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from gavah.bundle import BundleError, UnknownSenderError, cosign, open_cosigned
from gavah.errors import GavahError
from gavah.ledger import (
    InclusionDocument,
    MemoryTree,
    NoteVerifier,
    inclusion_document,
    inclusion_proof,
)
from gavah.ledger.note import parse_note
from gavah.store import EvidenceRepository, Store
from gavah.store.bundles import BundleRepository, Peer, StoredAck
from gavah.store.ledger import LedgerRepository

__all__ = [
    "PeerProof",
    "acked_size",
    "add_peer",
    "import_ack",
    "make_ack",
    "peer_proofs",
    "peers_document",
]


@dataclass(frozen=True, slots=True)
class PeerProof:
    """An inclusion proof of an item's ingestion in a peer's log, with the key to check it."""

    peer: str
    vkey: str
    document: InclusionDocument


def add_peer(store: Store, name: str, vkey: str, recipient: str | None, now: dt.datetime) -> Peer:
    """Trust ``vkey`` as the log key of the peer ``name`` (replacing an earlier entry).

    Raises:
        BundleError: the verifier key or the recipient is malformed.
    """
    try:
        verifier = NoteVerifier.parse(vkey.strip())
    except GavahError as err:
        raise BundleError(f"bad verifier key for {name}: {err}") from None
    if recipient is not None:
        try:
            pyrage.x25519.Recipient.from_str(recipient)
        except pyrage.RecipientError:
            raise BundleError(f"{recipient!r} is not an age recipient (age1…)") from None
    peer = Peer(name, verifier.name, verifier.vkey, recipient, now)
    with store.session() as session:
        repo = BundleRepository(session)
        other = repo.peer_by_origin(verifier.name)
        if other is not None and other.name != name:
            raise BundleError(f"that key is already the peer {other.name!r}")
        repo.add_peer(peer)
    return peer


def _peer(repo: BundleRepository, name: str) -> Peer:
    peer = repo.peer(name)
    if peer is None:
        raise BundleError(f"no peer {name!r}; see `gavah peers list`")
    return peer


def make_ack(
    store: Store, peer_name: str, signing_key: Ed25519PrivateKey, origin: str, now: dt.datetime
) -> tuple[str, int]:
    """Cosign the peer's latest accepted checkpoint as witness ``origin``; return it and its size.

    Raises:
        BundleError: no such peer, or nothing of it was imported yet.
    """
    with store.reader() as session:
        repo = BundleRepository(session)
        peer = _peer(repo, peer_name)
        checkpoints = repo.checkpoints(peer.origin)
    if not checkpoints:
        raise BundleError(f"nothing was imported from {peer_name} yet: no checkpoint to cosign")
    latest = checkpoints[-1]
    return cosign(latest.checkpoint, signing_key, origin, now), latest.tree_size


def _ed25519(vkey: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(NoteVerifier.parse(vkey).public_key)


def import_ack(store: Store, note: str, own: NoteVerifier, now: dt.datetime) -> StoredAck:
    """Verify and store a peer's cosignature of one of our checkpoints.

    Raises:
        UnknownSenderError: no known peer cosigned it.
        CorruptBundleError: a signature does not verify.
        BundleError: it acknowledges a checkpoint this workspace never signed.
    """
    try:
        names = {sig.name for sig in parse_note(note).signatures}
    except GavahError as err:
        raise BundleError(f"not an acknowledgement: {err}") from None
    with store.session() as session:
        repo = BundleRepository(session)
        peers = [p for p in repo.peers() if p.origin in names]
        if not peers:
            raise UnknownSenderError(
                "the acknowledgement is cosigned by no known peer; add the peer first with "
                "`gavah peers add NAME VKEY`"
            )
        peer = peers[0]
        cosigned = open_cosigned(note, own, peer.origin, _ed25519(peer.vkey))
        checkpoint = cosigned.checkpoint
        head = LedgerRepository(session).head_at(checkpoint.tree_size)
        if head is None or head.root_hash != checkpoint.root_hash:
            raise BundleError(
                f"{peer.name} acknowledges a checkpoint at size {checkpoint.tree_size} that this "
                "workspace never signed"
            )
        ack = StoredAck(
            peer.origin, checkpoint.tree_size, checkpoint.root_hash, note, cosigned.time, now
        )
        repo.add_ack(ack)
    return ack


def acked_size(store: Store, peer: Peer | None) -> int:
    """The largest tree size of ours that ``peer`` acknowledged (0 when none, or no peer)."""
    if peer is None:
        return 0
    with store.reader() as session:
        acks = BundleRepository(session).acks(peer.origin)
    return max((a.tree_size for a in acks), default=0)


def peer_proofs(store: Store, item: str) -> list[PeerProof]:
    """Inclusion proofs of ``item`` (an evidence id or SHA-256) in every peer log it came from.

    Each proves the peer's ingestion entry against the latest checkpoint of that peer that
    this workspace accepted.

    Raises:
        BundleError: no such item, or it did not come by bundle.
    """
    with store.reader() as session:
        evidence = EvidenceRepository(session)
        found = evidence.get(item) or evidence.get_by_sha256(item.lower())
        if found is None:
            raise BundleError(f"no evidence item {item!r} (give an evidence id or a SHA-256)")
        repo = BundleRepository(session)
        origins = repo.origins_of(found.sha256)
        if not origins:
            raise BundleError(f"item {found.id} did not come by bundle")
        proofs = []
        for origin, position in origins:
            peer = repo.peer_by_origin(origin)
            checkpoint = repo.checkpoints(origin)[-1]
            entry = repo.entry_at(origin, position)
            if peer is None or entry is None:
                raise BundleError(f"the log of {origin} is not held here any more")
            tree = MemoryTree(repo.leaf_hashes(origin, checkpoint.tree_size))
            path = inclusion_proof(position, checkpoint.tree_size, tree)
            verifier = NoteVerifier.parse(peer.vkey)
            document = inclusion_document(entry, position, path, checkpoint.checkpoint, verifier)
            proofs.append(PeerProof(peer.name, peer.vkey, document))
    return proofs


def peers_document(store: Store) -> list[dict[str, Any]]:
    """Every peer with what was received from it and what it acknowledged, as JSON-ready data."""
    with store.reader() as session:
        repo = BundleRepository(session)
        rows = []
        for peer in repo.peers():
            checkpoints = repo.checkpoints(peer.origin)
            acks = repo.acks(peer.origin)
            rows.append(
                {
                    "name": peer.name,
                    "origin": peer.origin,
                    "vkey": peer.vkey,
                    "recipient": peer.recipient,
                    "received_size": checkpoints[-1].tree_size if checkpoints else 0,
                    "checkpoints": len(checkpoints),
                    "acknowledged_size": max((a.tree_size for a in acks), default=0),
                }
            )
    return rows
