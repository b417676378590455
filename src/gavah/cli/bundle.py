"""``gavah bundle …`` and ``gavah peers …``: store-and-forward sync between workspaces.

Owns the commands' options and output. The work is :mod:`gavah.vault.bundles` (export, import)
and :mod:`gavah.vault.peers` (peers, acknowledgements, proofs); this module wires the workspace
to them and reads the clock. Must not open bundles or touch the database itself.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from gavah.bundle import BundleError
from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.errors import GavahError
from gavah.ledger import NoteVerifier, open_checkpoint
from gavah.model.ids import ulid_ids
from gavah.services.vault import workspace_verifier
from gavah.store import Store
from gavah.store.bundles import BundleRepository, Peer
from gavah.vault import BlobStore, log_origin
from gavah.vault.bundles import export_bundle, import_bundles
from gavah.vault.peers import (
    acked_size,
    add_peer,
    import_ack,
    make_ack,
    peer_proofs,
    peers_document,
)
from gavah.workspace import Workspace

__all__ = ["bundle_app", "parse_size", "peers_app", "register"]

bundle_app = typer.Typer(
    help="Store-and-forward bundles: signed, encrypted, chunked, idempotent (docs/bundles.md).",
    no_args_is_help=True,
)
ack_app = typer.Typer(
    help="Acknowledgements: cosignatures of a peer's checkpoint (C2SP tlog-cosignature).",
    no_args_is_help=True,
)
peers_app = typer.Typer(
    help="The workspaces whose bundles this one accepts, and to which it sends.",
    no_args_is_help=True,
)

_JSON = Annotated[bool, typer.Option("--json", help="Print JSON.")]
_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
}
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_size(text: str) -> int:
    """Parse ``5MB``, ``512KiB`` or ``1000`` (bytes) into a number of bytes.

    Raises:
        GavahError: the text is not a size, or is below 1 KiB.
    """
    match = _SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise GavahError(f"--chunk {text!r}: give a size such as 5MB, 512KiB or 100000")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1024:
        raise GavahError(f"--chunk {text!r}: a chunk must be at least 1 KiB")
    return size


# -- bundles ------------------------------------------------------------------------------------


@bundle_app.command("export")
def export(
    ctx: typer.Context,
    out: Annotated[Path, typer.Argument(help="The bundle file to write (chunks: OUT.001, …).")],
    to: Annotated[
        str,
        typer.Option("--to", help="The receiver: a peer's name, or an age recipient (age1…)."),
    ],
    since: Annotated[
        str,
        typer.Option(
            "--since",
            help="Where the bundle starts in this log: 'acked' (what the receiver last "
            "acknowledged; the default), 'all', a tree size, or a file holding a signed head "
            "of this log (an acknowledgement, or `gavah ledger head` output).",
        ),
    ] = "acked",
    chunk: Annotated[
        str | None,
        typer.Option("--chunk", help="Cut the bundle into chunks of this size (e.g. 5MB)."),
    ] = None,
    as_json: _JSON = False,
) -> None:
    """Write a bundle of this log's new entries and files, encrypted to the receiver and signed.

    The bundle holds the entries since --since, a freshly signed checkpoint, the consistency
    proof from --since, and every new file's encrypted blob. It is one file, age-encrypted to
    the receiver and signed with this workspace's key, or chunks that travel separately and can
    be imported in any order.
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        chunk_size = None if chunk is None else parse_size(chunk)
        keys = workspace.unlock(read_passphrase(settings))
        store = workspace.store()
        verifier = workspace_verifier(workspace)
        with store.reader() as session:
            repo = BundleRepository(session)
            peer = repo.peer(to) or (repo.peer_by_recipient(to) if to.startswith("age1") else None)
        if peer is None and not to.startswith("age1"):
            raise BundleError(f"--to {to!r}: no such peer, and not an age recipient (age1…)")
        recipient = to if peer is None or peer.recipient is None else peer.recipient
        if peer is not None and peer.recipient is None and not to.startswith("age1"):
            raise BundleError(f"peer {to!r} has no age recipient: give --to AGE1… instead")
        start = _since(since, store, peer, verifier)
        with Console(stderr=True).status("signing, encrypting and writing the bundle…"):
            result = export_bundle(
                store=store,
                blobs=BlobStore(workspace.vault_dir),
                signing_key=keys.signing_key,
                origin=verifier.name,
                vkey=verifier.vkey,
                recipient=recipient,
                since=start,
                out=out,
                chunk_size=chunk_size,
                now=_now(),
            )
    finally:
        workspace.close()
    if as_json:
        echo_json(
            {
                "bundle": result.bundle_id,
                "files": [str(p) for p in result.files],
                "since": result.since,
                "tree_size": result.tree_size,
                "entries": result.entries,
                "items": result.items,
                "bytes": result.bytes,
            }
        )
        return
    where = str(result.files[0]) if len(result.files) == 1 else f"{len(result.files)} chunks"
    typer.echo(
        f"bundle {result.bundle_id[:16]}…: entries {result.since}..{result.tree_size - 1} "
        f"({result.entries}), {result.items} files, {result.bytes} bytes → {where}"
    )


def _since(text: str, store: Store, peer: Peer | None, verifier: NoteVerifier) -> int:
    if text == "acked":
        return acked_size(store, peer)
    if text == "all":
        return 0
    if text.isdigit():
        return int(text)
    path = Path(text)
    if not path.is_file():
        raise GavahError(f"--since {text!r}: not 'acked', 'all', a size, or a file")
    try:
        checkpoint = open_checkpoint(path.read_text(encoding="utf-8"), verifier)
    except (GavahError, UnicodeDecodeError) as err:
        raise GavahError(f"--since {text}: not a signed head of this log ({err})") from None
    return checkpoint.tree_size


@bundle_app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Bundle files and chunks, in any order.")],
    as_json: _JSON = False,
) -> None:
    """Verify bundles (and reassemble chunks), then import them all or nothing.

    Before anything is accepted: the sender must be a known peer (`gavah peers add`), its
    signature must verify, the bundle must be for this workspace, every hash must match, the
    sender's log must extend what was received before (a rewritten log is refused as a fork),
    and every file must decrypt to its logged digests. Importing the same bundle again changes
    nothing. Missing chunks are listed.
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        verifier = workspace_verifier(workspace)
        with Console(stderr=True).status("verifying bundles…"):
            results = import_bundles(
                store=workspace.store(),
                blobs=BlobStore(workspace.vault_dir),
                identities=keys.identities,
                own_recipients=workspace.config.age_recipients,
                files=files,
                signing_key=keys.signing_key,
                origin=verifier.name,
                now=_now,
                ids=ulid_ids(_now, random.SystemRandom()),
            )
    finally:
        workspace.close()
    if as_json:
        echo_json(
            [
                {
                    "bundle": r.bundle_id,
                    "sender": r.sender,
                    "already_imported": r.already,
                    "since": r.since,
                    "tree_size": r.tree_size,
                    "new_entries": r.new_entries,
                    "new_items": r.new_items,
                    "received_again": r.received_again,
                    "items": r.items,
                }
                for r in results
            ]
        )
        return
    for r in results:
        if r.already:
            typer.echo(f"bundle {r.bundle_id[:16]}…: imported before; nothing changed")
        else:
            typer.echo(
                f"bundle {r.bundle_id[:16]}… from {r.sender}: {r.new_items} new files, "
                f"{r.received_again} received again, {r.new_entries} new log entries "
                f"(its log now verified to size {r.tree_size})"
            )


@bundle_app.command("proof")
def proof(
    ctx: typer.Context,
    item: Annotated[str, typer.Argument(help="An evidence id or the SHA-256 of a file.")],
    as_json: _JSON = False,
) -> None:
    """Prove that ITEM is in the signed log of the workspace that sent it (RFC 9162).

    Check the document with `python -m gavah.ledger proof.json VKEY` and the sender's key.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        proofs = peer_proofs(workspace.store(), item)
    finally:
        workspace.close()
    if as_json:
        echo_json([{"peer": p.peer, "vkey": p.vkey, **p.document} for p in proofs])
        return
    for p in proofs:
        doc = p.document
        typer.echo(f"in {p.peer}'s log: entry {doc['leaf_index']} of {doc['tree_size']}")
        typer.echo("audit path: " + " ".join(doc["audit_path"]))
        typer.echo(f"verifier key: {p.vkey}")


@ack_app.command("export")
def ack_export(
    ctx: typer.Context,
    peer: Annotated[str, typer.Argument(help="The peer whose latest checkpoint to cosign.")],
    out: Annotated[Path, typer.Argument(help="The acknowledgement file to write.")],
) -> None:
    """Cosign the peer's latest imported checkpoint: proof of what this workspace received."""
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        origin = log_origin(workspace.config.signing_public_key)
        note, size = make_ack(workspace.store(), peer, keys.signing_key, origin, _now())
    finally:
        workspace.close()
    try:
        out.write_text(note, encoding="utf-8")
    except OSError as err:
        raise GavahError(f"cannot write {out}: {err.strerror}") from None
    typer.echo(f"acknowledged {peer}'s log at size {size} → {out}")


@ack_app.command("import")
def ack_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An acknowledgement a peer sent back.")],
) -> None:
    """Check and keep a peer's cosignature of this log: proof of what the peer had received."""
    try:
        note = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GavahError(f"cannot read {file}: {err}") from None
    workspace = Workspace.open(settings_of(ctx))
    try:
        ack = import_ack(workspace.store(), note, workspace_verifier(workspace), _now())
    finally:
        workspace.close()
    when = ack.cosigned_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    typer.echo(f"{ack.witness} acknowledged this log at size {ack.tree_size} on {when}")


# -- peers --------------------------------------------------------------------------------------


@peers_app.command("add")
def peers_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name for the peer (e.g. 'field A').")],
    vkey: Annotated[str, typer.Argument(help="Its verifier key (`gavah peers self` there).")],
    recipient: Annotated[
        str | None, typer.Option("--recipient", help="Its age recipient, to send it bundles.")
    ] = None,
) -> None:
    """Trust a peer's log key: its bundles and acknowledgements will be accepted.

    Check the key with the peer over a channel you trust (read it out, compare in person).
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        peer = add_peer(workspace.store(), name, vkey, recipient, _now())
    finally:
        workspace.close()
    typer.echo(f"peer {peer.name!r} added: log {peer.origin}")


@peers_app.command("list")
def peers_list(ctx: typer.Context, as_json: _JSON = False) -> None:
    """The known peers, how much of their logs was received, and what they acknowledged."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        rows = peers_document(workspace.store())
    finally:
        workspace.close()
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        typer.echo(
            f"{row['name']}: {row['origin']}  received to size {row['received_size']}, "
            f"acknowledged ours to size {row['acknowledged_size']}"
        )


@peers_app.command("self")
def peers_self(ctx: typer.Context, as_json: _JSON = False) -> None:
    """What a peer needs to know about this workspace: its verifier key and age recipients."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        doc: dict[str, Any] = {
            "vkey": workspace_verifier(workspace).vkey,
            "age_recipients": list(workspace.config.age_recipients),
            "field": workspace.is_field,
        }
    finally:
        workspace.close()
    if as_json:
        echo_json(doc)
        return
    typer.echo(f"verifier key: {doc['vkey']}")
    for recipient in doc["age_recipients"]:
        typer.echo(f"age recipient: {recipient}")


def register(app: typer.Typer) -> None:
    """Add ``gavah bundle`` and ``gavah peers`` to ``app``."""
    bundle_app.add_typer(ack_app, name="ack")
    app.add_typer(bundle_app, name="bundle")
    app.add_typer(peers_app, name="peers")
