"""Synthetic scenario generation: wall time and peak memory at 15k, 100k persons, 5 lists.

Prints one line per size; the numbers go to docs/performance.md. Never asserts a time.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from gavah.synth import ScenarioParams, generate_scenario, write_scenario
from gavah.vocab import load_vocabulary

SIZES = (15_000, 100_000)


def main() -> None:
    """Generate and write each size into a temporary folder and report time and memory."""
    vocab = load_vocabulary()
    for persons in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            scenario = generate_scenario(vocab, ScenarioParams(persons=persons, lists=5, seed=1))
            write_scenario(scenario, Path(tmp) / "out")
            elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"synth persons={persons} lists=5: {elapsed:.1f} s, "
            f"{scenario.total_records} records, peak RSS {peak:.0f} MiB"
        )


if __name__ == "__main__":
    main()
