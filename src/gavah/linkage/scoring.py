"""Scoring pairs with Splink: u by random sampling, m by EM, match weights per comparison.

Owns :func:`score_pairs`: features in, scored candidate pairs out, each with the match weight
that every comparison contributed (so a reviewer sees why a score is what it is). The DuckDB
backend runs in memory in this process; Spark is named but not yet available. Splink is imported
here only, lazily, so the rest of the package works without it. It must not cluster pairs or
touch the store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gavah.errors import ConfigError
from gavah.linkage.comparisons import (
    BLOCKING_RULES,
    COMPARISONS,
    TRAINING_BLOCKS,
    comparison_names,
)
from gavah.linkage.features import FEATURE_COLUMNS, LinkageFeatures

__all__ = ["BACKENDS", "Contribution", "ScoredPair", "level_label", "score_pairs"]

#: Backends `gavah link --backend` knows.
BACKENDS = ("duckdb", "spark")
#: Random pairs drawn to estimate u (Splink suggests 1e7 to 1e9; 5e6 keeps 15k persons fast).
_U_MAX_PAIRS = 5e6
#: Splink stops sampling u once every level has been seen this often (its default).
_U_MIN_COUNT = 100
#: Fewer records than this have no pair to score.
_MIN_RECORDS = 2


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one comparison said about a pair: its level and the match weight it added."""

    comparison: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A scored candidate pair, ``left < right`` (record uids)."""

    left: str
    right: str
    match_weight: float
    probability: float
    contributions: tuple[Contribution, ...] = ()


def _arrow_table(features: Sequence[LinkageFeatures]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    types = {"age": pa.int32(), "day": pa.int32()}
    columns = {
        name: pa.array([getattr(f, name) for f in features], type=types.get(name, pa.string()))
        for name in FEATURE_COLUMNS
    }
    return pa.table(columns)


def level_label(comparison: str, gamma: int) -> str:
    """The label of a comparison's level from its comparison vector value (-1: missing).

    Splink numbers the non-null levels from the last (0, "different") up to the first.
    """
    for spec in COMPARISONS:
        if spec["output_column_name"] != comparison:
            continue
        levels = [lv for lv in spec["comparison_levels"] if not lv.get("is_null_level")]
        if gamma < 0:
            return "missing"
        if gamma < len(levels):
            return str(levels[len(levels) - 1 - gamma]["label_for_charts"])
    return str(gamma)


def _trained(table: Any, size: int, seed: int, skipped: set[str]) -> Any:
    """A fresh linker trained on ``table``, or the EM session (its rule) that failed."""
    from splink import DuckDBAPI, Linker, SettingsCreator  # noqa: PLC0415 - lazy: heavy

    frame = DuckDBAPI().register(table, table_name="gavah_records")
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=list(COMPARISONS),
        blocking_rules_to_generate_predictions=[{"blocking_rule": r} for r in BLOCKING_RULES],
        # Prior: each record matches about one other (a person on two lists), among n.
        probability_two_random_records_match=min(0.5, 2.0 / size),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
        max_iterations=30,
    )
    linker = Linker(frame, settings, log_level=logging.ERROR, validate_settings=True)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=_U_MAX_PAIRS, seed=seed, min_count_per_level=_U_MIN_COUNT
    )
    for rule in TRAINING_BLOCKS:
        if rule in skipped:
            continue
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, record_sample_proportion=1.0
            )
        except ValueError:
            return rule
    return linker


def score_pairs(
    features: Sequence[LinkageFeatures],
    *,
    seed: int,
    min_probability: float,
    backend: str = "duckdb",
) -> list[ScoredPair]:
    """Train a Fellegi-Sunter model on ``features`` and score the blocked pairs.

    u comes from random sampling (seeded), m from EM on two blocking sessions; pairs scoring
    below ``min_probability`` are dropped.

    Raises:
        ConfigError: the backend is unknown or not available.
    """
    if backend not in BACKENDS:
        raise ConfigError(f"unknown linkage backend {backend!r}; use one of {', '.join(BACKENDS)}")
    if backend == "spark":
        raise ConfigError("the Spark linkage backend is not available yet; use --backend duckdb")
    if len(features) < _MIN_RECORDS:
        return []
    logging.getLogger("splink").setLevel(logging.ERROR)
    table = _arrow_table(features)
    skipped: set[str] = set()
    while True:
        linker = _trained(table, len(features), seed, skipped)
        if isinstance(linker, str):
            # On few records EM can drive an m probability to 0, which Splink refuses: train
            # again from scratch without that session (its comparisons keep default m).
            skipped.add(linker)
            continue
        break
    predictions = linker.inference.predict(threshold_match_probability=min_probability)
    names = comparison_names()
    columns = [
        "unique_id_l",
        "unique_id_r",
        "match_weight",
        "match_probability",
        *(f"gamma_{n}" for n in names),
        *(f"mw_{n}" for n in names),
    ]
    # Fetch only what a pair needs, as tuples: millions of dicts of every column would not fit.
    relation = predictions.as_duckdbpyrelation().select(*columns)
    labels = {(n, g): level_label(n, g) for n in names for g in range(-1, 12)}
    pairs: list[ScoredPair] = []
    width = len(names)
    for row in relation.fetchall():
        left, right = sorted((str(row[0]), str(row[1])))
        gammas, weights = row[4 : 4 + width], row[4 + width :]
        contributions = tuple(
            Contribution(name, labels[(name, int(gamma))], float(weight))
            for name, gamma, weight in zip(names, gammas, weights, strict=True)
        )
        pairs.append(ScoredPair(left, right, float(row[2]), float(row[3]), contributions))
    predictions.drop_table_from_database_and_remove_from_cache()
    return pairs
