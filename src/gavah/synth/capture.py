"""Who each synthetic list captures, and in what order its records come.

Owns the capture model: a list's base coverage, shifted by province (strong in some, almost
absent in others), by event and time window, and by a per-person latent visibility shared by all
lists so that lists are positively dependent, as real ones are. Also plans each list's records
(with within-list duplicates) in the list's order. Pure numpy; no I/O, no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from gavah.synth.population import Population
from gavah.synth.styles import ListStyle

__all__ = ["ListPlan", "draw_capture", "draw_visibility", "plan_list"]

BoolMatrix = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

_PROVINCE_SD: Final = 0.5
_STRONG: Final = 1.0
_WEAK: Final = -2.5
_ABSENT: Final = -8.0  # outside a focused list's provinces or time window


@dataclass(frozen=True, slots=True)
class ListPlan:
    """The records of one list in output order: which person each is, and if it repeats one."""

    persons: npt.NDArray[np.int32]
    duplicate: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.persons.shape[0])


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def draw_visibility(n: int, rng: np.random.Generator) -> FloatArray:
    """The shared latent visibility of each person (standard normal on the logit scale)."""
    return rng.standard_normal(n)


def _province_offsets(
    style: ListStyle, counts: npt.NDArray[np.int64], rng: np.random.Generator
) -> FloatArray:
    n_prov = counts.shape[0]
    offsets: FloatArray = np.asarray(rng.normal(0.0, _PROVINCE_SD, size=n_prov))
    by_size = np.argsort(-counts, kind="stable")
    if style.focus > 0:
        focus = [int(by_size[0])]
        rest = [int(p) for p in by_size[1 : min(6, n_prov)]]
        if style.focus > 1 and rest:
            picks = rng.choice(len(rest), size=min(style.focus - 1, len(rest)), replace=False)
            focus += [rest[int(k)] for k in picks]
        absent = np.full(n_prov, _ABSENT)
        absent[focus] = 0.0
        return absent
    order = rng.permutation(n_prov)
    n_strong = min(int(rng.integers(2, 4)), n_prov)
    n_weak = min(int(rng.integers(3, 7)), max(n_prov - n_strong - 1, 0))
    offsets[order[:n_strong]] += _STRONG
    offsets[order[n_strong : n_strong + n_weak]] += _WEAK
    return offsets


def draw_capture(
    population: Population,
    styles: tuple[ListStyle, ...],
    n_provinces: int,
    visibility: FloatArray,
    rng: np.random.Generator,
) -> BoolMatrix:
    """Whether each person (row) is on each list (column).

    The capture probability of person ``i`` on list ``j`` is the logistic of the list's base
    coverage plus its province, event and time-window shifts plus ``visibility[i]`` weighted by
    the list; a person on no list is in the truth only.
    """
    n = len(population)
    counts = np.bincount(population.province, minlength=n_provinces).astype(np.int64)
    captured = np.zeros((n, len(styles)), dtype=np.bool_)
    for j, style in enumerate(styles):
        offsets = _province_offsets(style, counts, rng)
        logit = (
            _logit(style.coverage)
            + offsets[population.province]
            + np.asarray(style.event_logit)[population.event]
            + style.visibility_weight * visibility
        )
        if style.window is not None:
            first, last = style.window
            outside = (population.day < first) | (population.day > last)
            logit = np.where(outside, logit + _ABSENT, logit)
        p = 1.0 / (1.0 + np.exp(-logit))
        captured[:, j] = rng.random(n) < p
    return captured


def plan_list(
    members: npt.NDArray[np.int64],
    style: ListStyle,
    population: Population,
    rng: np.random.Generator,
) -> ListPlan:
    """Order a list's members, adding second entries of about ``style.duplicates`` of them.

    Lists sorted by date keep a random order within a day; the others are shuffled.
    """
    n_dup = round(members.shape[0] * style.duplicates / (1.0 - style.duplicates))
    n_dup = min(n_dup, members.shape[0])
    dups = rng.choice(members, size=n_dup, replace=False) if n_dup else members[:0]
    persons = np.concatenate([members, dups]).astype(np.int32)
    duplicate = np.concatenate(
        [np.zeros(members.shape[0], dtype=np.bool_), np.ones(n_dup, dtype=np.bool_)]
    )
    tiebreak: FloatArray = np.asarray(rng.random(persons.shape[0]))
    if style.sort_by_date:
        order = np.lexsort((tiebreak, population.day[persons]))
    else:
        order = np.argsort(tiebreak, kind="stable")
    return ListPlan(persons=persons[order], duplicate=duplicate[order])
