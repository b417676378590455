"""Load test of the public site and API: 50 concurrent clients on a demo of 100,000+ records.

Builds (once, cached under ``GAVAH_BENCH_WEB_DIR``, default ``.bench/web``) the demo workspace
of ``GAVAH_BENCH_WEB_PERSONS`` synthetic persons (default 72,000, about 105,000 list records)
with :func:`gavah.cli.demo.build_demo` (lists, linking, grading, publication, search index) and
reports how long that took. Serves it with uvicorn in a subprocess (``--workers`` = cores,
``GAVAH_BENCH_WEB_WORKERS``), discovers the public GET routes (the OpenAPI schema's operations
without path parameters, and the same-origin links of the public pages in both languages, two
links deep; never ``/workspace`` or sign-in pages), adds searches for published names, and runs
``GAVAH_BENCH_WEB_CLIENTS`` (default 50) asyncio clients with keep-alive for
``GAVAH_BENCH_WEB_SECONDS`` (default 60), each picking an endpoint at random, then one of its
URLs. Prints requests per
second, p50 / p95 / p99 / max, errors, and the slowest endpoints. Never asserts a time; the
goal is p95 under 200 ms. The load generator runs on the same machine as the server.

``python -m benchmarks web`` (or ``python -m benchmarks.bench_web``). ``app_factory`` is what
the uvicorn workers import (``GAVAH_BENCH_WEB_WORKSPACE`` names the workspace).
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
from fastapi import FastAPI
from sqlalchemy import select

from gavah.cli.demo import DEMO_PASSPHRASE, build_demo
from gavah.store.schema_web import SearchDocumentRow
from gavah.workspace import Settings, Workspace

BENCH_DIR = Path(os.environ.get("GAVAH_BENCH_WEB_DIR", ".bench/web"))
PERSONS = int(os.environ.get("GAVAH_BENCH_WEB_PERSONS", "72000"))
CLIENTS = int(os.environ.get("GAVAH_BENCH_WEB_CLIENTS", "50"))
SECONDS = float(os.environ.get("GAVAH_BENCH_WEB_SECONDS", "60"))
WORKERS = int(os.environ.get("GAVAH_BENCH_WEB_WORKERS", str(os.cpu_count() or 1)))
MAX_LINKS = 80
SEARCH_NAMES = 40
_SKIP = re.compile(r"/(workspace|login|logout|account|static)(/|$)|^/api/openapi")
_HREF = re.compile(r'href="(/[^"#]*)"')
_WORKSPACE_ENV = "GAVAH_BENCH_WEB_WORKSPACE"


def _settings(root: Path) -> Settings:
    return dataclasses.replace(
        Settings.build({}, workspace=root), passphrase=DEMO_PASSPHRASE, database_url=None
    )


def app_factory() -> FastAPI:
    """The app a uvicorn worker serves: the bench workspace, as ``gavah serve`` serves it."""
    from gavah.web.app import workspace_app  # noqa: PLC0415 - only the workers need it

    return workspace_app(Workspace.open(_settings(Path(os.environ[_WORKSPACE_ENV]))))


def _workspace() -> Path:
    root = BENCH_DIR / f"demo-{PERSONS}"
    done = root / ".bench-built"
    if done.is_file():
        print(f"reusing {root} ({done.read_text('utf-8').strip()})", flush=True)
        return root
    if root.exists():
        raise SystemExit(f"{root} exists but was not finished; delete it and run again")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    workspace = build_demo(_settings(root), persons=PERSONS, lists=5, seed=1)
    elapsed = time.perf_counter() - start
    workspace.close()
    note = f"build_demo of {PERSONS:,} persons took {elapsed:.0f} s"
    done.write_text(note + "\n", "utf-8")
    print(note, flush=True)
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(root: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, _WORKSPACE_ENV: str(root.resolve())}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "benchmarks.bench_web:app_factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env=env)


def _wait(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not answer within 120 s")


def _published_names(root: Path) -> list[str]:
    workspace = Workspace.open(_settings(root))
    try:
        with workspace.store().reader() as session:
            titles = session.scalars(
                select(SearchDocumentRow.title)
                .where(SearchDocumentRow.public.is_(True), SearchDocumentRow.kind == "person")
                .order_by(SearchDocumentRow.pk)
                .limit(SEARCH_NAMES * 10)
            ).all()
    finally:
        workspace.close()
    names = [part.strip() for title in titles for part in title.split(" / ")]
    rng = random.Random(3)
    rng.shuffle(names)
    return [n.replace("ی", "ي") if i % 3 == 0 else n for i, n in enumerate(names[:SEARCH_NAMES])]


def _api_urls(client: httpx.Client, names: list[str]) -> list[str]:
    schema = client.get("/api/openapi.json").json()
    urls = []
    for path, methods in schema.get("paths", {}).items():
        operation = methods.get("get")
        if operation is None or "{" in path or "/workspace" in path:
            continue
        required = [p["name"] for p in operation.get("parameters", []) if p.get("required")]
        if required == ["q"]:
            urls += [f"{path}?q={name}" for name in names[:10]]
        elif not required:
            urls.append(path)
    return urls


def _page_urls(client: httpx.Client, names: list[str]) -> list[str]:
    seen: list[str] = []
    frontier = ["/fa/", "/en/"]
    for _ in range(3):
        following: list[str] = []
        for url in frontier:
            if url in seen or len(seen) >= MAX_LINKS:
                continue
            response = client.get(url)
            if response.status_code != 200:
                continue
            seen.append(url)
            if "html" in response.headers.get("content-type", ""):
                for link in _HREF.findall(response.text):
                    path = urlsplit(link).path
                    if not _SKIP.search(path) and link not in seen:
                        following.append(link.replace("&amp;", "&"))
        frontier = list(dict.fromkeys(following))
    searches = [f"/{lang}/search?q={name}" for name in names for lang in ("fa", "en")]
    return seen + searches[:SEARCH_NAMES]


def _endpoint(url: str) -> str:
    """The route a URL exercises: digits and ULIDs folded, query values dropped."""
    path, _, query = url.partition("?")
    path = re.sub(r"/[0-9A-Za-z_-]{16,}(?=/|$)", "/{id}", path)
    path = re.sub(r"/\d+(?=/|$)", "/{n}", path)
    keys = sorted({pair.split("=")[0] for pair in query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


@dataclasses.dataclass
class Tally:
    """What the clients saw."""

    times: dict[str, list[float]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = dataclasses.field(default_factory=lambda: defaultdict(int))


async def _client(base: str, urls: list[list[str]], stop: float, seed: int, tally: Tally) -> None:
    """One client: a random endpoint, then a random URL of it, until ``stop``."""
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        while time.monotonic() < stop:
            url = rng.choice(rng.choice(urls))
            start = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
                ok = response.status_code < 400
            except httpx.HTTPError:
                ok = False
            elapsed = time.perf_counter() - start
            tally.times[_endpoint(url)].append(elapsed)
            if not ok:
                tally.errors[_endpoint(url)] += 1


async def _load(base: str, urls: list[str]) -> tuple[Tally, float]:
    by_endpoint: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_endpoint[_endpoint(url)].append(url)
    groups = list(by_endpoint.values())
    tally = Tally()
    start = time.monotonic()
    stop = start + SECONDS
    await asyncio.gather(*(_client(base, groups, stop, n, tally) for n in range(CLIENTS)))
    return tally, time.monotonic() - start


def _quantile(sorted_times: list[float], q: float) -> float:
    return sorted_times[min(len(sorted_times) - 1, int(q * len(sorted_times)))]


def _report(tally: Tally, elapsed: float) -> None:
    every = sorted(t for times in tally.times.values() for t in times)
    errors = sum(tally.errors.values())
    print(
        f"{len(every):,} requests in {elapsed:.0f} s: {len(every) / elapsed:,.0f} req/s; "
        f"p50 {_quantile(every, 0.5) * 1000:.0f} ms, p95 {_quantile(every, 0.95) * 1000:.0f} ms, "
        f"p99 {_quantile(every, 0.99) * 1000:.0f} ms, max {every[-1] * 1000:.0f} ms; "
        f"errors {errors}"
    )
    rows: list[tuple[float, str, Any]] = []
    for endpoint, times in tally.times.items():
        times.sort()
        rows.append((_quantile(times, 0.95), endpoint, times))
    rows.sort(reverse=True)
    print(f"{'endpoint':48} {'n':>6} {'p50':>7} {'p95':>7} {'max':>7} {'errors':>6}")
    for p95, endpoint, times in rows:
        print(
            f"{endpoint[:48]:48} {len(times):6} {statistics.median(times) * 1000:6.0f}  "
            f"{p95 * 1000:6.0f}  {times[-1] * 1000:6.0f}  {tally.errors.get(endpoint, 0):6}"
        )


def main() -> None:
    root = _workspace()
    names = _published_names(root)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(root, port)
    try:
        _wait(base, server)
        with httpx.Client(base_url=base, timeout=60) as client:
            urls = _page_urls(client, names) + _api_urls(client, names)
        print(
            f"{len(urls)} URLs over {len({_endpoint(u) for u in urls})} endpoints; "
            f"{CLIENTS} clients for {SECONDS:.0f} s against {WORKERS} uvicorn workers",
            flush=True,
        )
        tally, elapsed = asyncio.run(_load(base, urls))
        _report(tally, elapsed)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
