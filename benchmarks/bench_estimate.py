"""LCMCR sampler speed: sweeps per second per chain, and a full default run on Kosovo.

Prints what it measured; asserts no time. The goal from issue 5 is the reference C++ sampler's
speed on this machine, one core: about 75,000 sweeps/s on Kosovo (4 lists) and 11,000 on the
20-list Colombia stratum. Per-chain speed is measured on one thread after compilation, both as
wall time and as the thread's CPU time, the best of ``REPEATS`` runs (the machine may be shared:
the best run is the one least disturbed). Run with ``python -m benchmarks estimate`` (or
``python -m benchmarks.bench_estimate [SWEEPS]``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

from gavah.estimate import (
    CaptureTable,
    EstimateOptions,
    LcmcrSettings,
    estimate,
    read_capture_csv,
    run_lcmcr,
)

DATA = Path(__file__).resolve().parent.parent / "tests" / "unit" / "estimate" / "data"
TABLES = [
    ("Kosovo, 4 lists", "kosovo_1999_lcmcr.csv", None),
    ("Kosovo, 4 lists, K = 10", "kosovo_1999_lcmcr.csv", 10),
    ("UK 2013, 6 lists", "uk_modern_slavery_2013_6lists.csv", None),
    ("Colombia R1, 20 lists", "verdata_colombia_recruitment_male_1999_R1.csv", None),
]
REPEATS = 3


def table(name: str) -> CaptureTable:
    """A published table from the test data."""
    loaded = read_capture_csv(DATA / name)
    assert isinstance(loaded, CaptureTable)
    return loaded


def per_chain(data: CaptureTable, classes: int | None, sweeps: int) -> tuple[float, float]:
    """Sweeps per second of one chain on one thread: (wall clock, thread CPU time)."""
    settings = LcmcrSettings(classes=classes, burnin=0, iterations=sweeps, thin=100, chains=1)
    wall = time.perf_counter()
    cpu = time.thread_time()
    run_lcmcr(data, settings, seed=1, workers=1)
    cpu = time.thread_time() - cpu
    wall = time.perf_counter() - wall
    done = sweeps + 500  # the warm-up sweeps run too
    return done / wall, done / cpu


def main(argv: list[str]) -> None:
    """Measure and print."""
    sweeps = int(argv[0]) if argv else 100_000
    start = time.perf_counter()
    run_lcmcr(
        table("kosovo_1999_lcmcr.csv"),
        LcmcrSettings(burnin=0, iterations=400, thin=100, chains=1),
        seed=0,
    )
    print(f"first call (numba compile or cache load): {time.perf_counter() - start:.1f} s")
    for label, name, classes in TABLES:
        data = table(name)
        runs = [per_chain(data, classes, sweeps) for _ in range(REPEATS)]
        wall = max(run[0] for run in runs)
        cpu = max(run[1] for run in runs)
        k = LcmcrSettings(classes=classes).classes_for(data.k)
        print(
            f"{label:<26} K={k:<3} {len(data.cells):>4} patterns: "
            f"{wall:>9,.0f} sweeps/s per chain (wall), {cpu:>9,.0f} (thread CPU), best of {REPEATS}"
        )
    workers = os.cpu_count() or 1
    kosovo = table("kosovo_1999_lcmcr.csv")
    start = time.perf_counter()
    result = estimate(kosovo, EstimateOptions(), seed=1, workers=workers)
    elapsed = time.perf_counter() - start
    draws = np.asarray(result.draws)
    print(
        f"Kosovo, default run (4 chains x 210,500 sweeps, {workers} threads): {elapsed:.1f} s; "
        f"median {result.estimate:,.0f}, interval {result.lower:,.0f}-{result.upper:,.0f}, "
        f"{result.verdict}, R-hat {result.diagnostics['rhat']}, "
        f"ESS {result.diagnostics['ess_bulk']}, {draws.size} draws"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
