"""Exports made from the web: run one, keep the result as a ZIP, list and find them.

Owns the exports folder of a workspace (``<workspace>/exports/``, mode 0700: a bag holds
decrypted originals) with, per export, ``<id>.zip`` and ``<id>.json`` (kind, who, when, what it
holds), and :func:`run_export`, which calls the same wiring as the command line, in
:mod:`gavah.services.exports` — the bag of ``gavah export bagit``, the dossier of ``gavah
export dossier`` and the entities of ``gavah export ftm`` — each logging its own ``exporting``
custody events where the command does. Exports run synchronously in the request's worker
thread: at demo sizes a bag or FtM file takes well under a second and a dossier a few seconds.
Must not speak HTTP.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from gavah.errors import GavahError
from gavah.services.exports import (
    export_workspace_bag,
    export_workspace_dossier,
    ftm_entities,
    ftm_inputs,
)
from gavah.web.vault_access import Vault

__all__ = [
    "EXPORTS_DIR",
    "ExportKind",
    "ExportRecord",
    "delete_export",
    "is_export_id",
    "list_exports",
    "run_export",
    "zip_path",
]

#: The folder of finished exports, inside the workspace.
EXPORTS_DIR = "exports"
_ID = re.compile(r"[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}")


class ExportKind(StrEnum):
    """The kinds of export the command line offers, and the web with it."""

    BAGIT = "bagit"
    FTM = "ftm"
    DOSSIER = "dossier"


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One finished export: what, by whom, when, and a one-line summary."""

    id: str
    kind: str
    actor: str
    at: dt.datetime
    summary: str
    bytes: int


def is_export_id(text: str) -> bool:
    """Whether ``text`` has the form of an export id."""
    return _ID.fullmatch(text) is not None


def _folder(vault: Vault) -> Path:
    folder = vault.workspace.root / EXPORTS_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def zip_path(vault: Vault, export_id: str) -> Path | None:
    """The ZIP of export ``export_id``, or ``None`` when there is none."""
    if not is_export_id(export_id):
        return None
    path = vault.workspace.root / EXPORTS_DIR / f"{export_id}.zip"
    return path if path.is_file() else None


def delete_export(vault: Vault, export_id: str) -> bool:
    """Delete export ``export_id`` (its ZIP and record); whether there was one."""
    path = zip_path(vault, export_id)
    if path is None:
        return False
    path.unlink(missing_ok=True)
    path.with_suffix(".json").unlink(missing_ok=True)
    return True


def list_exports(vault: Vault) -> list[ExportRecord]:
    """The finished exports, newest first."""
    folder = vault.workspace.root / EXPORTS_DIR
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.glob("*.json"), reverse=True):
        try:
            doc = json.loads(path.read_text("utf-8"))
            zipped = path.with_suffix(".zip").stat().st_size
            records.append(
                ExportRecord(
                    path.stem,
                    str(doc["kind"]),
                    str(doc["actor"]),
                    dt.datetime.fromisoformat(doc["at"]),
                    str(doc["summary"]),
                    zipped,
                )
            )
        except (OSError, ValueError, KeyError):
            continue
    return records


def _zip(source: Path, target: Path) -> None:
    temp = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(source.parent).as_posix())
    os.replace(temp, target)


def _bagit(vault: Vault, out: Path, items: Sequence[str], case: str | None, to: str | None) -> str:
    if case is None and not items:
        raise GavahError("say what to export: a case and/or evidence items")
    summary = export_workspace_bag(
        vault.workspace, vault.keys, out / "bag", vault.clock, case=case, items=items, recipient=to
    )
    return f"{summary.items} items, {summary.bytes} bytes; ledger at size {summary.tree_size}"


def _ftm(vault: Vault, out: Path) -> str:
    from gavah.accountability.ftm import EvidenceFile  # noqa: PLC0415 - followthemoney is slow
    from gavah.vault.dossier import evidence_sha1  # noqa: PLC0415 - weasyprint loads lazily

    inputs = ftm_inputs(vault.store)
    if inputs.items and not vault.keys.identities:
        raise GavahError("this workspace cannot decrypt its evidence")
    identities = vault.keys.identities
    files = [EvidenceFile(i, evidence_sha1(vault.blobs, identities, i)) for i in inputs.items]
    entities, checked = ftm_entities(inputs, files)
    out.mkdir()
    with (out / "entities.ftm.json").open("w", encoding="utf-8") as handle:
        for entity in entities:
            handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return f"{checked} FtM entities (all valid)"


def _dossier(vault: Vault, out: Path, incident: str | None, official: str | None) -> str:
    summary = export_workspace_dossier(
        vault.workspace,
        vault.keys,
        out / "dossier",
        vault.clock,
        incident_id=incident,
        official_id=official,
    )
    return (
        f"dossier on {summary.target}: {summary.items} items, {summary.entities} FtM entities; "
        f"ledger at size {summary.tree_size}"
    )


def run_export(
    vault: Vault,
    kind: ExportKind,
    actor: str,
    *,
    items: Sequence[str] = (),
    case: str | None = None,
    recipient: str | None = None,
    incident: str | None = None,
    official: str | None = None,
) -> ExportRecord:
    """Run one export as ``actor`` and keep it as a ZIP; return its record.

    Raises:
        GavahError: nothing to export, an unknown item or target, or the vault failed; nothing
            is kept then.
    """
    now = vault.clock()
    export_id = f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"
    folder = _folder(vault)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
    try:
        out = work / export_id
        args: dict[str, Any] = {}
        if kind is ExportKind.BAGIT:
            out.mkdir()
            summary = _bagit(vault, out, items, case, recipient)
            args = {"items": list(items), "case": case, "recipient": recipient}
        elif kind is ExportKind.FTM:
            summary = _ftm(vault, out)
        else:
            out.mkdir()
            summary = _dossier(vault, out, incident, official)
            args = {"incident": incident, "official": official}
        _zip(out, folder / f"{export_id}.zip")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    document = {
        "kind": kind.value,
        "actor": actor,
        "at": now.isoformat(),
        "summary": summary,
        "arguments": args,
    }
    (folder / f"{export_id}.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    size = (folder / f"{export_id}.zip").stat().st_size
    return ExportRecord(export_id, kind.value, actor, now, summary, size)
