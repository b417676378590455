"""Dossiers: a BagIt bag about one official or one incident, for investigators and authorities.

Owns :func:`export_dossier` and :func:`evidence_sha1`. The bag (docs/accountability.md):

* ``data/narrative/<target>.html`` and ``.pdf`` — the narrative (identity, position, conduct,
  evidence, information that cuts the other way), citing each supporting claim with its latest
  stored grade and listing the claims that contradict them, with the Vazirmatn font it uses in
  ``data/narrative/fonts/`` (OFL, licence beside it);
* ``data/ftm/entities.jsonl`` — the FollowTheMoney entities, validated one by one;
* ``data/originals/<id>/<name>`` — each evidence original, decrypted and re-hashed; or, with a
  recipient age key, ``data/encrypted/<id>/<name>.age`` encrypted to that key by streaming (the
  plaintext never touches the disk) and checked against the recorded SHA-256 on the way;
* ``data/evidence/<id>.json`` — each item with every custody event and its RFC 9162 inclusion
  proof; ``data/ledger/head.json`` and ``vkey.txt`` — the signed head and its key;
  ``data/ledger/dossier.json`` — the proof of the dossier's own export event;
  ``data/ledger/verifier.py`` and ``check.py`` — the standalone verifier and a script that
  checks every proof and digest with it, without Gavah;
* SHA-256 and SHA-512 manifests (via :mod:`gavah.vault.bag`).

The export is logged before the proofs are made ("exporting", one event per item and one for
the dossier, whose object is the SHA-256 of ``entities.jsonl``), so the bag proves its own
export. Built in a staging folder and renamed into place: a failed export leaves nothing.
Must not prompt or print.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah import __version__
from gavah.accountability import (
    Attribution,
    Narrative,
    Structure,
    command_chain,
    contrary_facts,
    incident_narrative,
    incidents_under_command,
    official_narrative,
    render_html,
)
from gavah.errors import GavahError
from gavah.ledger import (
    CustodyEvent,
    EventType,
    MemoryTree,
    NoteVerifier,
    inclusion_document,
    inclusion_proof,
)
from gavah.model import EvidenceItem, Incident
from gavah.store import EvidenceRepository, IncidentRepository, Store
from gavah.store.accountability import AccountabilityRepository, claim_context
from gavah.store.ledger import LedgerRepository
from gavah.vault.bag import (
    check_original,
    decrypt_original,
    hash_file,
    log_export,
    safe_name,
    write_custody,
    write_tag_files,
)
from gavah.vault.blobs import BlobStore
from gavah.vault.digest import HashingWriter
from gavah.vault.dossier_check import CHECK_SCRIPT, verifier_source
from gavah.vault.log import append_event

__all__ = ["AGENT", "DossierSummary", "evidence_sha1", "export_dossier", "fonts_dir"]

#: The agent named in the dossier's "exporting" custody events.
AGENT = f"gavah/{__version__} export dossier"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class DossierSummary:
    """What was exported."""

    path: Path
    target: str
    items: int
    entities: int
    tree_size: int
    encrypted: bool


def fonts_dir() -> Path:
    """The folder of the shipped fonts (Vazirmatn, OFL)."""
    return Path(str(resources.files("gavah") / "assets" / "fonts"))


def evidence_sha1(blobs: BlobStore, identities: list[Any], item: EvidenceItem) -> str:
    """The SHA-1 of an item's original (FtM's ``contentHash``), by streaming decryption.

    Raises:
        GavahError: the blob is missing or does not decrypt to the recorded content.
    """
    sink = HashingWriter(also=("sha1",))
    blobs.decrypt_into(item.sha256, identities, sink)  # type: ignore[arg-type]
    check_original(item, sink.digests)
    return sink.extra["sha1"]


class _PipeReader:
    """Reads the read end of a pipe, hashing the plaintext on its way to the encrypter."""

    def __init__(self, handle: Any, hashes: HashingWriter) -> None:
        self._handle = handle
        self._hashes = hashes

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._handle.read(size)
        self._hashes.write(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _encrypt_original(
    blobs: BlobStore, identities: list[Any], item: EvidenceItem, root: Path, recipient: Any
) -> tuple[str, str]:
    relative = f"data/encrypted/{item.id}/{safe_name(item.original_filename)}.age"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def decrypt() -> None:
        try:
            with os.fdopen(write_fd, "wb") as sink:
                blobs.decrypt_into(item.sha256, identities, sink)
        except BaseException as err:
            failure.append(err)

    hashes = HashingWriter(also=("sha1",))
    worker = threading.Thread(target=decrypt, name="gavah-dossier-decrypt")
    worker.start()
    try:
        with os.fdopen(read_fd, "rb") as source, target.open("xb") as out:
            pyrage.encrypt_io(_PipeReader(source, hashes), out, [recipient])
    finally:
        worker.join()
    if failure:
        err = failure[0]
        raise err if isinstance(err, GavahError) else GavahError(f"item {item.id}: {err}")
    check_original(item, hashes.digests)
    return relative, hashes.extra["sha1"]


def _sub_structure(structure: Structure, unit_ids: set[str], official_ids: set[str]) -> Structure:
    return Structure(
        units=tuple(u for u in structure.units if u.id in unit_ids),
        officials=tuple(o for o in structure.officials if o.id in official_ids),
        parents=tuple(
            r for r in structure.parents if r.unit_id in unit_ids and r.parent_id in unit_ids
        ),
        postings=tuple(
            p for p in structure.postings if p.official_id in official_ids and p.unit_id in unit_ids
        ),
        unit_sources={k: v for k, v in structure.unit_sources.items() if k in unit_ids},
        official_sources={k: v for k, v in structure.official_sources.items() if k in official_ids},
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    narrative: Narrative
    structure: Structure
    incidents: list[Incident]
    attributions: list[Attribution]
    items: list[EvidenceItem]


def _plan(
    store: Store, incident_id: str | None, official_id: str | None, prepared: dt.date
) -> _Plan:
    with store.reader() as session:
        repo = AccountabilityRepository(session)
        structure = repo.structure()
        incidents = IncidentRepository(session).list()
        attributions = repo.attributions()
        evidence_repo = EvidenceRepository(session)
        wanted = {e for a in attributions for e in a.evidence_ids}
        found = {e: evidence_repo.get(e) for e in sorted(wanted)}
        context = claim_context(session, attributions)
    items_by_id = {key: item for key, item in found.items() if item is not None}
    if official_id is not None:
        links = incidents_under_command(structure, official_id, incidents, attributions)
        chosen = list({link.attribution.id: link.attribution for link in links}.values())
        narrative = official_narrative(
            structure,
            official_id,
            incidents=incidents,
            attributions=attributions,
            evidence=items_by_id,
            prepared=prepared,
            grades=context.grades,
            contrary=contrary_facts(chosen, context.claims, context.grades),
        )
        units = {u for link in links for u in link.path}
        units |= {p.unit_id for p in structure.postings if p.official_id == official_id}
        officials = {official_id}
    else:
        incident = next((i for i in incidents if i.id == incident_id), None)
        if incident is None:
            raise GavahError(f"no incident {incident_id!r}")
        chosen = [a for a in attributions if a.incident_id == incident.id]
        narrative = incident_narrative(
            structure,
            incident,
            attributions=chosen,
            evidence=items_by_id,
            prepared=prepared,
            grades=context.grades,
            contrary=contrary_facts(chosen, context.claims, context.grades),
        )
        answer = command_chain(structure, incident, chosen)
        units = {level.unit.id for chain in answer.chains for level in chain.levels}
        officials = {
            h.official.id for c in answer.chains for level in c.levels for h in level.commanders
        }
    chosen = list({a.id: a for a in chosen}.values())
    units |= {a.unit_id for a in chosen if a.unit_id}
    officials |= {a.official_id for a in chosen if a.official_id}
    missing = sorted({e for a in chosen for e in a.evidence_ids} - set(items_by_id))
    if missing:
        raise GavahError(f"evidence {missing[0]!r} named by an attribution is not in the vault")
    chosen_incidents = sorted({a.incident_id for a in chosen})
    return _Plan(
        narrative,
        _sub_structure(structure, units, officials),
        [i for i in incidents if i.id in chosen_incidents],
        chosen,
        [items_by_id[e] for e in narrative.evidence_ids],
    )


def export_dossier(
    *,
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    signing_key: Ed25519PrivateKey,
    verifier: NoteVerifier,
    out_dir: Path,
    clock: Callable[[], dt.datetime],
    incident_id: str | None = None,
    official_id: str | None = None,
    recipient: str | None = None,
) -> DossierSummary:
    """Write the dossier about an incident or an official at ``out_dir``.

    Raises:
        GavahError: the target is unknown or not exactly one is given, ``out_dir`` exists and
            is not empty, the recipient is not an age public key, evidence does not decrypt to
            its recorded digests, an FtM entity is invalid, or writing fails; no bag is left.
    """
    if (incident_id is None) == (official_id is None):
        raise GavahError("say what the dossier is about: --incident ID or --official ID")
    key = None
    if recipient is not None:
        try:
            key = pyrage.x25519.Recipient.from_str(recipient)
        except pyrage.RecipientError:
            raise GavahError(f"{recipient!r} is not an age public key (age1…)") from None
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise GavahError(f"{out_dir} exists and is not an empty folder")
    plan = _plan(store, incident_id, official_id, clock().date())
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.dossier-", dir=out_dir.parent))
    try:
        summary = _build(
            store, blobs, identities, signing_key, verifier, staging, clock, plan, key, recipient
        )
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(staging, out_dir)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise GavahError(f"cannot write the dossier at {out_dir}: {err}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return DossierSummary(out_dir, *summary)


def _render_pdf(html: str, base: Path) -> bytes:
    # WeasyPrint shapes Persian with HarfBuzz through Pango; without the system's
    # HarfBuzz-Subset library it subsets fonts with fontTools and says so in a
    # DeprecationWarning, which is not the user's to act on.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        from weasyprint import HTML  # noqa: PLC0415 - heavy; only dossiers need it

        pdf: bytes = HTML(string=html, base_url=str(base) + os.sep).write_pdf()
    return pdf


def _build(  # noqa: PLR0917 - private step of export_dossier
    store: Store,
    blobs: BlobStore,
    identities: list[Any],
    signing_key: Ed25519PrivateKey,
    verifier: NoteVerifier,
    root: Path,
    clock: Callable[[], dt.datetime],
    plan: _Plan,
    key: Any,
    recipient: str | None,
) -> tuple[str, int, int, int, bool]:
    from gavah.accountability.ftm import (  # noqa: PLC0415 - followthemoney loads slowly
        EvidenceFile,
        build_entities,
        validate_entities,
    )

    data = root / "data"
    payload: dict[str, dict[str, str]] = {}
    # 1. Evidence: decrypted and re-hashed, or re-encrypted to the recipient by streaming.
    paths: dict[str, str] = {}
    files = []
    for item in plan.items:
        if key is None:
            relative, found = decrypt_original(blobs, identities, item, root, also=("sha1",))
            sha1 = found.pop("sha1")
            payload[relative] = found  # hashed while decrypting: not read a second time
        else:
            relative, sha1 = _encrypt_original(blobs, identities, item, root, key)
        paths[item.id] = relative
        files.append(EvidenceFile(item, sha1))
    # 2. FtM entities, each validated; never a Sanction.
    entities = build_entities(plan.structure, plan.incidents, plan.attributions, files)
    validate_entities(entities)
    ftm = data / "ftm" / "entities.jsonl"
    ftm.parent.mkdir(parents=True)
    lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)
    ftm.write_text(lines, encoding="utf-8")
    # 3. The narrative, in HTML and PDF, with the font it uses.
    narrative_dir = data / "narrative"
    # The TrueType files the PDF and HTML use, and their licence (not the web's WOFF2 copies).
    shutil.copytree(
        fonts_dir(), narrative_dir / "fonts", ignore=shutil.ignore_patterns("*.woff", "*.woff2")
    )
    name = safe_name(f"{plan.narrative.kind}-{plan.narrative.target_id}")
    html = render_html(plan.narrative, font_base="fonts/")
    (narrative_dir / f"{name}.html").write_text(html, encoding="utf-8")
    (narrative_dir / f"{name}.pdf").write_bytes(_render_pdf(html, narrative_dir))
    # 4. Log the export (one event per item, one for the dossier), then sign a head.
    dossier_sha256 = hashlib.sha256(ftm.read_bytes()).hexdigest()
    detail: dict[str, Any] = {
        "format": "Gavah dossier (BagIt 1.0)",
        "target": f"{plan.narrative.kind} {plan.narrative.target_id}",
        "evidence": "encrypted" if key is not None else "decrypted",
    }
    if recipient is not None:
        detail["recipient"] = recipient
    with store.session() as session:
        append_event(
            session,
            CustodyEvent(
                EventType.EXPORTING,
                dossier_sha256,
                AGENT,
                clock(),
                detail={**detail, "object": "data/ftm/entities.jsonl"},
            ),
        )
    log_export(store, plan.items, AGENT, detail, signing_key, verifier, clock)
    # 5. Custody with proofs, the head, and the dossier's own export event.
    tree_size = write_custody(store, plan.items, paths, verifier, data)
    _write_dossier_proof(store, dossier_sha256, verifier, data / "ledger" / "dossier.json")
    # 6. What a recipient without Gavah checks it with.
    (data / "ledger" / "verifier.py").write_text(verifier_source(), encoding="utf-8")
    (data / "ledger" / "check.py").write_text(CHECK_SCRIPT, encoding="utf-8")
    for written in sorted(p for p in data.rglob("*") if p.is_file()):
        relative = written.relative_to(root).as_posix()
        if relative not in payload:
            payload[relative] = hash_file(written)
    description = (
        f"Gavah dossier on {plan.narrative.kind} {plan.narrative.target_id}: narrative,\n"
        "  FollowTheMoney entities, evidence with custody events, RFC 9162 inclusion proofs\n"
        "  and the signed ledger head (see data/ledger)."
    )
    write_tag_files(root, payload, clock(), description)
    target = f"{plan.narrative.kind} {plan.narrative.target_id}"
    return target, len(plan.items), len(entities), tree_size, key is not None


def _write_dossier_proof(store: Store, sha256: str, verifier: NoteVerifier, path: Path) -> None:
    with store.reader() as session:
        ledger = LedgerRepository(session)
        head = ledger.latest_head()
        if head is None:  # pragma: no cover - log_export always leaves a head
            raise GavahError("the ledger has no signed head")
        tree = MemoryTree(ledger.leaf_hashes(head.tree_size))
        documents = [
            inclusion_document(
                entry.entry,
                entry.position,
                inclusion_proof(entry.position, head.tree_size, tree),
                head.checkpoint,
                verifier,
            )
            for entry in ledger.positions_of(sha256)
        ]
    path.write_text(json.dumps(documents[-1], indent=2, sort_keys=True) + "\n", encoding="utf-8")
