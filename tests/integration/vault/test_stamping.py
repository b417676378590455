"""Timestamping signed heads in-process, on every backend, with a local `openssl ts` authority.

Covers the queue rule (a head over timestamp events alone is not queued again), stopping at the
first failure with the attempt recorded, the token stored and logged in one transaction, and
:func:`check_tokens` naming a bad token by its head.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import threading
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger import CustodyEvent, EventType, decode_entry
from gavah.store import Store, TimestampRepository
from gavah.store.ledger import LedgerRepository
from gavah.store.timestamps import TimestampStatus
from gavah.vault.log import append_event, seal_log
from gavah.vault.stamping import (
    Stamper,
    TimestampSettings,
    check_tokens,
    checkpoint_sha256,
    read_timestamp_settings,
)
from gavah.vault.timestamp import HttpTimestampAuthority, TimestampError, request_timestamp
from tests.integration.vault.openssl_tsa import OpensslTsa

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")

ORIGIN = "gavah-workspace/stamping"
NOW = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)
KEY = Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> OpensslTsa:
    return OpensslTsa(tmp_path_factory.mktemp("tsa"))


class Flaky:
    """An authority that is down until :attr:`up` is set."""

    def __init__(self, tsa: OpensslTsa) -> None:
        self.tsa = tsa
        self.up = False
        self.calls = 0

    def respond(self, query: bytes) -> bytes:
        self.calls += 1
        if not self.up:
            raise TimestampError("timestamp authority http://tsa.invalid unreachable: refused")
        return self.tsa.respond(query)


def _batch(store: Store, count: int, text: str = "ورود") -> None:
    with store.session() as session:
        for n in range(count):
            event = CustodyEvent(
                EventType.INGESTION,
                hashlib.sha256(f"{text}-{n}".encode()).hexdigest(),
                "test",
                NOW,
                detail={"source": f"کانال‌{n}"},
            )
            append_event(session, event)
        seal_log(session, KEY, ORIGIN, NOW)


def _stamper(store: Store, tsa: OpensslTsa, authority: Flaky) -> Stamper:
    settings = TimestampSettings("http://tsa.invalid/tsr", (tsa.cert("root"),), tsa.cert("tsa"))
    return Stamper(
        store=store,
        settings=settings,
        signing_key=KEY,
        origin=ORIGIN,
        clock=lambda: NOW,
        authority=authority,
    )


def test_heads_are_queued_stamped_logged_and_checked(store: Store, tsa: OpensslTsa) -> None:
    authority = Flaky(tsa)
    stamper = _stamper(store, tsa, authority)
    assert stamper.run().pending == 0  # an empty log: nothing to queue

    _batch(store, 3)
    down = stamper.run()
    assert down.stamped == []
    assert down.pending == 1
    assert down.error is not None
    assert "unreachable" in down.error
    _batch(store, 2, "دوم")
    still = stamper.run()
    assert still.pending == 2
    assert authority.calls == 2  # stopped at the first failure: one call per run
    with store.reader() as session:
        first, second = TimestampRepository(session).all()
    assert (first.tree_size, first.attempts, first.status) == (3, 2, TimestampStatus.PENDING)
    assert (second.tree_size, second.attempts) == (5, 0)

    authority.up = True
    done = stamper.run()
    assert [r.tree_size for r in done.stamped] == [3, 5]
    assert done.pending == 0
    assert done.error is None
    assert done.head is not None
    assert done.head.tree_size == 7  # two timestamped events, then a head over them
    assert stamper.run().stamped == []  # that head is not queued: no endless chain
    assert stamper.queue_latest() is None

    with store.reader() as session:
        ledger = LedgerRepository(session)
        events = [e for e in ledger.entries() if e.event_type == EventType.TIMESTAMPED.value]
        head3 = ledger.head_at(3)
        assert head3 is not None
        record = TimestampRepository(session).get(3)
    assert record is not None
    assert record.token is not None
    assert record.checkpoint_sha256 == checkpoint_sha256(head3.checkpoint)
    assert len(events) == 2
    assert events[0].object_sha256 == record.checkpoint_sha256
    detail = decode_entry(events[0].entry).detail
    assert detail["token_sha256"] == hashlib.sha256(record.token).hexdigest()
    assert detail["tree_size"] == 3

    settings = TimestampSettings("http://tsa.invalid/tsr", (tsa.cert("root"),))
    records, problems = check_tokens(store, settings)
    assert len(records) == 2
    assert problems == []
    _, wrong_roots = check_tokens(store, TimestampSettings("x", (tsa.cert("other"),)))
    assert len(wrong_roots) == 2
    _, unconfigured = check_tokens(store, None)
    assert "no [timestamp] roots" in unconfigured[0].what


def test_a_token_not_matching_its_logged_event_is_named(store: Store, tsa: OpensslTsa) -> None:
    authority = Flaky(tsa)
    authority.up = True
    stamper = _stamper(store, tsa, authority)
    _batch(store, 1)
    assert [r.tree_size for r in stamper.run().stamped] == [1]
    # A fresh, valid token for the same head, swapped in behind the ledger's back.
    with store.reader() as session:
        head = LedgerRepository(session).head_at(1)
    assert head is not None
    other = request_timestamp(head.checkpoint.encode(), tsa, [tsa.cert("root")])
    with store.session() as session:
        TimestampRepository(session).record_token(
            1, "http://tsa.invalid/tsr", token=other.response, stamped_at=NOW,
            serial_number="ff", at=NOW,
        )  # fmt: skip
    settings = TimestampSettings("x", (tsa.cert("root"),))
    _, problems = check_tokens(store, settings)
    (problem,) = problems
    assert "tree head at size 1" in problem.what
    assert "no timestamped event in the ledger records this token" in problem.what


def test_settings_are_read_and_checked(tsa: OpensslTsa, tmp_path: Path) -> None:
    shutil.copy(tsa.path("root"), tmp_path / "roots.pem")
    assert read_timestamp_settings(None, tmp_path) is None
    assert read_timestamp_settings({}, tmp_path) is None
    found = read_timestamp_settings(
        {"url": "https://tsa.example/tsr", "roots": "roots.pem", "timeout": 2}, tmp_path
    )
    assert found is not None
    assert found.timeout == 2.0
    assert found.tsa_certificate is None
    assert len(found.roots) == 1
    bad: list[tuple[dict[str, Any], str]] = [
        ({"url": "ftp://x", "roots": "roots.pem"}, "HTTP"),
        ({"url": "http://x"}, "roots"),
        ({"url": "http://x", "roots": "missing.pem"}, "cannot read"),
        ({"url": "http://x", "roots": "roots.pem", "timeout": 0}, "timeout"),
        ({"url": "http://x", "roots": "roots.pem", "timeout": True}, "timeout"),
    ]
    (tmp_path / "empty.pem").write_text("not a certificate")
    bad.append(({"url": "http://x", "roots": "empty.pem"}, "no PEM"))
    for section, words in bad:
        with pytest.raises(TimestampError, match=words):
            read_timestamp_settings(section, tmp_path)


def test_an_authority_that_hangs_is_abandoned_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def hang(*args: object, **kwargs: object) -> object:
        del args, kwargs
        release.wait()
        raise OSError("released")

    monkeypatch.setattr(urllib.request, "urlopen", hang)
    try:
        with pytest.raises(TimestampError, match=r"no answer in 0\.2 s"):
            HttpTimestampAuthority("http://tsa.invalid/tsr", timeout=0.2).respond(b"query")
    finally:
        release.set()
