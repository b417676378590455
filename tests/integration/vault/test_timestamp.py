"""RFC 3161 timestamps against a local TSA made with `openssl ts` at test time."""

from __future__ import annotations

import datetime as dt
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509

from gavah.vault.timestamp import (
    HttpTimestampAuthority,
    TimestampError,
    request_timestamp,
    verify_timestamp,
)

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")

_CONFIG = """
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = .
serial = ./serial
signer_cert = ./tsa.crt
certs = ./tsa.crt
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
ordering = no
tsa_name = no
ess_cert_id_chain = no
[ v3_tsa ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
"""


def _openssl(folder: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)


def _ca(folder: Path, name: str) -> None:
    _openssl(
        folder,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        f"{name}.key",
        "-out",
        f"{name}.crt",
        "-subj",
        f"/CN={name}",
        "-days",
        "2",
        "-config",
        "tsa.cnf",
        "-extensions",
        "v3_ca",
    )


class OpensslTsa:
    """A timestamp authority: `openssl ts -reply` with a throwaway CA."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "tsa.cnf").write_text(_CONFIG)
        (folder / "serial").write_text("01\n")
        _ca(folder, "root")
        _ca(folder, "other")
        _openssl(
            folder,
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "tsa.key",
            "-out",
            "tsa.csr",
            "-subj",
            "/CN=Test TSA",
        )
        _openssl(
            folder,
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "root.crt",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "tsa.crt",
            "-days",
            "2",
            "-extfile",
            "tsa.cnf",
            "-extensions",
            "v3_tsa",
        )
        self.lock = threading.Lock()

    def cert(self, name: str) -> x509.Certificate:
        return x509.load_pem_x509_certificate((self.folder / f"{name}.crt").read_bytes())

    def respond(self, query: bytes) -> bytes:
        with self.lock:
            (self.folder / "q.tsq").write_bytes(query)
            _openssl(
                self.folder,
                "ts",
                "-reply",
                "-config",
                "tsa.cnf",
                "-queryfile",
                "q.tsq",
                "-out",
                "r.tsr",
            )
            return (self.folder / "r.tsr").read_bytes()


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
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            body = tsa.respond(self.rfile.read(length))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            del format, args

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tsr"
    finally:
        server.shutdown()
        server.server_close()


def test_over_http(http_tsa: str, tsa: OpensslTsa) -> None:
    token = request_timestamp(CHECKPOINT, HttpTimestampAuthority(http_tsa), [tsa.cert("root")])
    assert token.response


def test_offline_and_bad_urls_are_errors() -> None:
    with pytest.raises(TimestampError, match="unreachable"):
        HttpTimestampAuthority("http://127.0.0.1:9/tsr", timeout=2).respond(b"q")
    with pytest.raises(TimestampError, match="not HTTP"):
        HttpTimestampAuthority("file:///etc/passwd").respond(b"q")
