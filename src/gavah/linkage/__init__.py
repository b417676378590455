"""gavah.linkage: which records of the register describe the same person.

Blocking and comparisons (:mod:`~gavah.linkage.comparisons`) over cross-script name keys
(:mod:`~gavah.linkage.features`), blocking keys in blocks of bounded size
(:mod:`~gavah.linkage.blocking`), Fellegi-Sunter scoring with Splink
(:mod:`~gavah.linkage.scoring`), clustering under reviewers' decisions
(:mod:`~gavah.linkage.clusters`), persons (:mod:`~gavah.linkage.persons`) and pairwise
evaluation (:mod:`~gavah.linkage.evaluation`). No store, web or command line here: values in,
values out (Splink's embedded DuckDB runs in memory).
"""

from __future__ import annotations

from gavah.linkage.clusters import Clustering, Decision, Judgement, cluster, pair_key
from gavah.linkage.evaluation import PairwiseScores, pairwise_scores
from gavah.linkage.features import LinkageFeatures, features_of, record_uid, split_uid
from gavah.linkage.persons import (
    DEFAULT_REVIEW_FROM,
    DEFAULT_THRESHOLD,
    LinkOptions,
    LinkResult,
    build_person,
    link_records,
)
from gavah.linkage.scoring import (
    BACKENDS,
    MIN_LABELLED_PAIRS,
    Contribution,
    ScoredPair,
    score_pairs,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_REVIEW_FROM",
    "DEFAULT_THRESHOLD",
    "MIN_LABELLED_PAIRS",
    "Clustering",
    "Contribution",
    "Decision",
    "Judgement",
    "LinkOptions",
    "LinkResult",
    "LinkageFeatures",
    "PairwiseScores",
    "ScoredPair",
    "build_person",
    "cluster",
    "features_of",
    "link_records",
    "pair_key",
    "pairwise_scores",
    "record_uid",
    "score_pairs",
    "split_uid",
]
