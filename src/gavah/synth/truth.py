"""The ground truth of a synthetic scenario: capture histories, namesakes, counts by province.

Owns summarising who is on which list (the capture-history table an estimator reads) and how
often true persons share names, which is what makes linkage hard. Pure numpy; no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gavah.synth.population import Population

__all__ = ["CaptureHistory", "Namesakes", "capture_histories", "count_namesakes"]


@dataclass(frozen=True, slots=True)
class CaptureHistory:
    """How many persons have exactly this pattern of lists (``"10110"``, in list order)."""

    pattern: str
    count: int


@dataclass(frozen=True, slots=True)
class Namesakes:
    """How many true persons share a name with at least one other true person."""

    full_name: int  # given + family name
    with_father: int  # given + family + father's name
    with_father_and_city: int  # ... and the same town
    largest_group: int  # size of the largest group sharing given + family name


def capture_histories(captured: npt.NDArray[np.bool_]) -> tuple[CaptureHistory, ...]:
    """The observed capture patterns (at least one list) with their counts, sorted by pattern."""
    k = captured.shape[1]
    weights = 1 << np.arange(k - 1, -1, -1, dtype=np.int64)
    codes = captured.astype(np.int64) @ weights
    counts = np.bincount(codes, minlength=1 << k)
    return tuple(
        CaptureHistory(pattern=format(code, f"0{k}b"), count=int(counts[code]))
        for code in range(1, 1 << k)
        if counts[code]
    )


def _shared(keys: list[npt.NDArray[np.int64]]) -> tuple[int, int]:
    # one int64 per person: mixed radix over the key columns (vocabulary sizes keep it < 2**63)
    combined = np.zeros(keys[0].shape[0], dtype=np.int64)
    for key in keys:
        combined = combined * (int(key.max()) + 1) + key
    _, inverse, counts = np.unique(combined, return_inverse=True, return_counts=True)
    per_person = counts[inverse.reshape(-1)]
    return int((per_person > 1).sum()), int(counts.max())


def count_namesakes(population: Population) -> Namesakes:
    """Count persons sharing given + family name (and father's name, and town) with another."""
    given = population.given.astype(np.int64)
    family = population.surname.astype(np.int64)
    father = population.father.astype(np.int64)
    place = population.province.astype(np.int64) * 1000 + population.city
    full, largest = _shared([given, family])
    with_father, _ = _shared([given, family, father])
    with_city, _ = _shared([given, family, father, place.astype(np.int64)])
    return Namesakes(
        full_name=full,
        with_father=with_father,
        with_father_and_city=with_city,
        largest_group=largest,
    )
