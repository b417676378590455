"""The true population of a synthetic scenario: who was killed, where, when and how.

Owns drawing the people (columnar, as numpy arrays of indices into the vocabulary, so a million
people fit in memory) and looking one up as a :class:`Person`. It must not render any list and
does no I/O; randomness comes in as a ``numpy.random.Generator``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from gavah.errors import ConfigError
from gavah.vocab.types import City, GivenName, Province, Surname, Vocabulary

__all__ = [
    "EPOCH",
    "EVENTS",
    "Event",
    "Person",
    "Population",
    "draw_population",
    "person_id",
    "province_boost",
]

Event = Literal["killed", "died in custody", "executed"]
EVENTS: Final[tuple[Event, Event, Event]] = ("killed", "died in custody", "executed")

IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]

# Where the crackdown was deadliest relative to population (general reporting on January 2026):
# matched against a province's Latin spellings, the largest matching boost applies.
_PROVINCE_BOOST: Final = (
    ("tehran", 1.6),
    ("kurdistan", 4.0),
    ("kordestan", 4.0),
    ("kermanshah", 3.5),
    ("sistan", 3.0),
    ("khuzestan", 2.2),
    ("isfahan", 1.6),
    ("esfahan", 1.6),
    ("fars", 1.6),
    ("lorestan", 3.0),
    ("luristan", 3.0),
    ("gilan", 2.0),
    ("guilan", 2.0),
)
_FEMALE_SHARE: Final = 0.12
_SEYED_SHARE: Final = 0.08
_SIBLING_SHARE: Final = 0.015  # people who share family, father and town with another victim
_EVENT_SHARE: Final = (0.94, 0.04, 0.02)
_CITY_FLATTEN: Final = 0.7  # <1 gives small towns more than their population share
EPOCH: Final = dt.date(2026, 1, 1)  # day 0 of ``Population.day``


@dataclass(frozen=True, slots=True)
class Person:
    """One true person, with the vocabulary entries their names and places come from."""

    person_id: str
    sex: Literal["m", "f"]
    age: int
    given: GivenName
    surname: Surname
    father: GivenName
    province: Province
    city: City
    date: dt.date
    event: Event
    seyed: bool


@dataclass(frozen=True, slots=True)
class Population:
    """The true population, one array entry per person (indices point into the vocabulary)."""

    female: BoolArray
    age: IntArray
    given: IntArray
    surname: IntArray
    father: IntArray
    province: IntArray
    city: IntArray  # index into ``vocab.provinces[province].cities``
    day: IntArray  # days since 2026-01-01
    event: IntArray  # index into EVENTS
    seyed: BoolArray

    def __len__(self) -> int:
        return int(self.age.shape[0])

    def date(self, i: int) -> dt.date:
        """The true date of death of person ``i``."""
        return EPOCH + dt.timedelta(days=int(self.day[i]))

    def person(self, vocab: Vocabulary, i: int) -> Person:
        """Person ``i`` with its vocabulary entries resolved."""
        province = vocab.provinces[int(self.province[i])]
        return Person(
            person_id=person_id(i),
            sex="f" if self.female[i] else "m",
            age=int(self.age[i]),
            given=vocab.given_names[int(self.given[i])],
            surname=vocab.surnames[int(self.surname[i])],
            father=vocab.given_names[int(self.father[i])],
            province=province,
            city=province.cities[int(self.city[i])],
            date=self.date(i),
            event=EVENTS[int(self.event[i])],
            seyed=bool(self.seyed[i]),
        )


def person_id(i: int) -> str:
    """The stable identifier of person ``i`` in truth files (``p0000001``)."""
    return f"p{i + 1:07d}"


def province_boost(province: Province) -> float:
    """How much deadlier than its population share the crackdown was in ``province``."""
    names = [name.lower() for name in province.latin]
    boosts = [boost for key, boost in _PROVINCE_BOOST if any(key in name for name in names)]
    return max(boosts, default=1.0)


def _normalised(weights: list[float]) -> npt.NDArray[np.float64]:
    arr = np.asarray(weights, dtype=np.float64)
    out: npt.NDArray[np.float64] = arr / arr.sum()
    return out


def _ages(n: int, rng: np.random.Generator) -> IntArray:
    kind = rng.choice(3, size=n, p=[0.07, 0.78, 0.15])  # minor, young adult, older
    minor = rng.integers(10, 18, size=n)
    young = np.minimum(18 + rng.gamma(2.2, 5.0, size=n), 45)
    older = rng.integers(40, 76, size=n)
    ages = np.where(kind == 0, minor, np.where(kind == 1, young, older))
    return ages.astype(np.int32)


def _days(event: IntArray, rng: np.random.Generator) -> IntArray:
    n = event.shape[0]
    # killed: most on 8-10 January, a few in the last days of December and early January, a
    # decaying tail through January; custody deaths to mid-March; executions in February-March.
    phase = rng.choice(3, size=n, p=[0.04, 0.78, 0.18])
    early = rng.integers(-1, 7, size=n)
    peak = 7 + rng.choice(3, size=n, p=[0.35, 0.40, 0.25])
    tail = 10 + np.minimum(rng.exponential(6.0, size=n), 20).astype(np.int64)
    killed = np.where(phase == 0, early, np.where(phase == 1, peak, tail))
    custody = 9 + np.minimum(rng.exponential(18.0, size=n), 65).astype(np.int64)
    executed = rng.integers(31, 90, size=n)
    days = np.where(event == 0, killed, np.where(event == 1, custody, executed))
    return days.astype(np.int32)


def draw_population(vocab: Vocabulary, n: int, rng: np.random.Generator) -> Population:
    """Draw ``n`` people killed in the crackdown from ``vocab``.

    Names follow the vocabulary weights (so namesakes are frequent); provinces follow population
    weight times :func:`province_boost`; a small share are siblings sharing family name, father's
    name and town with another victim.

    Raises:
        ConfigError: ``n`` is not positive, or the vocabulary lacks male or female given names,
            surnames, or provinces with cities.
    """
    if n < 1:
        raise ConfigError(f"the population needs at least one person, not {n}")
    male = [i for i, g in enumerate(vocab.given_names) if g.sex == "m"]
    female = [i for i, g in enumerate(vocab.given_names) if g.sex == "f"]
    if not male or not female or not vocab.surnames:
        raise ConfigError("the vocabulary needs male and female given names and surnames")
    if not vocab.provinces or any(not p.cities for p in vocab.provinces):
        raise ConfigError("the vocabulary needs provinces, each with at least one city")
    male_idx = np.asarray(male, dtype=np.int32)
    female_idx = np.asarray(female, dtype=np.int32)
    male_p = _normalised([vocab.given_names[i].weight for i in male])
    female_p = _normalised([vocab.given_names[i].weight for i in female])

    is_female = rng.random(n) < _FEMALE_SHARE
    given = np.where(
        is_female,
        female_idx[rng.choice(len(female), size=n, p=female_p)],
        male_idx[rng.choice(len(male), size=n, p=male_p)],
    ).astype(np.int32)
    father = male_idx[rng.choice(len(male), size=n, p=male_p)].astype(np.int32)
    surname_p = _normalised([s.weight for s in vocab.surnames])
    surname = rng.choice(len(vocab.surnames), size=n, p=surname_p).astype(np.int32)
    province_p = _normalised([p.weight * province_boost(p) for p in vocab.provinces])
    province = rng.choice(len(vocab.provinces), size=n, p=province_p).astype(np.int32)
    city = np.zeros(n, dtype=np.int32)
    for k, prov in enumerate(vocab.provinces):
        members = np.flatnonzero(province == k)
        if members.size:
            city_p = _normalised([c.weight**_CITY_FLATTEN for c in prov.cities])
            city[members] = rng.choice(len(prov.cities), size=members.size, p=city_p)
    event = rng.choice(3, size=n, p=list(_EVENT_SHARE)).astype(np.int32)
    age = _ages(n, rng)
    day = _days(event, rng)
    seyed = rng.random(n) < _SEYED_SHARE

    siblings = np.flatnonzero(rng.random(n) < _SIBLING_SHARE)
    if n > 1 and siblings.size:
        other = rng.integers(0, n, size=siblings.size)
        for arr in (surname, father, province, city, seyed):
            arr[siblings] = arr[other]
        same_day = rng.random(siblings.size) < 0.7
        day[siblings[same_day]] = day[other[same_day]]
        event[siblings[same_day]] = event[other[same_day]]
    age[event == 2] = np.clip(age[event == 2], 18, 60)  # the executed were tried as adults
    return Population(
        female=is_female,
        age=age,
        given=given,
        surname=surname,
        father=father,
        province=province,
        city=city,
        day=day,
        event=event,
        seyed=seyed,
    )
