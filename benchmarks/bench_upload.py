"""Resumable upload speed and memory: a big synthetic file in 5 MB tus chunks over loopback HTTP.

The server (uvicorn, the real app over a fresh SQLite workspace with its keys) runs in a child
process, so its peak memory (VmHWM) is its own; the client here reads the file chunk by chunk and
PATCHes each one. Reports the transfer throughput (bytes received and appended to disk), the time
of the final ingest (SHA-256/512 and age encryption of the whole file into the vault, a signed
head) and the server's peak RSS, which must not grow with the file. Asserts no time.

``python -m benchmarks upload`` or ``python -m benchmarks.bench_upload [--mb 200] [--chunk-mb 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

PASSPHRASE = "benchmark passphrase, synthetic data only"  # noqa: S105 - synthetic
PASSWORD = "benchmark password 1234"  # noqa: S105 - synthetic
API = "/api/v1/workspace/uploads"


def _serve(root: Path, port: int) -> None:
    import uvicorn  # noqa: PLC0415

    from gavah.store.accounts import AccountRepository  # noqa: PLC0415
    from gavah.web import WebOptions  # noqa: PLC0415
    from gavah.web.app import workspace_app  # noqa: PLC0415
    from gavah.web.passwords import hash_password  # noqa: PLC0415
    from gavah.web.vault_access import install_vault  # noqa: PLC0415
    from gavah.workspace import Settings, Workspace  # noqa: PLC0415

    now = dt.datetime.now(dt.UTC)
    workspace = Workspace.init(Settings.build({}, workspace=root), PASSPHRASE, now=now).workspace
    with workspace.store().session() as session:
        AccountRepository(session).add("documenter", "documenter", hash_password(PASSWORD), now=now)
    app = workspace_app(workspace, options=WebOptions(secure_cookies=False))
    install_vault(app, workspace, workspace.unlock(PASSPHRASE))
    # Forget the peak of start-up (scrypt unsealing the keys takes 256 MiB): measure serving.
    Path("/proc/self/clear_refs").write_text("5")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _peak_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) if found else -1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _sign_in(client: requests.Session, base: str) -> str:
    page = client.get(base + "/en/login").text
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert token
    client.post(
        base + "/en/login",
        data={"name": "documenter", "password": PASSWORD, "csrf_token": token.group(1)},
    )
    upload_page = client.get(base + "/en/workspace/upload").text
    found = re.search(r'data-csrf="([0-9a-f]+)"', upload_page)
    assert found, "not signed in"
    return found.group(1)


def main() -> None:
    """Upload one big synthetic file in chunks and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--chunk-mb", type=int, default=5)
    args = parser.parse_args()
    size, chunk = args.mb * 1024 * 1024, args.chunk_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="gavah-bench-upload-") as folder:
        original = Path(folder) / "big.bin"
        with original.open("wb") as handle:
            for _ in range(args.mb):
                handle.write(os.urandom(1024 * 1024))  # incompressible, synthetic
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_upload", "--serve", folder + "/ws", str(port)]
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    requests.get(base + "/healthz", timeout=5)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            idle = _peak_kib(server.pid)
            with requests.Session() as client:
                csrf = _sign_in(client, base)
                tus = {"Tus-Resumable": "1.0.0", "X-CSRF-Token": csrf}
                created = client.post(base + API, headers={**tus, "Upload-Length": str(size)})
                url = base + created.headers["location"]
                start = time.perf_counter()
                offset, last = 0, None
                with original.open("rb") as handle:
                    while piece := handle.read(chunk):
                        begin = time.perf_counter()
                        last = client.patch(
                            url,
                            data=piece,
                            headers={
                                **tus,
                                "Upload-Offset": str(offset),
                                "Content-Type": "application/offset+octet-stream",
                            },
                            timeout=600,
                        )
                        offset += len(piece)
                        final_seconds = time.perf_counter() - begin
                total = time.perf_counter() - start
            assert last is not None
            assert last.status_code == 204, last.text
            peak = _peak_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    transfer = total - final_seconds
    print(f"file: {args.mb} MiB in {args.chunk_mb} MiB chunks ({-(-size // chunk)} PATCHes)")
    print(f"evidence id: {last.headers.get('Gavah-Evidence-Id')}")
    print(f"transfer (all chunks but the last): {(size - chunk) / transfer / 2**20:.0f} MiB/s")
    print(f"last chunk + ingest of the whole file: {final_seconds:.1f} s")
    print(f"end to end: {size / total / 2**20:.0f} MiB/s ({total:.1f} s)")
    print(f"server peak RSS: {idle / 1024:.0f} MiB before, {peak / 1024:.0f} MiB after")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        _serve(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
