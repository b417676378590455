"""The Spark backend of the linkage: scoring the blocked pairs with Splink on PySpark.

Owns :func:`spark_rows`: a trained Splink model (its settings as saved JSON) and the feature
table in, the rows of the scored pairs out, computed by Spark. The model is trained once, on the
embedded DuckDB (:mod:`gavah.linkage.scoring`), so both backends score with the same parameters
and give the same persons; Spark does the part that grows with the data (blocking, comparing,
term frequencies). The session runs in local mode on this machine's cores unless the
environment configures another master (``SPARK_MASTER``). PySpark is imported here only, lazily:
it is an optional extra (``pip install gavah[spark]``). It must not cluster or touch the store.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

from gavah.errors import ConfigError
from gavah.linkage.frequencies import term_frequency_tables

__all__ = ["spark_available", "spark_rows"]

#: Shuffle partitions of the local session: a few per core, not Spark's 200.
_PARTITIONS = 8


def spark_available() -> bool:
    """Whether PySpark (and a Java runtime for it) can be imported here."""
    try:
        import pyspark  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401, PLC0415
    except ImportError:
        return False
    return shutil.which("java") is not None or "JAVA_HOME" in os.environ


def _session() -> Any:
    from pyspark.sql import SparkSession  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    from splink.backends.spark import similarity_jar_location  # noqa: PLC0415

    builder = (
        SparkSession.builder.appName("gavah-link")
        .master(os.environ.get("SPARK_MASTER", "local[*]"))
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(_PARTITIONS))
        .config("spark.default.parallelism", str(_PARTITIONS))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_rows(
    table: Any, model: dict[str, Any], min_probability: float, columns: Sequence[str]
) -> Iterator[tuple[Any, ...]]:
    """The scored pairs of ``table`` under ``model``, as rows of the SQL ``columns``.

    Args:
        table: the feature table (a PyArrow table).
        model: the trained Splink settings (``save_model_to_json``).
        min_probability: pairs below this match probability are left out.
        columns: SQL expressions over Splink's prediction columns, one per row value.

    Raises:
        ConfigError: PySpark or Java is not installed.
    """
    if not spark_available():
        raise ConfigError(
            "the Spark backend needs PySpark and Java; install them (pip install 'gavah[spark]')"
        )
    from splink import Linker, SparkAPI  # noqa: PLC0415 - lazy: heavy

    logging.getLogger("py4j").setLevel(logging.ERROR)
    session = _session()
    checkpoints = tempfile.mkdtemp(prefix="gavah-spark-")
    try:
        session.sparkContext.setCheckpointDir(checkpoints)
        # In local mode intermediate tables stay in memory; on a cluster they go to parquet.
        local = str(session.sparkContext.master).startswith("local")
        lineage = "persist" if local else "parquet"
        api = SparkAPI(spark_session=session, break_lineage_method=lineage)  # type: ignore[no-untyped-call]
        frame = api.register(session.createDataFrame(table), table_name="gavah_records")
        linker = Linker(frame, model, log_level=logging.ERROR, validate_settings=True)
        # The same leave-one-out term frequencies as the DuckDB backend: the same weights.
        for column, tf_table in term_frequency_tables(table):
            tf_frame = api.register(
                session.createDataFrame(tf_table), table_name=f"gavah_tf_{column}"
            )
            linker.table_management.register_term_frequency_lookup(tf_frame, column)
        predictions = linker.inference.predict(threshold_match_probability=min_probability)
        result = predictions.as_spark_dataframe()
        present = set(result.columns)
        expressions = [_present(c, present) for c in columns]
        yield from (tuple(row) for row in result.selectExpr(*expressions).toLocalIterator())
    finally:
        shutil.rmtree(checkpoints, ignore_errors=True)


def _present(expression: str, columns: set[str]) -> str:
    """``expression`` with a term-frequency weight Spark did not produce replaced by 0."""
    for token in expression.replace("(", " ").replace(")", " ").split():
        if token.startswith("mw_tf_adj_") and token not in columns:
            expression = expression.replace(token, "0.0")
    return expression
