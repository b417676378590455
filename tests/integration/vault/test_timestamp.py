"""RFC 3161 timestamps against a local TSA made with `openssl ts` at test time."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator

import pytest

from gavah.vault.timestamp import (
    HttpTimestampAuthority,
    TimestampError,
    request_timestamp,
    verify_timestamp,
)
from tests.integration.vault.openssl_tsa import OpensslTsa, TsaServer

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> OpensslTsa:
    return OpensslTsa(tmp_path_factory.mktemp("tsa"))


CHECKPOINT = b"gavah-workspace/0123456789abcdef\n3\ngSSGDlCgS8oBLmzOTDo/5hN2W8bkgWecrmCT7sBAjZI=\n"


def test_a_head_is_timestamped_and_verifies(tsa: OpensslTsa) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    token = request_timestamp(CHECKPOINT, tsa, [tsa.cert("root")], tsa.cert("tsa"))
    assert before <= token.time <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    again = verify_timestamp(token.response, CHECKPOINT, [tsa.cert("root")])
    assert again.time == token.time
    assert again.serial_number == token.serial_number


def test_forgeries_fail_closed(tsa: OpensslTsa) -> None:
    token = request_timestamp(CHECKPOINT, tsa, [tsa.cert("root")])
    with pytest.raises(TimestampError, match="does not verify"):
        verify_timestamp(token.response, CHECKPOINT + b"x", [tsa.cert("root")])
    with pytest.raises(TimestampError, match="does not verify"):
        verify_timestamp(token.response, CHECKPOINT, [tsa.cert("other")])
    with pytest.raises(TimestampError, match="does not verify"):
        verify_timestamp(token.response, CHECKPOINT, [tsa.cert("root")], nonce=12345)
    with pytest.raises(TimestampError, match="does not verify"):
        verify_timestamp(b"not DER", CHECKPOINT, [tsa.cert("root")])
    with pytest.raises(TimestampError, match="no trusted root"):
        verify_timestamp(token.response, CHECKPOINT, [])


@pytest.fixture
def http_tsa(tsa: OpensslTsa) -> Iterator[str]:
    server = TsaServer(tsa).start()
    try:
        yield server.url
    finally:
        server.stop()


def test_over_http(http_tsa: str, tsa: OpensslTsa) -> None:
    token = request_timestamp(CHECKPOINT, HttpTimestampAuthority(http_tsa), [tsa.cert("root")])
    assert token.response


def test_offline_and_bad_urls_are_errors() -> None:
    with pytest.raises(TimestampError, match="unreachable"):
        HttpTimestampAuthority("http://127.0.0.1:9/tsr", timeout=2).respond(b"q")
    with pytest.raises(TimestampError, match="not HTTP"):
        HttpTimestampAuthority("file:///etc/passwd").respond(b"q")
