"""Name search: indexing and query latency on SQLite FTS5 and PostgreSQL full-text search.

Indexes ``GAVAH_BENCH_SEARCH_N`` (default 100,000) synthetic names drawn from the shipped
vocabulary, half in Persian script and half in a Latin spelling, then times 300 searches with a
different spelling or script than the stored one, reporting documents per second and the p50 /
p95 / max query time for each backend (PostgreSQL at ``GAVAH_BENCH_POSTGRES_URL``, default the
local server; skipped with a message if none answers). Never asserts a time.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from gavah.store import Store, make_engine, upgrade
from gavah.store.search import SearchDocument, SearchFilter, SearchRepository
from gavah.vocab import load_vocabulary

N = int(os.environ.get("GAVAH_BENCH_SEARCH_N", "100000"))
QUERIES = 300


def _names(rng: random.Random) -> tuple[list[str], list[str]]:
    vocab = load_vocabulary()
    given, family = vocab.given_names, vocab.surnames
    stored, queries = [], []
    for i in range(N):
        g, f = rng.choice(given), rng.choice(family)
        if i % 2:
            stored.append(f"{g.persian} {f.persian}")
            queries.append(f"{rng.choice(g.latin)} {rng.choice(f.latin)}")
        else:
            stored.append(f"{g.latin[0]} {f.latin[0]}")
            queries.append(f"{g.persian} {f.persian}".replace("ی", "ي"))
    return stored, queries


def _run(url: str, label: str, stored: list[str], queries: list[str]) -> None:
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    start = time.perf_counter()
    with store.session() as session:
        SearchRepository(session).put(
            SearchDocument("person", str(i), name, public=bool(i % 3))
            for i, name in enumerate(stored)
        )
    indexed = time.perf_counter() - start
    rng = random.Random(2)
    times, found = [], 0
    with store.reader() as session:
        repo = SearchRepository(session)
        for _ in range(QUERIES):
            i = rng.randrange(N)
            t0 = time.perf_counter()
            hits = repo.find(queries[i], SearchFilter(public_only=False), limit=20)
            times.append(time.perf_counter() - t0)
            found += any(h.ref == str(i) for h in hits)
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(
        f"{label}: indexed {N:,} names in {indexed:.1f} s ({N / indexed:,.0f}/s); "
        f"{QUERIES} cross-script queries: p50 {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms; "
        f"target in top 20 for {found}/{QUERIES}"
    )
    engine.dispose()


def main() -> None:
    stored, queries = _names(random.Random(1))
    with tempfile.TemporaryDirectory() as tmp:
        _run(f"sqlite:///{Path(tmp) / 'search.db'}", "sqlite", stored, queries)
    admin = os.environ.get(
        "GAVAH_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    name = f"gavah_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        print(f"postgresql: skipped ({exc})")
        return
    try:
        _run(admin.rsplit("/", 1)[0] + f"/{name}", "postgresql", stored, queries)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


if __name__ == "__main__":
    main()
