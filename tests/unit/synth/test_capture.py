"""Capture: lists differ in coverage, depend on each other, and duplicate some of their records."""

from __future__ import annotations

import itertools
import random

import numpy as np
import numpy.typing as npt
import pytest

from gavah.synth import Scenario, ScenarioParams, generate_scenario
from gavah.synth.capture import draw_capture, plan_list
from gavah.synth.population import draw_population
from gavah.synth.styles import draw_styles
from gavah.vocab.types import Vocabulary


@pytest.fixture(scope="module")
def large(vocab: Vocabulary) -> Scenario:
    return generate_scenario(vocab, ScenarioParams(persons=30_000, lists=5, seed=3, evidence=0))


def _dependence(captured: npt.NDArray[np.bool_], a: int, b: int) -> float:
    n = captured.shape[0]
    both = float((captured[:, a] & captured[:, b]).sum())
    expected = float(captured[:, a].sum() * captured[:, b].sum() / n)
    return both / expected


def test_lists_overlap_more_than_independence_predicts(large: Scenario) -> None:
    captured = large.captured
    ratios = [_dependence(captured, a, b) for a, b in itertools.combinations(range(5), 2)]
    # the three lists with national reach are clearly positively dependent
    assert _dependence(captured, 0, 1) > 1.1
    assert _dependence(captured, 0, 4) > 1.1
    assert np.median(ratios) > 1.05


def test_shared_visibility_is_the_source_of_dependence(vocab: Vocabulary) -> None:
    population = draw_population(vocab, 30_000, np.random.default_rng(1))
    styles = draw_styles(2, random.Random(1))
    n_prov = len(vocab.provinces)
    flat = np.zeros(30_000)
    strong = np.random.default_rng(2).standard_normal(30_000) * 2.0
    without = draw_capture(population, styles, n_prov, flat, np.random.default_rng(5))
    with_vis = draw_capture(population, styles, n_prov, strong, np.random.default_rng(5))
    assert _dependence(with_vis, 0, 1) > _dependence(without, 0, 1) + 0.05


def test_coverage_differs_by_list_and_leaves_people_unseen(large: Scenario) -> None:
    coverage = large.captured.mean(axis=0)
    assert coverage.min() > 0.02
    assert coverage.max() < 0.8
    assert coverage.max() - coverage.min() > 0.1
    assert 0.4 < large.observed / 30_000 < 0.95


def test_province_focus_of_the_morgue_list(vocab: Vocabulary, large: Scenario) -> None:
    morgue = [item.name for item in large.lists].index("morgue-leak")
    on = large.captured[:, morgue]
    counts = np.sort(np.bincount(large.population.province[on], minlength=len(vocab.provinces)))
    assert counts[-2:].sum() > 0.97 * on.sum()  # two provinces, almost absent elsewhere
    assert (large.population.event[on] != 2).all()  # no executions in a January morgue


def test_duplicates_are_two_to_four_percent(large: Scenario) -> None:
    for item in large.lists:
        share = item.plan.duplicate.mean()
        assert 0.015 < share < 0.045, item.name
        dup_persons = item.plan.persons[item.plan.duplicate]
        assert np.isin(dup_persons, item.plan.persons[~item.plan.duplicate]).all()


def test_date_sorted_lists_are_in_date_order(large: Scenario) -> None:
    network = large.lists[0]
    assert network.style.sort_by_date
    days = large.population.day[network.plan.persons]
    assert (np.diff(days) >= 0).all()


def test_plan_of_an_empty_list(vocab: Vocabulary) -> None:
    population = draw_population(vocab, 10, np.random.default_rng(1))
    style = draw_styles(1, random.Random(1))[0]
    plan = plan_list(np.array([], dtype=np.int64), style, population, np.random.default_rng(1))
    assert len(plan) == 0
