"""The true population: sex, ages, dates, events, provinces, namesakes and siblings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from gavah.errors import ConfigError
from gavah.synth.population import EVENTS, Population, draw_population, person_id, province_boost
from gavah.synth.truth import count_namesakes
from gavah.vocab.types import Vocabulary

N = 20_000


@pytest.fixture(scope="module")
def population(vocab: Vocabulary) -> Population:
    return draw_population(vocab, N, np.random.default_rng(11))


def test_mostly_male_with_some_women(population: Population) -> None:
    share = population.female.mean()
    assert 0.09 < share < 0.16


def test_names_follow_sex(vocab: Vocabulary, population: Population) -> None:
    sexes = np.array([g.sex for g in vocab.given_names])
    assert (sexes[population.given[population.female]] == "f").all()
    assert (sexes[population.given[~population.female]] == "m").all()
    assert (sexes[population.father] == "m").all()


def test_ages_mostly_young_with_minors_and_elders(population: Population) -> None:
    age = population.age
    assert 0.7 < ((age >= 15) & (age <= 40)).mean() < 0.95
    assert 0.03 < (age < 18).mean() < 0.12
    assert (age > 50).mean() > 0.03
    assert age.min() >= 1


def test_deaths_concentrate_on_8_to_10_january(population: Population) -> None:
    dates = [population.date(i) for i in range(0, N, 7)]
    peak = sum(dt.date(2026, 1, 8) <= d <= dt.date(2026, 1, 10) for d in dates) / len(dates)
    assert 0.6 < peak < 0.85
    assert any(d.month == 2 for d in dates)
    assert any(d.month == 3 for d in dates)
    assert all(dt.date(2025, 12, 30) <= d <= dt.date(2026, 3, 31) for d in dates)


def test_events_and_their_dates(population: Population) -> None:
    counts = np.bincount(population.event, minlength=3) / N
    assert counts[0] > 0.9
    assert counts[1] > 0.01
    assert counts[2] > 0.005
    executed = population.event == EVENTS.index("executed")
    assert (population.day[executed] >= 31).all()  # from February
    assert (population.age[executed] >= 18).all()


def test_provinces_hit_hardest_are_over_represented(
    vocab: Vocabulary,
    population: Population,
) -> None:
    weights = np.array([p.weight for p in vocab.provinces])
    share = np.bincount(population.province, minlength=len(weights)) / N
    pop_share = weights / weights.sum()
    kurdistan = next(k for k, p in enumerate(vocab.provinces) if p.code == "IR-12")
    khorasan = next(k for k, p in enumerate(vocab.provinces) if p.code == "IR-09")
    assert share[kurdistan] > 2 * pop_share[kurdistan]
    assert share[khorasan] < pop_share[khorasan]
    assert province_boost(vocab.provinces[kurdistan]) > province_boost(vocab.provinces[khorasan])


def test_small_towns_appear(vocab: Vocabulary, population: Population) -> None:
    kurdistan = next(k for k, p in enumerate(vocab.provinces) if p.code == "IR-12")
    towns = population.city[population.province == kurdistan]
    assert (towns == 3).any()  # Divandarreh, the smallest


def test_namesakes_are_frequent(population: Population) -> None:
    namesakes = count_namesakes(population)
    assert namesakes.full_name > N // 2
    assert 0 < namesakes.with_father_and_city <= namesakes.with_father <= namesakes.full_name
    assert namesakes.largest_group > 10


def test_person_view(vocab: Vocabulary, population: Population) -> None:
    person = population.person(vocab, 0)
    assert person.person_id == person_id(0) == "p0000001"
    assert person.given is vocab.given_names[int(population.given[0])]
    assert person.city in person.province.cities
    assert person.event in EVENTS


def test_same_rng_same_population(vocab: Vocabulary) -> None:
    a = draw_population(vocab, 500, np.random.default_rng(3))
    b = draw_population(vocab, 500, np.random.default_rng(3))
    c = draw_population(vocab, 500, np.random.default_rng(4))
    assert all(
        np.array_equal(x, y)
        for x, y in zip(dataclasses.astuple(a), dataclasses.astuple(b), strict=True)
    )
    assert not np.array_equal(a.given, c.given)


def test_unusable_vocabulary_and_size(vocab: Vocabulary) -> None:
    with pytest.raises(ConfigError, match="at least one person"):
        draw_population(vocab, 0, np.random.default_rng(1))
    men_only = dataclasses.replace(
        vocab, given_names=tuple(g for g in vocab.given_names if g.sex == "m")
    )
    with pytest.raises(ConfigError, match="female"):
        draw_population(men_only, 10, np.random.default_rng(1))
    no_cities = dataclasses.replace(
        vocab, provinces=(dataclasses.replace(vocab.provinces[0], cities=()),)
    )
    with pytest.raises(ConfigError, match="city"):
        draw_population(no_cities, 10, np.random.default_rng(1))
