"""Measuring a linkage against the truth: pairwise precision, recall and F1.

Owns :func:`pairwise_scores`. A pair of records is a predicted match when both are in the same
predicted person, a true match when both belong to the same true person; precision, recall and
F1 count pairs, computed from the contingency of predicted and true persons (no pair is
enumerated, so a million records are measured in a second). Pure: values in, values out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from gavah.errors import InvariantError

__all__ = ["PairwiseScores", "pairwise_scores"]


@dataclass(frozen=True, slots=True)
class PairwiseScores:
    """Pairwise quality of a linkage, and how many persons it found against the truth."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    persons_found: int
    persons_true: int


def _pairs(counts: Counter[str] | Counter[tuple[str, str]]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pairwise_scores(predicted: Mapping[str, str], truth: Mapping[str, str]) -> PairwiseScores:
    """Score ``predicted`` (record → predicted person) against ``truth`` (record → true person).

    Precision is 1 when nothing is predicted, recall is 1 when there is nothing to find.

    Raises:
        InvariantError: the two mappings do not cover the same records.
    """
    if predicted.keys() != truth.keys():
        missing = len(truth.keys() - predicted.keys()) + len(predicted.keys() - truth.keys())
        raise InvariantError(f"prediction and truth differ on {missing} records")
    both: Counter[tuple[str, str]] = Counter((predicted[r], truth[r]) for r in truth)
    predicted_pairs = _pairs(Counter(predicted.values()))
    true_pairs = _pairs(Counter(truth.values()))
    correct = _pairs(both)
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairwiseScores(
        precision=precision,
        recall=recall,
        f1=f1,
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
        persons_found=len(set(predicted.values())),
        persons_true=len(set(truth.values())),
    )
