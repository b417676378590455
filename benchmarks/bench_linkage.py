"""Linkage: synthetic lists → records → persons, with pairwise quality against the truth.

For each scale (persons; default 15,000 and 100,000, or the numbers given as arguments), writes
a ``gavah synth`` scenario with 5 lists to a temporary folder, normalises every row
(``gavah.register``), links the records in memory (``gavah.linkage.link_records``: Splink on
DuckDB) and prints records, persons found vs true, pairwise precision / recall / F1, pairs sent
to review, wall time per stage and peak memory (max RSS of this process). Never asserts a time.
"""

from __future__ import annotations

import csv
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

from gavah.linkage import LinkOptions, link_records, pairwise_scores, record_uid
from gavah.model import Record
from gavah.register import record_from_row
from gavah.synth import ScenarioParams, generate_scenario, write_scenario
from gavah.vocab import load_gazetteer, load_vocabulary

SCALES = (15_000, 100_000)
LISTS = 5


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


def run(persons: int) -> None:
    """Measure one scale and print its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        scenario = generate_scenario(
            load_vocabulary(), ScenarioParams(persons=persons, lists=LISTS, seed=1)
        )
        write_scenario(scenario, Path(tmp) / "s")
        synth_s = time.perf_counter() - start
        start = time.perf_counter()
        records, truth = _load(Path(tmp) / "s")
        load_s = time.perf_counter() - start
    counter = itertools.count()
    start = time.perf_counter()
    result = link_records(records, [], {}, lambda: f"p{next(counter)}", LinkOptions())
    link_s = time.perf_counter() - start
    predicted = {uid: pid for pid, uids in result.members.items() for uid in uids}
    scores = pairwise_scores(predicted, truth)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"persons={persons} records={len(records)} found={scores.persons_found} "
        f"true={scores.persons_true} precision={scores.precision:.4f} "
        f"recall={scores.recall:.4f} f1={scores.f1:.4f} review={len(result.review)} "
        f"synth={synth_s:.1f}s normalise={load_s:.1f}s link={link_s:.1f}s "
        f"peak_rss={peak_mib:.0f}MiB",
        flush=True,
    )


def main(argv: list[str]) -> None:
    """Run the scales named in ``argv`` (default :data:`SCALES`)."""
    for persons in [int(a) for a in argv] or SCALES:
        run(persons)


if __name__ == "__main__":
    main(sys.argv[1:])
