"""The workspace's vault and log, wired once: the log's verifier and an ingestor.

Owns :func:`workspace_verifier` (the log's verifier built from ``gavah.toml`` alone, never from
the database) and :func:`make_ingestor` (a :class:`gavah.vault.Ingestor` on the workspace's
store, blobs, age recipients and log, signing with the unlocked key). The work itself is
:mod:`gavah.vault`'s.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from gavah.ledger import NoteVerifier
from gavah.model.ids import ulid_ids
from gavah.vault import BlobStore, log_origin, log_verifier
from gavah.workspace.keys import public_key_from_base64

if TYPE_CHECKING:
    from gavah.vault import Ingestor
    from gavah.workspace import KeyPair, Workspace

__all__ = ["make_ingestor", "workspace_verifier"]


def workspace_verifier(workspace: Workspace) -> NoteVerifier:
    """The verifier of the workspace's log, built from ``gavah.toml`` alone.

    Raises:
        WorkspaceError: the public key in ``gavah.toml`` is malformed.
    """
    text = workspace.config.signing_public_key
    return log_verifier(text, public_key_from_base64(text))


def make_ingestor(
    workspace: Workspace,
    keys: KeyPair,
    clock: Callable[[], dt.datetime],
    *,
    agent: str | None = None,
) -> Ingestor:
    """An ingestor on ``workspace``'s vault and log; ``agent`` names it in custody events.

    Pillow and NumPy load with :mod:`gavah.vault`'s ingest, so they load only here.
    """
    from gavah.vault import Ingestor  # noqa: PLC0415 - Pillow and NumPy load slowly
    from gavah.vault.ingest import AGENT  # noqa: PLC0415

    return Ingestor(
        store=workspace.store(),
        blobs=BlobStore(workspace.vault_dir),
        recipients=workspace.config.age_recipients,
        signing_key=keys.signing_key,
        origin=log_origin(workspace.config.signing_public_key),
        clock=clock,
        ids=ulid_ids(clock, random.SystemRandom()),
        agent=AGENT if agent is None else agent,
    )
