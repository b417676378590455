"""Pairwise precision, recall and F1."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.linkage import pairwise_scores


def test_perfect_and_imperfect_linkage() -> None:
    truth = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert pairwise_scores({"a": "x", "b": "x", "c": "x", "d": "y"}, truth).f1 == 1.0
    scores = pairwise_scores({"a": "x", "b": "x", "c": "y", "d": "y"}, truth)
    # predicted pairs: ab, cd; true pairs: ab, ac, bc
    assert (scores.predicted_pairs, scores.true_pairs, scores.correct_pairs) == (2, 3, 1)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)
    assert (scores.persons_found, scores.persons_true) == (2, 2)


def test_nothing_predicted_and_nothing_to_find() -> None:
    singletons = pairwise_scores({"a": "x", "b": "y"}, {"a": "1", "b": "2"})
    assert (singletons.precision, singletons.recall, singletons.f1) == (1.0, 1.0, 1.0)


def test_records_must_match() -> None:
    with pytest.raises(InvariantError, match="differ on 1 records"):
        pairwise_scores({"a": "x"}, {"a": "1", "b": "2"})
