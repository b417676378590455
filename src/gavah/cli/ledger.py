"""``gavah ledger verify|head|proof|consistency|timestamp``: check the log, hand out proofs.

Owns the first four commands and how they find the log's public key: always from ``gavah.toml``,
never from the database (a database that an attacker rewrote must not vouch for itself). The
proof documents are built by :mod:`gavah.ledger.documents`, which verifies each one before it is
printed. ``timestamp`` (RFC 3161) lives in :mod:`gavah.cli.timestamps` and is registered here;
it is the only one that changes the log (it appends ``timestamped`` events and signs a head).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.cli.timestamps import check_workspace_tokens, latest_token_document, timestamp
from gavah.errors import GavahError
from gavah.ledger import (
    MemoryTree,
    NoteVerifier,
    consistency_document,
    consistency_proof,
    head_document,
    inclusion_document,
    inclusion_proof,
)
from gavah.services.vault import workspace_verifier
from gavah.store import EvidenceRepository
from gavah.store.ledger import LedgerRepository, SignedHead
from gavah.vault import BlobStore, audit_workspace
from gavah.workspace import Workspace

__all__ = ["ledger_app", "register"]

ledger_app = typer.Typer(
    help="The tamper-evident custody log: verify it, print its signed head, prove entries.",
    no_args_is_help=True,
)

_JSON = Annotated[bool, typer.Option("--json", help="Print JSON (the documented format).")]


def _latest(workspace: Workspace) -> tuple[SignedHead, NoteVerifier]:
    with workspace.store().reader() as session:
        head = LedgerRepository(session).latest_head()
    if head is None:
        raise GavahError("the ledger has no signed head yet: ingest something first")
    return head, workspace_verifier(workspace)


@ledger_app.command("verify")
def verify(ctx: typer.Context, as_json: _JSON = False) -> None:
    """Recompute every entry and root, check every signed head and re-hash every blob.

    Needs the passphrase (blobs are decrypted, in memory, as a stream). Exits with 1 and names
    the item and what is wrong when any check fails.
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        store = workspace.store()
        verifier = workspace_verifier(workspace)
        console = Console(stderr=True)
        columns = (TextColumn("verifying blobs"), BarColumn(), DownloadColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("blobs", total=None)
            report = audit_workspace(
                store,
                BlobStore(workspace.vault_dir),
                keys.identities,
                verifier,
                progress=lambda n: progress.advance(task, n),
            )
        tokens, pending, token_problems = check_workspace_tokens(workspace)
        report.problems.extend(token_problems)
    finally:
        workspace.close()
    if as_json:
        echo_json({**report.document(), "timestamps": {"tokens": tokens, "pending": pending}})
    elif report.ok:
        stamped = (
            f"; {tokens} timestamp tokens verified, {pending} heads pending"
            if tokens or pending
            else ""
        )
        typer.echo(
            f"ledger verified: {report.entries} entries, {report.heads} signed heads, "
            f"{report.items} blobs re-hashed; root {report.root_hash}{stamped}"
        )
    if not report.ok:
        if not as_json:
            for problem in report.problems:
                typer.echo(f"gavah: verify failed: {problem.line()}", err=True)
        raise typer.Exit(1)


@ledger_app.command("head")
def head(ctx: typer.Context, as_json: _JSON = False) -> None:
    """Print the latest signed tree head and the verifier key to check it with.

    With a timestamp authority configured, also the latest RFC 3161 token ("timestamp" in the
    JSON: the tree size and signed note it covers, the time it states, the TSA, the DER token in
    base64).
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        signed, verifier = _latest(workspace)
        document: dict[str, Any] = dict(head_document(signed.checkpoint, verifier))
        token = latest_token_document(workspace)
    finally:
        workspace.close()
    if token is not None:
        document["timestamp"] = token
    if as_json:
        echo_json(document)
        return
    typer.echo(document["checkpoint"], nl=False)
    typer.echo(f"\nverifier key: {document['vkey']}")
    if token is not None:
        typer.echo(f"timestamped at size {token['tree_size']}: {token['time']} by {token['tsa']}")


@ledger_app.command("proof")
def proof(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(help="An evidence id or the SHA-256 of a file.")],
    as_json: _JSON = False,
) -> None:
    """Print an RFC 9162 inclusion proof of ITEM's ingestion against the latest signed head."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        signed, verifier = _latest(workspace)
        with workspace.store().reader() as session:
            evidence = EvidenceRepository(session)
            found = evidence.get(item) or evidence.get_by_sha256(item.lower())
            if found is None:
                raise GavahError(f"no evidence item {item!r} (give an evidence id or a SHA-256)")
            ledger = LedgerRepository(session)
            entries = [
                e for e in ledger.positions_of(found.sha256) if e.position < signed.tree_size
            ]
            if not entries:
                raise GavahError(f"item {found.id} is not yet covered by a signed head")
            entry = entries[0]
            tree = MemoryTree(ledger.leaf_hashes(signed.tree_size))
        path = inclusion_proof(entry.position, signed.tree_size, tree)
        document = inclusion_document(
            entry.entry, entry.position, path, signed.checkpoint, verifier
        )
    finally:
        workspace.close()
    if as_json:
        echo_json(document)
        return
    typer.echo(f"entry {document['leaf_index']} of {document['tree_size']}: {document['entry']}")
    typer.echo("audit path: " + " ".join(document["audit_path"]))


@ledger_app.command("consistency")
def consistency(
    ctx: typer.Context,
    old_size: Annotated[int, typer.Argument(help="The size of an earlier head you kept.")],
    as_json: _JSON = False,
) -> None:
    """Print an RFC 9162 consistency proof from OLD_SIZE to the latest signed head."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        signed, verifier = _latest(workspace)
        if not 0 < old_size <= signed.tree_size:
            raise GavahError(f"OLD_SIZE must be between 1 and {signed.tree_size}")
        with workspace.store().reader() as session:
            tree = MemoryTree(LedgerRepository(session).leaf_hashes(signed.tree_size))
        path = consistency_proof(old_size, signed.tree_size, tree)
        first_root = tree.subtree_hash(0, old_size)
        document = consistency_document(old_size, first_root, path, signed.checkpoint, verifier)
    finally:
        workspace.close()
    if as_json:
        echo_json(document)
        return
    typer.echo(f"from {old_size} (root {document['first_root']}) to {document['second']}")
    typer.echo("consistency path: " + " ".join(document["consistency_path"]))


ledger_app.command("timestamp")(timestamp)


def register(app: typer.Typer) -> None:
    """Add ``gavah ledger`` to ``app``."""
    app.add_typer(ledger_app, name="ledger")
