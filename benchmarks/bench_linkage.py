"""Linkage: synthetic lists → records → persons, with pairwise quality against the truth.

For each scale (persons; default 15,000 and 100,000, plus 1,000,000 when ``GAVAH_BENCH_1M=1``,
or the numbers given as arguments), writes a ``gavah synth`` scenario with 5 lists to a
temporary folder in a child process (so its memory is not counted), then in this process
normalises every row (``gavah.register``: rows/s), links the records in memory
(``gavah.linkage.link_records``: Splink on DuckDB, or ``GAVAH_BENCH_BACKEND=spark``) and prints
records, persons found vs true, pairwise precision / recall / F1, pairs sent to review, wall time
per stage and peak memory (max RSS of this process: normalising and linking).
``GAVAH_BENCH_LISTS=diverse`` measures the tests' independent generator (its own realistic
vocabulary, spellings and noise; 4 lists) instead, ``=other`` the older small-vocabulary one
(22 × 26 names, 3 lists: a namesake stress case). The linkage logs each stage's time. Never
asserts a time.
"""

from __future__ import annotations

import csv
import itertools
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gavah.linkage import LinkOptions, link_records, pairwise_scores, record_uid
from gavah.model import Record
from gavah.register import ListMapping, plan_import, read_table, record_from_row
from gavah.vocab import load_gazetteer

SCALES = (15_000, 100_000)
#: Set to 1 to add the million-person scale (long: run it alone on a quiet machine).
MILLION_ENV = "GAVAH_BENCH_1M"
LISTS = 5
#: Set to "diverse" or "other" to measure the tests' independent generators instead of synth.
LISTS_ENV = "GAVAH_BENCH_LISTS"
#: Its values naming the tests' independent generators: "diverse" (realistic vocabulary, 4
#: lists) and "other" (22 × 26 names, 3 lists: a stress case of namesakes).
_INDEPENDENT = ("diverse", "other")

_SYNTH = """
import sys
from pathlib import Path
from gavah.synth import ScenarioParams, generate_scenario, write_scenario
from gavah.vocab import load_vocabulary
params = ScenarioParams(persons=int(sys.argv[1]), lists=int(sys.argv[2]), seed=1)
write_scenario(generate_scenario(load_vocabulary(), params), Path(sys.argv[3]))
"""


def _load(folder: Path) -> tuple[list[Record], dict[str, str]]:
    gazetteer = load_gazetteer()
    records: list[Record] = []
    for path in sorted((folder / "lists").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                cells = {k: v or "" for k, v in row.items() if k is not None}
                records.append(record_from_row(path.stem, cells, gazetteer)[0])
    with (folder / "truth.csv").open(encoding="utf-8", newline="") as fh:
        truth = {
            record_uid(r["source"], r["record_id"]): r["person_id"] for r in csv.DictReader(fh)
        }
    return records, truth


def _other(persons: int) -> tuple[list[Record], dict[str, str]]:
    """Records and truth from the tests' independent generator (other names and noise)."""
    # Only if asked: the generators live with the tests.
    from tests.unit.linkage.diverse_lists import diverse_lists  # noqa: PLC0415
    from tests.unit.linkage.otherlists import other_lists  # noqa: PLC0415

    generator = diverse_lists if os.environ.get(LISTS_ENV) == "diverse" else other_lists
    texts, truth = generator(persons, seed=11)
    gazetteer = load_gazetteer()
    records: list[Record] = []
    for name, text in texts.items():
        table = read_table(text.encode(), f"{name}.csv")
        records.extend(plan_import(name, table, ListMapping(), gazetteer).records)
    return records, {record_uid(s, r): p for (s, r), p in truth.items()}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(persons: int, backend: str = "duckdb") -> None:
    """Measure one scale and print its figures."""
    logging.basicConfig(format="%(asctime)s %(name)s %(message)s", level=logging.WARNING)
    logging.getLogger("gavah.linkage").setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        start = time.perf_counter()
        if os.environ.get(LISTS_ENV) not in _INDEPENDENT:
            subprocess.run(
                [sys.executable, "-c", _SYNTH, str(persons), str(LISTS), str(folder)], check=True
            )
        synth_s = time.perf_counter() - start
        start = time.perf_counter()
        records, truth = (
            _other(persons) if os.environ.get(LISTS_ENV) in _INDEPENDENT else _load(folder)
        )
        load_s = time.perf_counter() - start
    load_mib = _peak_mib()
    counter = itertools.count()
    start = time.perf_counter()
    options = LinkOptions(backend=backend)
    result = link_records(records, [], {}, lambda: f"p{next(counter)}", options)
    link_s = time.perf_counter() - start
    predicted = {uid: pid for pid, uids in result.members.items() for uid in uids}
    scores = pairwise_scores(predicted, truth)
    print(
        f"persons={persons} lists={os.environ.get(LISTS_ENV, 'synth')} backend={backend} "
        f"records={len(records)} "
        f"found={scores.persons_found} true={scores.persons_true} "
        f"precision={scores.precision:.4f} recall={scores.recall:.4f} f1={scores.f1:.4f} "
        f"review={len(result.review)} synth={synth_s:.1f}s normalise={load_s:.1f}s "
        f"({len(records) / load_s:.0f} rows/s) link={link_s:.1f}s "
        f"peak_rss_after_normalise={load_mib:.0f}MiB peak_rss={_peak_mib():.0f}MiB",
        flush=True,
    )


def main(argv: list[str]) -> None:
    """Run the scales named in ``argv`` (default :data:`SCALES`, and 1M if asked)."""
    scales = [int(a) for a in argv] or [
        *SCALES,
        *([1_000_000] if os.environ.get(MILLION_ENV) == "1" else []),
    ]
    if len(scales) == 1:
        run(scales[0], os.environ.get("GAVAH_BENCH_BACKEND", "duckdb"))
        return
    # One process per scale: peak memory is per process, and one scale's must not hide another's.
    for persons in scales:
        subprocess.run([sys.executable, "-m", "benchmarks.bench_linkage", str(persons)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
