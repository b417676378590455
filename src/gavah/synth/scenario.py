"""A whole synthetic scenario: the true population, the lists that document it, and the truth.

Owns putting the parts together from a vocabulary and parameters: population, list styles,
capture, list plans, sources, incidents and evidence, each drawn from its own stream of one seed
(so, say, asking for more evidence images leaves the lists unchanged). Rows are rendered lazily
by :meth:`Scenario.records` so a million people fit in memory. Pure: no I/O, no clock, no global
randomness; the seed is the only source of chance.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from gavah.errors import ConfigError
from gavah.synth.capture import ListPlan, draw_capture, draw_visibility, plan_list
from gavah.synth.evidence import EvidenceFile, draw_evidence
from gavah.synth.incidents import Incident, draw_incidents
from gavah.synth.population import Population, draw_population
from gavah.synth.records import ListRecord, iter_records
from gavah.synth.sources import Source, draw_sources
from gavah.synth.styles import ListStyle, draw_styles
from gavah.synth.truth import CaptureHistory, Namesakes, capture_histories, count_namesakes
from gavah.vocab.types import Vocabulary

__all__ = [
    "MAX_EVIDENCE",
    "MAX_LISTS",
    "MAX_PERSONS",
    "MIN_LISTS",
    "Scenario",
    "ScenarioParams",
    "SynthList",
    "generate_scenario",
]

MIN_LISTS: Final = 2
MAX_LISTS: Final = 10
MAX_PERSONS: Final = 5_000_000  # beyond this the rows no longer fit comfortably in memory
MAX_EVIDENCE: Final = 500


@dataclass(frozen=True, slots=True)
class ScenarioParams:
    """What to generate: true persons, number of lists, seed, evidence images."""

    persons: int
    lists: int = 5
    seed: int = 1
    evidence: int = 12

    def verify(self) -> None:
        """Check the parameters.

        Raises:
            ConfigError: a parameter is out of its range.
        """
        if not 1 <= self.persons <= MAX_PERSONS:
            raise ConfigError(f"--persons must be between 1 and {MAX_PERSONS}, not {self.persons}")
        if not MIN_LISTS <= self.lists <= MAX_LISTS:
            raise ConfigError(
                f"--lists must be between {MIN_LISTS} and {MAX_LISTS}, not {self.lists}"
            )
        if self.seed < 0:
            raise ConfigError(f"--seed must be zero or positive, not {self.seed}")
        if not 0 <= self.evidence <= MAX_EVIDENCE:
            raise ConfigError(
                f"--evidence must be between 0 and {MAX_EVIDENCE}, not {self.evidence}"
            )


@dataclass(frozen=True, slots=True)
class SynthList:
    """One list of the scenario: its style, its planned records and its rendering seed."""

    style: ListStyle
    plan: ListPlan
    seed: int

    @property
    def name(self) -> str:
        """The list's source name (its file is ``lists/<name>.csv``)."""
        return self.style.name


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything generated: truth, lists (rendered on demand), sources, incidents, evidence."""

    params: ScenarioParams
    vocab: Vocabulary
    population: Population
    captured: npt.NDArray[np.bool_]  # persons × lists
    lists: tuple[SynthList, ...]
    sources: tuple[Source, ...]
    incidents: tuple[Incident, ...]
    evidence: tuple[EvidenceFile, ...]
    histories: tuple[CaptureHistory, ...]
    namesakes: Namesakes

    @property
    def observed(self) -> int:
        """Persons on at least one list."""
        return int(self.captured.any(axis=1).sum())

    @property
    def total_records(self) -> int:
        """Rows over all lists, duplicates included."""
        return sum(len(item.plan) for item in self.lists)

    def records(self, j: int) -> Iterator[ListRecord]:
        """The rows of list ``j`` in order (the same every time)."""
        item = self.lists[j]
        return iter_records(self.vocab, self.population, item.style, item.plan, item.seed)

    def truth_json(self) -> dict[str, Any]:
        """The content of ``truth.json``."""
        return {
            "seed": self.params.seed,
            "persons": len(self.population),
            "observed": self.observed,
            "lists": [item.name for item in self.lists],
            "records": {item.name: len(item.plan) for item in self.lists},
            "duplicates": {item.name: int(item.plan.duplicate.sum()) for item in self.lists},
            "capture_histories": [{"pattern": h.pattern, "count": h.count} for h in self.histories],
            "namesakes": {
                "persons_sharing_full_name": self.namesakes.full_name,
                "persons_sharing_full_and_father_name": self.namesakes.with_father,
                "persons_sharing_full_father_name_and_city": self.namesakes.with_father_and_city,
                "largest_full_name_group": self.namesakes.largest_group,
            },
        }

    def summary(self) -> dict[str, Any]:
        """A short summary for people and scripts: true N, observed, records per list."""
        return {
            "seed": self.params.seed,
            "persons": len(self.population),
            "observed": self.observed,
            "namesakes": self.namesakes.full_name,
            "lists": [
                {
                    "name": item.name,
                    "records": len(item.plan),
                    "persons": int(self.captured[:, j].sum()),
                    "duplicates": int(item.plan.duplicate.sum()),
                }
                for j, item in enumerate(self.lists)
            ],
            "incidents": len(self.incidents),
            "evidence_files": len(self.evidence),
        }


def _python_rng(seq: np.random.SeedSequence) -> random.Random:
    return random.Random(int(seq.generate_state(2, dtype=np.uint64)[0]))


def generate_scenario(vocab: Vocabulary, params: ScenarioParams) -> Scenario:
    """Generate the scenario ``params`` describe from ``vocab``; the same inputs give the same
    scenario.

    Raises:
        ConfigError: the parameters are out of range or the vocabulary is unusable.
    """
    params.verify()
    streams = np.random.SeedSequence(params.seed).spawn(8)
    population = draw_population(vocab, params.persons, np.random.default_rng(streams[0]))
    styles = draw_styles(params.lists, _python_rng(streams[1]))
    visibility = draw_visibility(params.persons, np.random.default_rng(streams[2]))
    captured = draw_capture(
        population, styles, len(vocab.provinces), visibility, np.random.default_rng(streams[3])
    )
    plan_rng = np.random.default_rng(streams[4])
    render_seeds = streams[7].spawn(params.lists)
    lists = tuple(
        SynthList(
            style=style,
            plan=plan_list(np.flatnonzero(captured[:, j]), style, population, plan_rng),
            seed=int(render_seeds[j].generate_state(1, dtype=np.uint64)[0]),
        )
        for j, style in enumerate(styles)
    )
    world_rng = _python_rng(streams[5])
    sources = draw_sources(
        styles, tuple(len(item.plan) for item in lists), params.persons, world_rng
    )
    incidents = draw_incidents(vocab, population, tuple(s.name for s in styles), world_rng)
    evidence = draw_evidence(incidents, params.evidence, _python_rng(streams[6]))
    return Scenario(
        params=params,
        vocab=vocab,
        population=population,
        captured=captured,
        lists=lists,
        sources=sources,
        incidents=incidents,
        evidence=evidence,
        histories=capture_histories(captured),
        namesakes=count_namesakes(population),
    )
