"""``gavah export ftm`` and ``gavah export dossier``: sanctions packages and dossiers.

Owns the two commands' options; :func:`attach` adds them to the ``export`` group. The entities
come from :mod:`gavah.accountability.ftm`, the dossier bag from :mod:`gavah.vault.dossier`, both
wired to the workspace (keys, store, vault, the log's key) by :mod:`gavah.services.exports`,
which the web app shares; this module hashes the evidence with a progress bar and writes the
FtM file atomically (a temporary file renamed into place). ``followthemoney`` and
``weasyprint`` load slowly, so they are imported only when these commands run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.errors import GavahError
from gavah.services.exports import export_workspace_dossier, ftm_entities, ftm_inputs
from gavah.vault import BlobStore
from gavah.workspace import Workspace

__all__ = ["attach", "dossier", "ftm"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_atomic(path: Path, text: str) -> None:
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:
        raise GavahError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise GavahError(f"cannot write {path}: {err.strerror or err}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def ftm(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="The FtM JSON-lines file to write.")],
    documents: Annotated[
        bool,
        typer.Option(
            "--documents/--no-documents",
            help="Include Document entities for the evidence (decrypts to hash it; needs the "
            "passphrase).",
        ),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Write FollowTheMoney entities: Person, Organization, Membership, Position, Occupancy,
    Event, Document and Documentation — each validated by the followthemoney library.

    Never a Sanction entity: that would assert a listing that does not exist. Document
    entities carry the original's SHA-1 as contentHash (FtM's convention) and the vault's
    SHA-256 in their id (gavah-sha256-<hex>).
    """
    from gavah.accountability.ftm import EvidenceFile  # noqa: PLC0415 - followthemoney is slow
    from gavah.vault.dossier import evidence_sha1  # noqa: PLC0415 - pulls in weasyprint lazily

    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        inputs = ftm_inputs(workspace.store())
        items = inputs.items
        files = []
        if documents and items:
            keys = workspace.unlock(read_passphrase(settings))
            if not keys.identities:
                raise GavahError("this workspace cannot decrypt: use --no-documents")
            blobs = BlobStore(workspace.vault_dir)
            with Progress(
                TextColumn("hashing evidence"), BarColumn(), MofNCompleteColumn(), transient=True
            ) as progress:
                task = progress.add_task("hash", total=len(items))
                for item in items:
                    files.append(EvidenceFile(item, evidence_sha1(blobs, keys.identities, item)))
                    progress.advance(task)
    finally:
        workspace.close()
    entities, checked = ftm_entities(inputs, files)
    text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)
    _write_atomic(out, text)
    counts: dict[str, int] = {}
    for entity in entities:
        counts[entity["schema"]] = counts.get(entity["schema"], 0) + 1
    if as_json:
        echo_json({"file": str(out), "entities": checked, "schemata": counts})
        return
    summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
    typer.echo(f"{checked} FtM entities written to {out} (all valid): {summary}")


def dossier(
    ctx: typer.Context,
    out_dir: Annotated[
        Path, typer.Argument(help="Folder to create the dossier in (new or empty).")
    ],
    incident_id: Annotated[
        str | None, typer.Option("--incident", help="A dossier about this incident.")
    ] = None,
    official_id: Annotated[
        str | None, typer.Option("--official", help="A dossier about this official.")
    ] = None,
    recipient: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Encrypt the evidence to this age public key (age1…) instead of decrypting it.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Write a dossier as a BagIt bag: narrative (HTML + PDF), FtM entities, the evidence
    (decrypted, or encrypted to --to), custody events with inclusion proofs, and the signed head.

    The narrative cites each supporting claim with its latest stored grade and lists the claims
    that contradict them. The export is itself a custody event. The bag opens and verifies
    without Gavah: bagit.py --validate OUT_DIR, then python OUT_DIR/data/ledger/check.py (it
    needs only the cryptography package).
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        with Progress(TextColumn("writing the dossier"), BarColumn(), transient=True) as progress:
            progress.add_task("dossier", total=None)
            summary = export_workspace_dossier(
                workspace,
                keys,
                out_dir,
                _now,
                incident_id=incident_id,
                official_id=official_id,
                recipient=recipient,
            )
    finally:
        workspace.close()
    result: dict[str, Any] = {
        "dossier": str(summary.path),
        "target": summary.target,
        "items": summary.items,
        "entities": summary.entities,
        "encrypted": summary.encrypted,
        "tree_size": summary.tree_size,
    }
    if as_json:
        echo_json(result)
        return
    how = "encrypted to the recipient" if summary.encrypted else "decrypted"
    typer.echo(
        f"dossier on {summary.target} written to {summary.path}: {summary.items} evidence items "
        f"({how}), {summary.entities} FtM entities; ledger signed at size {summary.tree_size}"
    )


def attach(export_app: typer.Typer) -> None:
    """Add ``ftm`` and ``dossier`` to the ``export`` group."""
    export_app.command("ftm")(ftm)
    export_app.command("dossier")(dossier)
