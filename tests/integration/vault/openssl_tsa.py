"""A local RFC 3161 timestamp authority for tests: `openssl ts -reply` behind a tiny HTTP server.

Owns making a throwaway CA and a TSA certificate (critical extendedKeyUsage timeStamping) in a
temporary folder, answering DER queries with `openssl ts -reply`, and serving that over HTTP on
a fixed local port that can be stopped and started again (to play an authority that goes
offline and comes back). Everything is made at test time; nothing is downloaded.
"""

from __future__ import annotations

import http.server
import socket
import subprocess
import threading
from pathlib import Path

from cryptography import x509

__all__ = ["OpensslTsa", "TsaServer", "free_port"]

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

_EC = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")


def _openssl(folder: Path, *args: str) -> bytes:
    done = subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)
    return done.stdout


class OpensslTsa:
    """A timestamp authority: `openssl ts -reply` with a throwaway CA (``root``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "tsa.cnf").write_text(_CONFIG)
        (folder / "serial").write_text("01\n")
        for name in ("root", "other"):
            _openssl(
                folder, "req", "-x509", *_EC, "-keyout", f"{name}.key", "-out", f"{name}.crt",
                "-subj", f"/CN=Test {name} CA", "-days", "2", "-config", "tsa.cnf",
                "-extensions", "v3_ca",
            )  # fmt: skip
        _openssl(
            folder, "req", *_EC, "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/CN=Test TSA",
        )  # fmt: skip
        _openssl(
            folder, "x509", "-req", "-in", "tsa.csr", "-CA", "root.crt", "-CAkey", "root.key",
            "-CAcreateserial", "-out", "tsa.crt", "-days", "2", "-extfile", "tsa.cnf",
            "-extensions", "v3_tsa",
        )  # fmt: skip
        self._lock = threading.Lock()
        self.answered = 0

    def path(self, name: str) -> Path:
        """The PEM file of certificate ``name`` (``root``, ``other`` or ``tsa``)."""
        return self.folder / f"{name}.crt"

    def cert(self, name: str) -> x509.Certificate:
        """Certificate ``name``."""
        return x509.load_pem_x509_certificate(self.path(name).read_bytes())

    def respond(self, query: bytes) -> bytes:
        """Answer a DER timestamp query with a DER timestamp response."""
        with self._lock:
            (self.folder / "q.tsq").write_bytes(query)
            _openssl(
                self.folder, "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "q.tsq",
                "-out", "r.tsr",
            )  # fmt: skip
            self.answered += 1
            return (self.folder / "r.tsr").read_bytes()

    def verify_with_openssl(self, data: Path, token: Path) -> str:
        """Run `openssl ts -verify` as an expert would; return its output (raises on failure)."""
        return _openssl(
            self.folder, "ts", "-verify", "-data", str(data), "-in", str(token),
            "-CAfile", str(self.path("root")),
        ).decode()  # fmt: skip


def free_port() -> int:
    """A local TCP port nobody listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class TsaServer:
    """Serves ``tsa`` over HTTP at a fixed local port; :meth:`stop` makes it refuse connections."""

    def __init__(self, tsa: OpensslTsa, port: int | None = None) -> None:
        self.tsa = tsa
        self.port = port if port is not None else free_port()
        self.url = f"http://127.0.0.1:{self.port}/tsr"
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> TsaServer:
        """Listen and answer in a thread."""
        tsa = self.tsa

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

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering: connections are refused from now on."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None
