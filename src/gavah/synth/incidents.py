"""The synthetic incidents of a scenario: where and when many were killed at once, and by whom.

Owns grouping the true population's killings by town and day into incidents, each with a place
(city, latitude, longitude), a date, a description, a reported count range around the truth, the
acts (who did what to whom, by unit type only, never a person) and the sources that report it.
Values only; no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from gavah.synth.population import Population, person_id
from gavah.vocab.types import Vocabulary

__all__ = ["Act", "Incident", "draw_incidents"]

_PERPETRATORS: Final = (
    "IRGC ground forces",
    "Basij militia",
    "police special units",
    "plain-clothes security agents",
)
_MEANS: Final = ("live ammunition", "shotgun pellets", "military rifles from rooftops")
_WITNESS_SOURCES: Final = ("witness-1", "witness-2", "medical-1", "media-report")
_MAX_INCIDENTS: Final = 20


@dataclass(frozen=True, slots=True)
class Act:
    """Who did what to whom: an act, the kind of unit that did it, its means and victims."""

    kind: str
    perpetrator: str
    means: str
    victims: int

    def as_json(self) -> dict[str, Any]:
        """The act as JSON-ready data."""
        return {
            "kind": self.kind,
            "perpetrator": self.perpetrator,
            "means": self.means,
            "victims": self.victims,
        }


@dataclass(frozen=True, slots=True)
class Incident:
    """A killing of several people in one town on one day."""

    id: str
    date: dt.date
    province_code: str
    province: str
    city: str
    city_fa: str
    lat: float
    lon: float
    description: str
    count_min: int
    count_max: int
    true_count: int
    acts: tuple[Act, ...]
    sources: tuple[str, ...]
    person_ids: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """The incident as JSON-ready data."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "place": {
                "province_code": self.province_code,
                "province": self.province,
                "city": self.city,
                "city_fa": self.city_fa,
                "lat": self.lat,
                "lon": self.lon,
            },
            "description": self.description,
            "count_min": self.count_min,
            "count_max": self.count_max,
            "true_count": self.true_count,
            "acts": [a.as_json() for a in self.acts],
            "sources": list(self.sources),
            "person_ids": list(self.person_ids),
        }


def draw_incidents(
    vocab: Vocabulary, population: Population, lists: tuple[str, ...], rng: random.Random
) -> tuple[Incident, ...]:
    """The largest groups of people killed in the same town on the same day, as incidents.

    Groups with at least two people come first by size; at most twenty incidents are made.
    """
    killed = np.flatnonzero(population.event == 0)
    if killed.size == 0:
        return ()
    keys = (
        population.province[killed].astype(np.int64) * 10_000_000
        + population.city[killed].astype(np.int64) * 1000
        + population.day[killed]
    )
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    order = np.lexsort((uniq, -counts))[:_MAX_INCIDENTS]
    incidents = []
    for rank, g in enumerate(order):
        members = killed[inverse.reshape(-1) == g]
        first = int(members[0])
        province = vocab.provinces[int(population.province[first])]
        city = province.cities[int(population.city[first])]
        day = population.date(first)
        n = int(members.size)
        perpetrator = rng.choice(_PERPETRATORS)
        means = rng.choice(_MEANS)
        city_name = city.latin[0] if city.latin else city.persian
        acts = [Act("killing", perpetrator, means, n)]
        if rng.random() < 0.6:
            acts.append(
                Act("arbitrary detention", perpetrator, "mass arrest", rng.randint(n, 8 * n))
            )
        if rng.random() < 0.4:
            acts.append(Act("withholding of bodies", "security forces", "", n))
        reporters = rng.sample(_WITNESS_SOURCES, rng.randint(1, 3))
        reporters += rng.sample(list(lists), min(len(lists), rng.randint(1, 2)))
        incidents.append(
            Incident(
                id=f"inc-{rank + 1:03d}",
                date=day,
                province_code=province.code,
                province=province.latin[0] if province.latin else province.persian,
                city=city_name,
                city_fa=city.persian,
                lat=city.lat,
                lon=city.lon,
                description=(
                    f"Synthetic incident: {perpetrator} fired {means} on protesters in "
                    f"{city_name} on {day.isoformat()}."
                ),
                count_min=max(1, math.floor(n * rng.uniform(0.5, 0.9))),
                count_max=math.ceil(n * rng.uniform(1.1, 1.8)),
                true_count=n,
                acts=tuple(acts),
                sources=tuple(sorted(reporters)),
                person_ids=tuple(person_id(int(i)) for i in members),
            )
        )
    return tuple(incidents)
