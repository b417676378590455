"""Storage: list rows normalised into records and bulk-inserted, on SQLite and PostgreSQL.

Generates a 30,000-person synthetic scenario, normalises every list row with
``gavah.register.record_from_row`` and inserts the records in batches of 2,000, reporting rows per
second for each backend (PostgreSQL at ``GAVAH_BENCH_POSTGRES_URL``, default the local server;
skipped with a message if none answers). Never asserts a time.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

from gavah.model import Source, SourceKind
from gavah.register import record_from_row
from gavah.store import RecordRepository, SourceRepository, Store, make_engine, upgrade
from gavah.synth import ScenarioParams, generate_scenario
from gavah.vocab import load_gazetteer, load_vocabulary

PERSONS = 30_000
BATCH = 2_000


def _rows() -> list[tuple[str, dict[str, str]]]:
    scenario = generate_scenario(load_vocabulary(), ScenarioParams(persons=PERSONS, seed=1))
    out: list[tuple[str, dict[str, str]]] = []
    for j, synth_list in enumerate(scenario.lists):
        for row in scenario.records(j):
            out.append((synth_list.name, {"record_id": row.record_id, **row.cells}))
    return out


def _run(url: str, rows: list[tuple[str, dict[str, str]]], label: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    gazetteer = load_gazetteer()
    names = sorted({name for name, _ in rows})
    ids = {name: f"src-{i}" for i, name in enumerate(names)}
    with store.session() as session:
        for name in names:
            SourceRepository(session).add(Source(id=ids[name], name=name, kind=SourceKind.LIST))
    start = time.perf_counter()
    records = [record_from_row(ids[name], row, gazetteer)[0] for name, row in rows]
    normalised = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(0, len(records), BATCH):
        with store.session() as session:
            RecordRepository(session).add_many(records[i : i + BATCH])
    inserted = time.perf_counter() - start
    engine.dispose()
    n = len(records)
    print(
        f"{label}: normalise {n} rows {normalised:.1f} s ({n / normalised:,.0f} rows/s); "
        f"insert {inserted:.1f} s ({n / inserted:,.0f} rows/s)"
    )


def main() -> None:
    """Run the measurement on SQLite, then on PostgreSQL when a server answers."""
    rows = _rows()
    with tempfile.TemporaryDirectory() as tmp:
        _run(f"sqlite:///{Path(tmp) / 'bench.db'}", rows, "sqlite")
    admin = os.environ.get("GAVAH_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1/postgres")
    name = f"gavah_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as err:
        print(f"postgresql: skipped ({str(err).strip()})")
        return
    try:
        _run(admin.rsplit("/", 1)[0] + "/" + name, rows, "postgresql")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


if __name__ == "__main__":
    main()
