"""Exports of a workspace, wired once: BagIt bags, dossiers and FollowTheMoney entities.

Owns :func:`export_workspace_bag` and :func:`export_workspace_dossier` (the workspace's store,
blobs, unlocked keys and the log's verifier from ``gavah.toml`` handed to
:func:`gavah.vault.bag.export_bag` and :func:`gavah.vault.dossier.export_dossier`; each logs its
own ``exporting`` custody event), :class:`FtmInputs` / :func:`ftm_inputs` (the accountability
structure, attributions, their incidents and the evidence they cite) and :func:`ftm_entities`
(the entities built and validated by :mod:`gavah.accountability.ftm`). ``followthemoney``,
``weasyprint`` and ``pyrage`` load slowly, so they are imported only when an export runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gavah.accountability.attribution import Attribution
from gavah.accountability.structure import Structure
from gavah.errors import GavahError
from gavah.model import EvidenceItem, Incident
from gavah.services.vault import workspace_verifier
from gavah.store import EvidenceRepository, Store
from gavah.store.accountability import AccountabilityRepository
from gavah.store.incidents import IncidentRepository
from gavah.vault import BlobStore

if TYPE_CHECKING:
    from gavah.accountability.ftm import EvidenceFile
    from gavah.vault.bag import BagSummary
    from gavah.vault.dossier import DossierSummary
    from gavah.workspace import KeyPair, Workspace

__all__ = [
    "FtmInputs",
    "export_workspace_bag",
    "export_workspace_dossier",
    "ftm_entities",
    "ftm_inputs",
]


def _vault_wiring(
    workspace: Workspace, keys: KeyPair, out_dir: Path, clock: Callable[[], dt.datetime]
) -> dict[str, Any]:
    """The arguments every vault export takes: store, blobs, keys, verifier, folder, clock."""
    return {
        "store": workspace.store(),
        "blobs": BlobStore(workspace.vault_dir),
        "identities": keys.identities,
        "signing_key": keys.signing_key,
        "verifier": workspace_verifier(workspace),
        "out_dir": out_dir,
        "clock": clock,
    }


def export_workspace_bag(
    workspace: Workspace,
    keys: KeyPair,
    out_dir: Path,
    clock: Callable[[], dt.datetime],
    *,
    case: str | None,
    items: Sequence[str],
    recipient: str | None,
) -> BagSummary:
    """Write a BagIt bag of ``case`` and/or ``items`` to ``out_dir`` (``gavah export bagit``).

    Raises:
        GavahError: nothing matches, ``out_dir`` is not new or empty, or the vault failed.
    """
    from gavah.vault.bag import export_bag  # noqa: PLC0415 - decrypting pulls in pyrage

    return export_bag(
        **_vault_wiring(workspace, keys, out_dir, clock),
        case=case,
        item_ids=list(items),
        recipient=recipient,
    )


def export_workspace_dossier(
    workspace: Workspace,
    keys: KeyPair,
    out_dir: Path,
    clock: Callable[[], dt.datetime],
    *,
    incident_id: str | None,
    official_id: str | None,
    recipient: str | None = None,
) -> DossierSummary:
    """Write a dossier on an incident or an official to ``out_dir`` (``gavah export dossier``).

    Raises:
        GavahError: the target is unknown or not exactly one is given, ``out_dir`` is not new
            or empty, or the vault failed.
    """
    from gavah.vault.dossier import export_dossier  # noqa: PLC0415 - weasyprint loads slowly

    return export_dossier(
        **_vault_wiring(workspace, keys, out_dir, clock),
        incident_id=incident_id,
        official_id=official_id,
        recipient=recipient,
    )


@dataclass(frozen=True, slots=True)
class FtmInputs:
    """What the FtM entities are built from; ``items`` is the evidence the attributions cite."""

    structure: Structure
    attributions: list[Attribution]
    incidents: list[Incident]
    items: list[EvidenceItem]


def ftm_inputs(store: Store) -> FtmInputs:
    """Read the accountability structure, the attributions, their incidents and evidence.

    Raises:
        GavahError: there is no unit or official yet (nothing to export).
        StorageError: the database cannot be read.
    """
    with store.reader() as session:
        repo = AccountabilityRepository(session)
        structure = repo.structure()
        attributions = repo.attributions()
        incidents = IncidentRepository(session).list()
        evidence = EvidenceRepository(session)
        wanted = sorted({e for a in attributions for e in a.evidence_ids})
        items = [item for e in wanted if (item := evidence.get(e)) is not None]
    if not structure.officials and not structure.units:
        raise GavahError("nothing to export: no unit or official yet (gavah units import)")
    return FtmInputs(structure, attributions, incidents, items)


def ftm_entities(inputs: FtmInputs, files: list[EvidenceFile]) -> tuple[list[dict[str, Any]], int]:
    """The FtM entities of ``inputs`` with Document entities for ``files``, and how many were
    validated (all of them: an invalid one raises).
    """
    from gavah.accountability.ftm import (  # noqa: PLC0415 - followthemoney loads slowly
        build_entities,
        validate_entities,
    )

    attributed = {a.incident_id for a in inputs.attributions}
    entities = build_entities(
        inputs.structure,
        [i for i in inputs.incidents if i.id in attributed],
        inputs.attributions,
        files,
    )
    return entities, validate_entities(entities)
