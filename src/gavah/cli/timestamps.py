"""``gavah ledger timestamp``: RFC 3161 timestamps of the signed heads, from the command line.

Owns the ``[timestamp]`` section of ``gavah.toml`` as the command line sees it (reading it,
``--configure`` writing it and copying the certificate files into ``<workspace>/tsa/``), the
``timestamp`` command (send the pending heads now), the hook ``gavah ingest`` runs after each
batch (never fails: it returns a one-line warning instead), and the timestamp parts of
``gavah ledger verify`` and ``gavah ledger head``. The work is :mod:`gavah.vault.stamping`'s.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.errors import GavahError
from gavah.store import TimestampRepository
from gavah.store.ledger import LedgerRepository
from gavah.store.timestamps import TimestampRecord, TimestampStatus
from gavah.vault import Problem, log_origin
from gavah.vault.stamping import (
    Stamper,
    StampRun,
    TimestampSettings,
    check_tokens,
    read_timestamp_settings,
)
from gavah.vault.timestamp import DEFAULT_TIMEOUT_SECONDS, TimestampError, load_certificates
from gavah.workspace import Workspace
from gavah.workspace.config import CONFIG_FILE, save_config

__all__ = [
    "TSA_DIR",
    "check_workspace_tokens",
    "latest_token_document",
    "timestamp",
    "timestamp_after_batch",
    "timestamp_settings",
]

#: Where ``--configure`` copies the certificate files, inside the workspace.
TSA_DIR = "tsa"
_SECTION = "timestamp"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def timestamp_settings(workspace: Workspace) -> TimestampSettings | None:
    """The workspace's timestamp settings, or ``None`` when no authority is configured.

    Raises:
        TimestampError: the ``[timestamp]`` section is malformed or names unusable files.
    """
    return read_timestamp_settings(workspace.config.extra.get(_SECTION), workspace.root)


def _stamper(
    workspace: Workspace,
    settings: TimestampSettings,
    signing_key: Ed25519PrivateKey,
    clock: Callable[[], dt.datetime],
) -> Stamper:
    return Stamper(
        store=workspace.store(),
        settings=settings,
        signing_key=signing_key,
        origin=log_origin(workspace.config.signing_public_key),
        clock=clock,
    )


def timestamp_after_batch(
    workspace: Workspace, signing_key: Ed25519PrivateKey, clock: Callable[[], dt.datetime]
) -> tuple[str, bool] | None:
    """Timestamp the heads of an ingest batch, if an authority is configured; never raises.

    Returns ``None`` when no authority is configured or nothing was to do, else one line to
    show and whether it is a warning (a head left pending: the authority unreachable, a bad
    reply, a bad setting).
    """
    try:
        settings = timestamp_settings(workspace)
        if settings is None:
            return None
        run = _stamper(workspace, settings, signing_key, clock).run()
    except GavahError as err:
        return f"tree heads not timestamped: {err}", True
    if run.error is not None:
        return (
            f"{run.pending} tree head(s) left pending for a timestamp ({run.error}); "
            "`gavah ledger timestamp` retries",
            True,
        )
    if not run.stamped:
        return None
    sizes = ", ".join(str(r.tree_size) for r in run.stamped)
    return f"timestamped the head(s) at size {sizes} by {settings.url}", False


def _copy_pem(source: Path, workspace: Workspace, name: str) -> str:
    load_certificates(source)  # refuse a file that holds no certificate before copying it
    folder = workspace.root / TSA_DIR
    target = folder / name
    staging = folder / f".{name}.new"
    try:
        folder.mkdir(exist_ok=True)
        staging.write_bytes(source.read_bytes())
        os.replace(staging, target)
    except OSError as err:
        staging.unlink(missing_ok=True)
        raise GavahError(f"cannot copy {source} into the workspace: {err.strerror}") from None
    return f"{TSA_DIR}/{name}"


def _configure(
    workspace: Workspace,
    url: str,
    roots: Path | None,
    tsa_cert: Path | None,
    timeout: float,
) -> dict[str, Any]:
    if roots is None:
        raise GavahError(
            "--configure needs --roots FILE: the PEM root certificate(s) of the authority"
        )
    section: dict[str, Any] = {"url": url, "roots": _copy_pem(roots, workspace, "roots.pem")}
    if tsa_cert is not None:
        section["certificate"] = _copy_pem(tsa_cert, workspace, "tsa.pem")
    section["timeout"] = timeout
    read_timestamp_settings(section, workspace.root)  # validate before writing
    config = workspace.config
    updated = dataclasses.replace(config, extra={**config.extra, _SECTION: section})
    save_config(updated, workspace.root / CONFIG_FILE)
    return section


def _record_document(record: TimestampRecord, checkpoint: str | None) -> dict[str, Any]:
    return {
        "tree_size": record.tree_size,
        "status": record.status.value,
        "tsa": record.tsa_url,
        "time": _iso(record.stamped_at),
        "serial_number": record.serial_number,
        "attempts": record.attempts,
        "last_error": record.last_error,
        "checkpoint": checkpoint,
        "token": None if record.token is None else base64.b64encode(record.token).decode("ascii"),
    }


def _documents(workspace: Workspace) -> list[dict[str, Any]]:
    with workspace.store().reader() as session:
        ledger = LedgerRepository(session)
        documents = []
        for record in TimestampRepository(session).all():
            head = ledger.head_at(record.tree_size)
            documents.append(_record_document(record, None if head is None else head.checkpoint))
    return documents


def latest_token_document(workspace: Workspace) -> dict[str, Any] | None:
    """The latest stored token for ``ledger head --json``: size, time, TSA, checkpoint, token."""
    with workspace.store().reader() as session:
        record = TimestampRepository(session).latest_done()
        if record is None:
            return None
        head = LedgerRepository(session).head_at(record.tree_size)
    document = _record_document(record, None if head is None else head.checkpoint)
    return {key: document[key] for key in ("tree_size", "time", "tsa", "checkpoint", "token")}


def check_workspace_tokens(workspace: Workspace) -> tuple[int, int, list[Problem]]:
    """Re-verify the stored tokens: ``(tokens, pending heads, problems)`` for ``ledger verify``.

    Raises:
        StorageError: the database cannot be read.
    """
    store = workspace.store()
    try:
        records, problems = check_tokens(store, timestamp_settings(workspace))
    except TimestampError as err:
        records, problems = check_tokens(store, None)
        if problems:
            problems = [Problem(f"cannot check the timestamp tokens: {err}")]
    done = sum(1 for r in records if r.status is TimestampStatus.DONE)
    return done, len(records) - done, problems


def _report(run: StampRun, documents: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        echo_json(
            {
                "stamped": [r.tree_size for r in run.stamped],
                "pending": run.pending,
                "error": run.error,
                "tree_size": None if run.head is None else run.head.tree_size,
                "timestamps": documents,
            }
        )
        return
    for record in run.stamped:
        typer.echo(
            f"timestamped the head at size {record.tree_size}: {_iso(record.stamped_at)} "
            f"by {record.tsa_url}"
        )
    if not run.stamped and run.error is None:
        typer.echo("nothing to timestamp: every head that logs something new has its token")
    if run.head is not None:
        typer.echo(f"ledger signed at size {run.head.tree_size}")
    if run.pending:
        typer.echo(f"{run.pending} head(s) still pending")


def timestamp(
    ctx: typer.Context,
    configure: Annotated[
        str | None,
        typer.Option(
            "--configure",
            metavar="URL",
            help="Set the timestamp authority (RFC 3161 over HTTP(S)) in gavah.toml and stop.",
        ),
    ] = None,
    roots: Annotated[
        Path | None,
        typer.Option(
            "--roots",
            help="With --configure: PEM file of the authority's root (and intermediate) "
            "certificates; copied into the workspace.",
        ),
    ] = None,
    tsa_cert: Annotated[
        Path | None,
        typer.Option(
            "--tsa-cert", help="With --configure: PEM file of the TSA's certificate to pin."
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="With --configure: seconds to wait for the TSA."),
    ] = DEFAULT_TIMEOUT_SECONDS,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Timestamp the signed tree heads with an RFC 3161 authority (retrying pending ones).

    Once an authority is configured, `gavah ingest` timestamps the new head after each batch; a
    head it could not timestamp (offline) stays pending, and this command retries it. The token
    is verified, stored, and logged as a `timestamped` custody event. With --configure URL
    --roots FILE, only writes the timestamp section of gavah.toml (no passphrase needed).
    """
    settings = settings_of(ctx)
    workspace = Workspace.open(settings)
    try:
        if configure is not None:
            section = _configure(workspace, configure, roots, tsa_cert, timeout)
            if as_json:
                echo_json(section)
            else:
                typer.echo(
                    f"timestamp authority set to {configure}; heads are timestamped after "
                    "each ingest (`gavah ledger timestamp` does it now)"
                )
            return
        if roots is not None or tsa_cert is not None:
            raise GavahError("--roots and --tsa-cert go with --configure URL")
        found = timestamp_settings(workspace)
        if found is None:
            raise GavahError(
                "no timestamp authority configured: run "
                "`gavah ledger timestamp --configure URL --roots FILE`"
            )
        keys = workspace.unlock(read_passphrase(settings))
        run = _stamper(workspace, found, keys.signing_key, _now).run()
        documents = _documents(workspace)
    finally:
        workspace.close()
    _report(run, documents, as_json)
    if run.error is not None:
        typer.echo(f"gavah: error: {run.error}", err=True)
        raise typer.Exit(1)
