"""Run every ``benchmarks/bench_*.py`` in its own process and print what each measured.

Usage: ``python -m benchmarks [NAME ...]`` (names without the ``bench_`` prefix). Each benchmark
prints its own figures; this runner adds wall time and peak memory (max RSS) per benchmark. The
numbers are copied into docs/performance.md by hand, with the date and the machine.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the selected benchmarks; return non-zero if any of them failed."""
    here = Path(__file__).parent
    wanted = set(argv)
    failures = 0
    for script in sorted(here.glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", f"benchmarks.{script.stem}"], check=False)
        elapsed = time.perf_counter() - start
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        status = "ok" if proc.returncode == 0 else f"FAILED ({proc.returncode})"
        print(f"-- {name}: {status}, {elapsed:.1f} s wall, peak RSS so far {peak_mib:.0f} MiB\n")
        failures += proc.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
