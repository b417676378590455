"""Name search: indexing and query latency on SQLite FTS5 and PostgreSQL full-text search.

Indexes ``GAVAH_BENCH_SEARCH_N`` (default 100,000; the target is 1,000,000) synthetic persons
drawn from the shipped vocabulary, half in Persian script and half in a Latin spelling, each
with a status, a grade, a province and a day, a third of them public. Then times
``GAVAH_BENCH_SEARCH_QUERIES`` (default 300) searches per kind of query, each with a different
spelling or script than the stored one (Arabic yeh in Persian queries): a name alone, a name on
the public search, a name with a status and grade filter, with a province, with a date range,
and a family name alone (many hits). Reports documents per second and p50 / p95 / max per kind,
for each backend (PostgreSQL at ``GAVAH_BENCH_POSTGRES_URL``, default the local server; skipped
with a message if none answers; ``GAVAH_BENCH_SEARCH_BACKENDS=sqlite`` runs one). Never asserts
a time.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
from psycopg import sql

from gavah.store import Store, make_engine, upgrade
from gavah.store.search import SearchDocument, SearchFilter, SearchRepository
from gavah.vocab import load_gazetteer, load_vocabulary

N = int(os.environ.get("GAVAH_BENCH_SEARCH_N", "100000"))
QUERIES = int(os.environ.get("GAVAH_BENCH_SEARCH_QUERIES", "300"))
BACKENDS = os.environ.get("GAVAH_BENCH_SEARCH_BACKENDS", "sqlite,postgresql").split(",")
STATUSES = ("killed", "killed", "killed", "detained", "injured", "executed", "disappeared")
GRADES = ("confirmed", "fair", "fair", "weak", "weak", "contested")
FIRST_DAY = dt.date(2025, 12, 28)
DAYS = 40


class Corpus:
    """The synthetic persons (stored names, facets) and a query spelling for each."""

    def __init__(self, rng: random.Random) -> None:
        vocab = load_vocabulary()
        given, family = vocab.given_names, vocab.surnames
        provinces = [p.code for p in load_gazetteer().provinces]
        self.stored: list[str] = []
        self.queries: list[str] = []
        self.families: list[str] = []
        self.facets: list[tuple[str, str, str, dt.date]] = []
        for i in range(N):
            g, f = rng.choice(given), rng.choice(family)
            if i % 2:
                self.stored.append(f"{g.persian} {f.persian}")
                self.queries.append(f"{rng.choice(g.latin)} {rng.choice(f.latin)}")
                self.families.append(rng.choice(f.latin))
            else:
                self.stored.append(f"{g.latin[0]} {f.latin[0]}")
                self.queries.append(f"{g.persian} {f.persian}".replace("ی", "ي"))
                self.families.append(f.persian.replace("ی", "ي"))
            self.facets.append(
                (
                    rng.choice(STATUSES),
                    rng.choice(GRADES),
                    rng.choice(provinces),
                    FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
                )
            )

    def documents(self) -> Iterator[SearchDocument]:
        for i, name in enumerate(self.stored):
            status, grade, province, day = self.facets[i]
            yield SearchDocument(
                "person",
                str(i),
                name,
                public=not i % 3,
                province=province,
                day=day,
                status=status,
                grade=grade,
            )


#: One kind of query: (label, query text and filter for target ``i``).
QueryKind = tuple[str, Callable[[Corpus, int], tuple[str, SearchFilter]]]

KINDS: list[QueryKind] = [
    ("name", lambda c, i: (c.queries[i], SearchFilter(public_only=False))),
    ("name, public", lambda c, i: (c.queries[i], SearchFilter(public_only=True))),
    (
        "name + status + grade",
        lambda c, i: (
            c.queries[i],
            SearchFilter(
                public_only=False,
                statuses=(c.facets[i][0], "executed"),
                grades=(c.facets[i][1], "confirmed"),
            ),
        ),
    ),
    (
        "name + province",
        lambda c, i: (c.queries[i], SearchFilter(public_only=False, province=c.facets[i][2])),
    ),
    (
        "name + dates",
        lambda c, i: (
            c.queries[i],
            SearchFilter(
                public_only=True,
                since=c.facets[i][3] - dt.timedelta(days=3),
                until=c.facets[i][3] + dt.timedelta(days=3),
            ),
        ),
    ),
    ("family name only", lambda c, i: (c.families[i], SearchFilter(public_only=False))),
]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _run(url: str, label: str, corpus: Corpus) -> None:
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    start = time.perf_counter()
    with store.session() as session:
        SearchRepository(session).put(corpus.documents())
    indexed = time.perf_counter() - start
    print(f"{label}: indexed {N:,} persons in {indexed:.1f} s ({N / indexed:,.0f}/s)", flush=True)
    with store.reader() as session:
        repo = SearchRepository(session)
        repo.find("warm up", SearchFilter(public_only=False))
        for kind, make in KINDS:
            rng = random.Random(2)
            times, found = [], 0
            for _ in range(QUERIES):
                i = rng.randrange(N)
                query, where = make(corpus, i)
                t0 = time.perf_counter()
                hits = repo.find(query, where, limit=20)
                times.append(time.perf_counter() - t0)
                found += any(h.ref == str(i) for h in hits)
            times.sort()
            p95 = times[max(0, int(0.95 * len(times)) - 1)]
            print(
                f"  {kind:22} p50 {_ms(statistics.median(times)):>9}  p95 {_ms(p95):>9}  "
                f"max {_ms(times[-1]):>9}  target in top 20: {found}/{QUERIES}",
                flush=True,
            )
    engine.dispose()


def main() -> None:
    corpus = Corpus(random.Random(1))
    if "sqlite" in BACKENDS:
        with tempfile.TemporaryDirectory() as tmp:
            _run(f"sqlite:///{Path(tmp) / 'search.db'}", "sqlite", corpus)
    if "postgresql" not in BACKENDS:
        return
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
        _run(admin.rsplit("/", 1)[0] + f"/{name}", "postgresql", corpus)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


if __name__ == "__main__":
    main()
