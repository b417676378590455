"""Timestamping the workspace's signed tree heads: the queue, the attempts, the stored tokens.

Owns the workflow around :mod:`gavah.vault.timestamp` (docs/vault.md, "Trusted timestamps"):

1. the ``[timestamp]`` settings (authority URL, trusted roots, optional TSA certificate,
   timeout), handed in as the parsed TOML table: file paths are relative to the workspace;
2. queueing: the latest signed head is queued when the entries it adds beyond the last queued
   head hold anything other than ``timestamped`` events, so the head signed over a timestamp's
   own event is never queued (else every timestamp would call for another);
3. sending every pending head, oldest first, with a short timeout, and stopping at the first
   failure (an offline authority costs one timeout per run, not one per head); a failure is
   recorded on the head (attempts, last error) and the head stays pending;
4. for a verified token, ONE transaction stores it and appends a ``timestamped`` custody event
   (object: the SHA-256 of the signed checkpoint note, the message that was timestamped); then
   a head is signed over those events;
5. re-verifying every stored token against its head and the logged event (for ``ledger verify``).

What is timestamped is the signed note of the head exactly as stored (UTF-8), so the token's
message imprint is SHA-256 of those bytes. Must not print or prompt, nor read ``gavah.toml``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah import __version__
from gavah.ledger import CustodyEvent, EntryError, EventType, decode_entry
from gavah.store import Store, TimestampRepository
from gavah.store.ledger import LedgerRepository, SignedHead
from gavah.store.timestamps import TimestampRecord, TimestampStatus
from gavah.vault.audit import Problem
from gavah.vault.log import append_event, seal_log
from gavah.vault.timestamp import (
    DEFAULT_TIMEOUT_SECONDS,
    HttpTimestampAuthority,
    TimestampAuthority,
    TimestampError,
    load_certificates,
    request_timestamp,
    verify_timestamp,
)

__all__ = [
    "AGENT",
    "StampRun",
    "Stamper",
    "TimestampSettings",
    "check_tokens",
    "checkpoint_sha256",
    "read_timestamp_settings",
]

#: The agent named in ``timestamped`` custody events.
AGENT = f"gavah/{__version__} timestamp"

_SECTION = "gavah.toml [timestamp]"


@dataclass(frozen=True, slots=True)
class TimestampSettings:
    """Where to ask for timestamps, and the certificates their tokens must chain to."""

    url: str
    roots: tuple[x509.Certificate, ...]
    tsa_certificate: x509.Certificate | None = None
    timeout: float = DEFAULT_TIMEOUT_SECONDS

    def authority(self) -> HttpTimestampAuthority:
        """The authority at :attr:`url`."""
        return HttpTimestampAuthority(self.url, self.timeout)


def read_timestamp_settings(
    section: Mapping[str, Any] | None, workspace_root: Path
) -> TimestampSettings | None:
    """The settings of a ``[timestamp]`` table, or ``None`` when there is none (or no ``url``).

    Keys: ``url`` (HTTP(S)), ``roots`` (PEM file of trusted root and intermediate certificates),
    ``certificate`` (optional PEM file of the TSA's own certificate, pinned when requesting),
    ``timeout`` (optional seconds, default 5). Relative paths are taken from the workspace.

    Raises:
        TimestampError: a setting is missing or malformed, or a certificate file is unusable.
    """
    if not section or not section.get("url"):
        return None
    url = section["url"]
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise TimestampError(f"{_SECTION}: url must be an HTTP(S) URL, not {url!r}")
    roots_path = section.get("roots")
    if not isinstance(roots_path, str) or not roots_path:
        raise TimestampError(
            f"{_SECTION}: roots (a PEM file of the authority's root certificates) is required"
        )
    roots = load_certificates(workspace_root / roots_path)
    tsa_certificate = None
    certificate_path = section.get("certificate")
    if certificate_path:
        if not isinstance(certificate_path, str):
            raise TimestampError(f"{_SECTION}: certificate must be a file path")
        tsa_certificate = load_certificates(workspace_root / certificate_path)[0]
    timeout = section.get("timeout", DEFAULT_TIMEOUT_SECONDS)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise TimestampError(f"{_SECTION}: timeout must be a positive number of seconds")
    return TimestampSettings(url, tuple(roots), tsa_certificate, float(timeout))


def checkpoint_sha256(checkpoint: str) -> str:
    """SHA-256 (hex) of a signed checkpoint note's UTF-8 bytes: the timestamped message's hash."""
    return hashlib.sha256(checkpoint.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StampRun:
    """What one round of timestamping did."""

    stamped: list[TimestampRecord] = field(default_factory=list)
    pending: int = 0
    error: str | None = None
    head: SignedHead | None = None


class Stamper:
    """Queues the workspace's heads, obtains their timestamps and logs them."""

    def __init__(
        self,
        *,
        store: Store,
        settings: TimestampSettings,
        signing_key: Ed25519PrivateKey,
        origin: str,
        clock: Callable[[], dt.datetime],
        authority: TimestampAuthority | None = None,
    ) -> None:
        self._store = store
        self._settings = settings
        self._signing_key = signing_key
        self._origin = origin
        self._clock = clock
        self._authority = authority if authority is not None else settings.authority()

    def queue_latest(self) -> int | None:
        """Queue the latest signed head if it logs something new; return its size if queued.

        Raises:
            StorageError: the database failed.
        """
        with self._store.session() as session:
            head = LedgerRepository(session).latest_head()
            if head is None:
                return None
            stamps = TimestampRepository(session)
            start = stamps.largest_queued()
            if head.tree_size <= start or not stamps.logs_more_than_timestamps(
                start, head.tree_size
            ):
                return None
            stamps.queue(
                head.tree_size,
                head.root_hash,
                checkpoint_sha256(head.checkpoint),
                self._settings.url,
                self._clock(),
            )
            return head.tree_size

    def run(self) -> StampRun:
        """Sign any unsigned entries, queue the latest head, try every pending head, sign again.

        Never raises for the authority: an attempt that fails is recorded on its head.

        Returns what was stamped, how many heads are still pending and, if an attempt failed,
        its one-line reason (later heads are then left for the next run).

        Raises:
            StorageError: the database failed.
        """
        with self._store.session() as session:  # entries a crash left unsigned first
            seal_log(session, self._signing_key, self._origin, self._clock())
        self.queue_latest()
        with self._store.reader() as session:
            pending = TimestampRepository(session).pending()
        stamped: list[TimestampRecord] = []
        error: str | None = None
        for record in pending:
            try:
                self._stamp(record)
            except TimestampError as err:
                error = str(err)
                with self._store.session() as session:
                    TimestampRepository(session).record_failure(
                        record.tree_size, self._settings.url, error, self._clock()
                    )
                break
            with self._store.reader() as session:
                done = TimestampRepository(session).get(record.tree_size)
            if done is not None:
                stamped.append(done)
        with self._store.session() as session:
            head = seal_log(session, self._signing_key, self._origin, self._clock())
        return StampRun(stamped, len(pending) - len(stamped), error, head)

    def _stamp(self, record: TimestampRecord) -> None:
        with self._store.reader() as session:
            head = LedgerRepository(session).head_at(record.tree_size)
        if head is None:
            raise TimestampError(f"no signed head of size {record.tree_size} to timestamp")
        token = request_timestamp(
            head.checkpoint.encode("utf-8"),
            self._authority,
            list(self._settings.roots),
            self._settings.tsa_certificate,
        )
        serial = format(token.serial_number, "x")
        now = self._clock()
        detail: dict[str, Any] = {
            "tree_size": head.tree_size,
            "root_hash": head.root_hash.hex(),
            "checkpoint_sha256": record.checkpoint_sha256,
            "tsa": self._settings.url,
            "tsa_time": token.time.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "serial_number": serial,
            "token_sha256": hashlib.sha256(token.response).hexdigest(),
        }
        event = CustodyEvent(
            EventType.TIMESTAMPED, record.checkpoint_sha256, AGENT, now, detail=detail
        )
        with self._store.session() as session:
            TimestampRepository(session).record_token(
                head.tree_size,
                self._settings.url,
                token=token.response,
                stamped_at=token.time,
                serial_number=serial,
                at=now,
            )
            append_event(session, event)


def check_tokens(
    store: Store, settings: TimestampSettings | None
) -> tuple[list[TimestampRecord], list[Problem]]:
    """Re-verify every stored token against its signed head and its logged event.

    Returns every stored timestamp record (pending ones included) and the problems found, each
    naming the head by its tree size. Tokens are checked against the configured roots only (a
    pinned TSA certificate may have been renewed since).

    Raises:
        StorageError: the database cannot be read.
    """
    problems: list[Problem] = []
    with store.reader() as session:
        records = TimestampRepository(session).all()
        ledger = LedgerRepository(session)
        done = [r for r in records if r.status is TimestampStatus.DONE]
        if not done:
            return records, problems
        if settings is None:
            problems.append(
                Problem(
                    f"the ledger holds {len(done)} timestamp token(s) but gavah.toml has no "
                    "[timestamp] roots to check them against"
                )
            )
            return records, problems
        roots = list(settings.roots)
        for record in done:
            head = ledger.head_at(record.tree_size)
            logged = [
                e.entry
                for e in ledger.positions_of(record.checkpoint_sha256)
                if e.event_type == EventType.TIMESTAMPED.value
            ]
            problem = _check_token(record, head, logged, roots)
            if problem is not None:
                problems.append(Problem(problem, position=record.tree_size))
    return records, problems


def _check_token(
    record: TimestampRecord,
    head: SignedHead | None,
    logged: list[bytes],
    roots: list[x509.Certificate],
) -> str | None:
    name = f"timestamp token of the tree head at size {record.tree_size} ({record.tsa_url})"
    if head is None:
        return f"{name}: no signed head of that size is stored"
    if record.token is None:
        return f"{name}: marked done but holds no token"
    if (checkpoint_sha256(head.checkpoint), head.root_hash) != (
        record.checkpoint_sha256,
        record.root_hash,
    ):
        return f"{name}: recorded for another checkpoint than the stored head"
    try:
        verify_timestamp(record.token, head.checkpoint.encode("utf-8"), roots)
    except TimestampError as err:
        return f"{name} does not verify: {err}"
    digest = hashlib.sha256(record.token).hexdigest()
    for entry in logged:
        try:
            detail = decode_entry(entry).detail
        except EntryError:
            continue
        if detail.get("token_sha256") == digest:
            return None
    return f"{name}: no timestamped event in the ledger records this token (SHA-256 {digest})"
