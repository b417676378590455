"""The web application's door to the vault: keys, ingest, proofs and the log's verifier.

Owns :class:`Vault` (the open workspace with its unlocked keys, installed on the app by
:func:`install_vault` when the server was started with the passphrase), :func:`vault_of` (503
when there is none), the ingest of one finished upload (:meth:`Vault.ingest`: the same
:class:`gavah.vault.Ingestor` steps as ``gavah ingest``, then a signed head and, when an
authority is configured, an RFC 3161 timestamp) and the inclusion proof of an item's ingestion
(:func:`item_proof`, :func:`check_proof`: what ``gavah ledger proof`` builds, re-verified by the
standalone verifier). The ingestor and the log's verifier (:func:`workspace_verifier`, its
public key always from ``gavah.toml``, never from the database) are wired by
:mod:`gavah.services.vault`, as for the command line. Must not render pages or parse requests.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException
from starlette.requests import HTTPConnection

from gavah.errors import GavahError
from gavah.ledger import (
    InclusionDocument,
    MemoryTree,
    NoteVerifier,
    VerificationError,
    inclusion_document,
    inclusion_proof,
)
from gavah.ledger.verifier import verify_inclusion_document
from gavah.model import EvidenceItem
from gavah.services.vault import make_ingestor, workspace_verifier
from gavah.store import EvidenceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.vault import BlobStore, log_origin
from gavah.vault.stamping import Stamper, read_timestamp_settings

if TYPE_CHECKING:
    from gavah.vault import Ingestor, IngestOutcome, IngestRequest
    from gavah.workspace import KeyPair, Workspace

__all__ = [
    "ProofCheck",
    "Vault",
    "check_proof",
    "install_vault",
    "item_proof",
    "vault_of",
    "workspace_verifier",
]

_STATE = "gavah_vault"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class Vault:
    """An open workspace with its unlocked keys, as the web application holds it.

    One ingest at a time (``lock``): the log is append-only and each batch is sealed at once.
    """

    workspace: Workspace
    keys: KeyPair
    clock: Callable[[], dt.datetime] = _now
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def store(self) -> Store:
        """The workspace's store (migrated)."""
        return self.workspace.store()

    @property
    def blobs(self) -> BlobStore:
        """The workspace's encrypted blobs."""
        return BlobStore(self.workspace.vault_dir)

    def _ingestor(self, actor: str) -> Ingestor:
        from gavah.vault.ingest import AGENT  # noqa: PLC0415 - Pillow and NumPy load slowly

        agent = f"{AGENT}; web upload by {actor}"
        return make_ingestor(self.workspace, self.keys, self.clock, agent=agent)

    def ingest(self, path: Path, request: IngestRequest, actor: str) -> IngestOutcome:
        """Ingest one file as ``gavah ingest`` does, with ``actor`` in its custody events.

        The batch (this file) is sealed under a signed head, then timestamped when an authority
        is configured (an unreachable one leaves the head pending, as on the command line).

        Raises:
            GavahError: the file cannot be read, or the vault or database failed.
        """
        with self.lock:
            ingestor = self._ingestor(actor)
            try:
                outcome = ingestor.ingest(path, request)
            finally:
                ingestor.seal()
            self._timestamp()
        return outcome

    def _timestamp(self) -> None:
        try:
            settings = read_timestamp_settings(
                self.workspace.config.extra.get("timestamp"), self.workspace.root
            )
            if settings is None:
                return
            Stamper(
                store=self.store,
                settings=settings,
                signing_key=self.keys.signing_key,
                origin=log_origin(self.workspace.config.signing_public_key),
                clock=self.clock,
            ).run()
        except GavahError:
            # As after `gavah ingest`: the head stays pending; `gavah ledger timestamp` retries.
            return


def install_vault(app: FastAPI, workspace: Workspace, keys: KeyPair) -> Vault:
    """Let ``app`` ingest into and export from ``workspace`` with its unlocked ``keys``."""
    vault = Vault(workspace=workspace, keys=keys)
    setattr(app.state, _STATE, vault)
    return vault


def vault_of(connection: HTTPConnection) -> Vault:
    """The app's :class:`Vault`.

    Raises:
        HTTPException: 503 when the server was started without the workspace's passphrase.
    """
    vault = getattr(connection.app.state, _STATE, None)
    if not isinstance(vault, Vault):
        raise HTTPException(
            status_code=503,
            detail="the server holds no workspace keys: start it with GAVAH_PASSPHRASE set",
        )
    return vault


def item_proof(store: Store, verifier: NoteVerifier, item: EvidenceItem) -> InclusionDocument:
    """The RFC 9162 inclusion proof of ``item``'s ingestion against the latest signed head
    (what ``gavah ledger proof ITEM --json`` prints).

    Raises:
        GavahError: no signed head covers the item yet.
        LedgerError: the stored head or path does not verify (the log was tampered with).
    """
    with store.reader() as session:
        ledger = LedgerRepository(session)
        signed = ledger.latest_head()
        if signed is None:
            raise GavahError("the ledger has no signed head yet")
        entries = [e for e in ledger.positions_of(item.sha256) if e.position < signed.tree_size]
        if not entries:
            raise GavahError(f"item {item.id} is not yet covered by a signed head")
        entry = entries[0]
        tree = MemoryTree(ledger.leaf_hashes(signed.tree_size))
    path = inclusion_proof(entry.position, signed.tree_size, tree)
    return inclusion_document(entry.entry, entry.position, path, signed.checkpoint, verifier)


@dataclass(frozen=True, slots=True)
class ProofCheck:
    """The result of checking an item's proof: ``ok``, and the head or the reason."""

    ok: bool
    reason: str
    tree_size: int | None = None
    root_hash: str | None = None
    document: Mapping[str, Any] | None = None


def check_proof(store: Store, verifier: NoteVerifier, item: EvidenceItem) -> ProofCheck:
    """Build the item's inclusion proof and verify it again with the standalone verifier
    (:func:`gavah.ledger.verifier.verify_inclusion_document`) under the key of ``gavah.toml``.

    Never raises for a proof that fails: the reason is the result.
    """
    try:
        document = item_proof(store, verifier, item)
        head = verify_inclusion_document(dict(document), verifier.vkey)
    except (GavahError, VerificationError) as err:
        return ProofCheck(ok=False, reason=str(err))
    with store.reader() as session:
        found = EvidenceRepository(session).get(item.id)
    if found is None or found.sha256 != item.sha256:  # pragma: no cover - read just before
        return ProofCheck(ok=False, reason="the item changed while it was checked")
    return ProofCheck(
        ok=True,
        reason="verified",
        tree_size=head.tree_size,
        root_hash=head.root_hash.hex(),
        document=document,
    )
