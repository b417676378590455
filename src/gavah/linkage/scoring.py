"""Scoring pairs with Splink: u by random sampling, m by EM, match weights per comparison.

Owns :func:`score_pairs`: features in, scored candidate pairs out, each with the match weight
that every comparison contributed (so a reviewer sees why a score is what it is). The DuckDB
backend runs in memory in this process; the Spark backend (:mod:`gavah.linkage.spark`) scores
with the model trained here. Splink is imported
here only, lazily, so the rest of the package works without it. It must not cluster pairs or
touch the store.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gavah.errors import ConfigError
from gavah.linkage.blocking import block_key_columns
from gavah.linkage.comparisons import (
    BLOCKING_RULES,
    COMPARISONS,
    RARE_KEYS,
    RARE_NAME_MAX,
    TRAINING_BLOCKS,
    comparison_names,
)
from gavah.linkage.features import FEATURE_COLUMNS, LinkageFeatures, split_uid
from gavah.linkage.frequencies import term_frequency_tables
from gavah.linkage.spark import spark_available, spark_rows

__all__ = [
    "BACKENDS",
    "MIN_LABELLED_PAIRS",
    "Contribution",
    "ScoredPair",
    "level_label",
    "rare_key_columns",
    "score_pairs",
]

_LOG = logging.getLogger(__name__)
#: Backends `gavah link --backend` knows.
BACKENDS = ("duckdb", "spark")
#: Random pairs drawn to estimate u (Splink suggests 1e7 to 1e9; 5e6 keeps 15k persons fast).
_U_MAX_PAIRS = 5e6
#: Splink stops sampling u once every level has been seen this often (its default).
_U_MIN_COUNT = 100
#: EM sees about this many pairs of each training block (Splink samples records, by a hash, on
#: both sides of the join beyond it): the blocks grow faster than the register.
_EM_MAX_PAIRS = 1e6
#: Pairs reviewers called the same person from which m is estimated from them rather than by
#: EM (Splink's ``estimate_m_from_pairwise_labels``); fewer leave too many levels unseen.
MIN_LABELLED_PAIRS = 100
#: Environment variable bounding the embedded DuckDB's memory (DuckDB syntax: "3GB").
MEMORY_LIMIT_ENV = "GAVAH_LINK_MEMORY"
#: 3 GB: at 1,000,000 records prediction takes no longer than with 4 GB and peaks 0.9 GiB lower.
_MEMORY_LIMIT = "3GB"
#: Scored pairs fetched from DuckDB at a time.
_CHUNK = 100_000
#: Decimals kept of weights and probabilities (the same persons from either backend).
_DIGITS = 9
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


def rare_key_columns(features: Sequence[LinkageFeatures]) -> dict[str, list[str | None]]:
    """Each rare-key column of :data:`RARE_KEYS`: the key where few records share it, else null.

    A key and its swapped form count together (a swapped pair meets across the two columns).
    """
    counts: Counter[str] = Counter()
    for plain, swapped in zip(RARE_KEYS[::2], RARE_KEYS[1::2], strict=True):
        for f in features:
            keys = {getattr(f, plain[1]), getattr(f, swapped[1])}
            counts.update(f"{plain[1]}:{k}" for k in keys if k)
    columns: dict[str, list[str | None]] = {}
    for rare, source in RARE_KEYS:
        family = source.removesuffix("_rev")
        values = [getattr(f, source) for f in features]
        columns[rare] = [
            v if v and counts[f"{family}:{v}"] <= RARE_NAME_MAX else None for v in values
        ]
    return columns


def _arrow_table(features: Sequence[LinkageFeatures]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    types = {"age": pa.int32(), "day": pa.int32()}
    columns = {
        name: pa.array([getattr(f, name) for f in features], type=types.get(name, pa.string()))
        for name in FEATURE_COLUMNS
    }
    # The list of each record, under a name of its own (Splink reserves "source_dataset").
    columns["list_name"] = columns["source_dataset"]
    for name, values in rare_key_columns(features).items():
        columns[name] = pa.array(values, type=pa.string())
    return pa.table(columns)


def _with_block_keys(table: Any, spill: str) -> Any:
    """``table`` with the blocking keys' columns (:mod:`gavah.linkage.blocking`) appended."""
    connection = _connection(spill)
    try:
        for name, column in block_key_columns(table, connection).items():
            table = table.append_column(name, column)
    finally:
        connection.close()
    return table


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


def _labels_table(labels: Sequence[tuple[str, str]]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    return pa.table(
        {
            "source_dataset_l": [split_uid(a)[0] for a, _ in labels],
            "unique_id_l": [a for a, _ in labels],
            "source_dataset_r": [split_uid(b)[0] for _, b in labels],
            "unique_id_r": [b for _, b in labels],
        }
    )


def _trained(
    table: Any,
    size: int,
    *,
    seed: int,
    skipped: set[str],
    labels: Sequence[tuple[str, str]],
    spill: str,
) -> Any:
    """A fresh linker trained on ``table``, or the EM session (its rule) that failed.

    With at least :data:`MIN_LABELLED_PAIRS` pairs that reviewers called the same person in
    ``labels``, m comes from those pairs instead of EM.
    """
    from splink import DuckDBAPI, Linker, SettingsCreator  # noqa: PLC0415 - lazy: heavy
    from splink.internals.exceptions import SplinkException  # noqa: PLC0415

    api = DuckDBAPI(_connection(spill))
    frame = api.register(table, table_name="gavah_records")
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
    for column, tf_table in term_frequency_tables(table):
        tf_frame = api.register(tf_table, table_name=f"gavah_tf_{column}")
        linker.table_management.register_term_frequency_lookup(tf_frame, column)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=_U_MAX_PAIRS, seed=seed, min_count_per_level=_U_MIN_COUNT
    )
    if len(labels) >= MIN_LABELLED_PAIRS:
        linker.table_management.register_table(
            _labels_table(labels), "gavah_labels", overwrite=True
        )
        linker.training.estimate_m_from_pairwise_labels("gavah_labels")  # type: ignore[no-untyped-call]
        return linker
    for rule in TRAINING_BLOCKS:
        if rule in skipped:
            continue
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=_EM_MAX_PAIRS
            )
        except (ValueError, SplinkException):
            # An m driven to 0, or a block with no pair at all in a small register.
            return rule
    return linker


def _columns(available: set[str]) -> list[str]:
    """The SQL expressions fetched per scored pair (term frequencies folded into their weight)."""
    names = comparison_names()
    # A comparison with term frequencies has its adjustment in a column of its own: it is
    # part of what the comparison said (a rare name agreeing weighs more), so it is added in.
    tf = [f"mw_tf_adj_{n}" if f"mw_tf_adj_{n}" in available else "0.0" for n in names]
    return [
        "unique_id_l",
        "unique_id_r",
        "match_weight",
        "match_probability",
        *(f"gamma_{n}" for n in names),
        *(f"mw_{n} + {t}" for n, t in zip(names, tf, strict=True)),
    ]


class _Pairs:
    """Turns result rows into :class:`ScoredPair`; pairs with the same levels and weights share
    one tuple of contributions (there are few such patterns and millions of pairs)."""

    def __init__(self) -> None:
        names = comparison_names()
        self.names = names
        self.labels = {(n, g): level_label(n, g) for n in names for g in range(-1, 12)}
        self.shared: dict[tuple[Any, ...], tuple[Contribution, ...]] = {}

    def pair(self, row: Sequence[Any]) -> ScoredPair:
        width = len(self.names)
        left, right = sorted((str(row[0]), str(row[1])))
        key = tuple(row[4 : 4 + width]) + tuple(round(float(w), _DIGITS) for w in row[4 + width :])
        contributions = self.shared.get(key)
        if contributions is None:
            contributions = tuple(
                Contribution(name, self.labels[(name, int(gamma))], weight)
                for name, gamma, weight in zip(self.names, key[:width], key[width:], strict=True)
            )
            self.shared[key] = contributions
        # Rounded: the two backends' last bits differ, and clustering breaks ties by weight.
        weight, probability = round(float(row[2]), _DIGITS), round(float(row[3]), _DIGITS)
        return ScoredPair(left, right, weight, probability, contributions)


def _connection(spill: str) -> Any:
    """An in-memory DuckDB bounded to :data:`MEMORY_LIMIT_ENV` (default 3GB), spilling to a
    temporary folder beyond it."""
    import duckdb  # noqa: PLC0415

    return duckdb.connect(
        ":memory:",
        config={
            "memory_limit": os.environ.get(MEMORY_LIMIT_ENV, _MEMORY_LIMIT),
            "temp_directory": spill,
            "preserve_insertion_order": False,
        },
    )


def score_pairs(
    features: Sequence[LinkageFeatures],
    *,
    seed: int,
    min_probability: float,
    backend: str = "duckdb",
    labels: Sequence[tuple[str, str]] = (),
) -> list[ScoredPair]:
    """Train a Fellegi-Sunter model on ``features`` and score the blocked pairs.

    u comes from random sampling (seeded), m from EM on two blocking sessions, both on the
    embedded DuckDB; the pairs are then blocked and scored by ``backend`` (DuckDB here, or
    Spark: :mod:`gavah.linkage.spark`) with that one model. Pairs scoring below
    ``min_probability`` are dropped. ``labels`` are pairs (uids) reviewers called the same
    person: from :data:`MIN_LABELLED_PAIRS` of them on, m is estimated from them instead of EM.

    Raises:
        ConfigError: the backend is unknown or not available.
    """
    if backend not in BACKENDS:
        raise ConfigError(f"unknown linkage backend {backend!r}; use one of {', '.join(BACKENDS)}")
    if backend == "spark" and not spark_available():
        raise ConfigError(
            "the Spark backend needs PySpark and Java; install them (pip install 'gavah[spark]')"
        )
    if len(features) < _MIN_RECORDS:
        return []
    logging.getLogger("splink").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="gavah-duckdb-") as spill:
        return _score(
            features,
            seed=seed,
            min_probability=min_probability,
            backend=backend,
            labels=labels,
            spill=spill,
        )


def _score(
    features: Sequence[LinkageFeatures],
    *,
    seed: int,
    min_probability: float,
    backend: str,
    labels: Sequence[tuple[str, str]],
    spill: str,
) -> list[ScoredPair]:
    start = time.perf_counter()
    table = _with_block_keys(_arrow_table(features), spill)
    _LOG.info("feature table in %.1f s", time.perf_counter() - start)
    known = {f.unique_id for f in features}
    usable = [(a, b) for a, b in labels if a in known and b in known]
    skipped: set[str] = set()
    while True:
        linker = _trained(
            table, len(features), seed=seed, skipped=skipped, labels=usable, spill=spill
        )
        if isinstance(linker, str):
            # On few records EM can drive an m probability to 0, or a training block can hold
            # no pair, which Splink refuses: train again from scratch without that session
            # (its comparisons keep their m from the other sessions, or Splink's default).
            skipped.add(linker)
            continue
        break
    _LOG.info("model trained, %.1f s so far", time.perf_counter() - start)
    rows_to_pairs = _Pairs()
    if backend == "spark":
        model = linker.misc.save_model_to_json()
        rows = spark_rows(table, model, min_probability, _columns(_tf_columns()))
        return [rows_to_pairs.pair(row) for row in rows]
    predictions = linker.inference.predict(threshold_match_probability=min_probability)
    _LOG.info("pairs predicted, %.1f s so far", time.perf_counter() - start)
    full = predictions.as_duckdbpyrelation()
    # Fetch only what a pair needs, as tuples: millions of dicts of every column would not fit.
    relation = full.project(", ".join(_columns(set(full.columns))))
    pairs: list[ScoredPair] = []
    for batch in relation.to_arrow_reader(_CHUNK):
        columns = [c.to_pylist() for c in batch.columns]
        pairs.extend(rows_to_pairs.pair(row) for row in zip(*columns, strict=True))
    predictions.drop_table_from_database_and_remove_from_cache()
    return pairs


def _tf_columns() -> set[str]:
    """The term-frequency columns Splink adds, one per comparison with a level adjusted."""
    return {
        f"mw_tf_adj_{spec['output_column_name']}"
        for spec in COMPARISONS
        if any("tf_adjustment_column" in level for level in spec["comparison_levels"])
    }
