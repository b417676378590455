"""Blocking keys in blocks of bounded size: the columns the blocking rules join on.

Owns :func:`block_key_columns`. Each :class:`gavah.linkage.comparisons.BlockingKey` is computed
per record as one 64-bit hash of its fields (null when a field is missing), and kept only where
at most :data:`gavah.linkage.comparisons.BLOCK_MAX` records share it (on either side of a
swapped key): so no rule's block grows with the square of the register, however much a
generator or a real list piles its records on one name, day and place. Runs SQL on the DuckDB
connection it is given; the feature table in, the key columns out, in the table's order.
"""

from __future__ import annotations

from typing import Any

from gavah.linkage.comparisons import BLOCK_MAX, BLOCKING_KEYS, BlockingKey

__all__ = ["block_key_columns"]

_ROW = "gavah_row"


def _hash(expressions: tuple[str, ...]) -> str:
    """A non-negative BIGINT key of ``expressions`` (both backends read BIGINT), null if any is."""
    missing = " OR ".join(f"({e}) IS NULL" for e in expressions)
    values = ", ".join(f"({e})::VARCHAR" for e in expressions)
    return f"CASE WHEN {missing} THEN NULL ELSE (hash({values}) >> 1)::BIGINT END"


def _sides(key: BlockingKey) -> list[tuple[str, tuple[str, ...]]]:
    """(column, expressions) of the key, and of its other side for a swapped key."""
    sides = [(key.column, key.left)]
    if key.right is not None:
        sides.append((f"{key.column}_rev", key.right))
    return sides


def block_key_columns(table: Any, connection: Any) -> dict[str, Any]:
    """The key columns of :data:`BLOCKING_KEYS` for the PyArrow feature ``table``.

    A key value held by more than :data:`BLOCK_MAX` records (counting both sides of a swapped
    key) is nulled: those records meet through the rules with more fields.
    """
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    rows = table.append_column(_ROW, pa.array(range(table.num_rows), type=pa.int64()))
    connection.register("gavah_block_input", rows)
    hashed = ", ".join(
        f"{_hash(expressions)} AS {column}"
        for key in BLOCKING_KEYS
        for column, expressions in _sides(key)
    )
    # Every name in this SQL comes from the module's constants, none from the data.
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE gavah_keys AS SELECT {_ROW}, {hashed} "  # noqa: S608
        "FROM gavah_block_input"
    )
    connection.unregister("gavah_block_input")
    kept: list[str] = []
    joins: list[str] = []
    for number, key in enumerate(BLOCKING_KEYS):
        columns = [column for column, _ in _sides(key)]
        values = " UNION ALL ".join(
            f"SELECT {_ROW}, {c} AS v FROM gavah_keys"  # noqa: S608
            for c in columns
        )
        sizes = f"gavah_sizes_{number}"
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE {sizes} AS SELECT v, count(DISTINCT {_ROW}) AS n "  # noqa: S608
            f"FROM ({values}) WHERE v IS NOT NULL GROUP BY v HAVING n > {BLOCK_MAX}"
        )
        for side, column in enumerate(columns):
            alias = f"s{number}_{side}"
            joins.append(f"LEFT JOIN {sizes} AS {alias} ON {alias}.v = k.{column}")
            kept.append(f"CASE WHEN {alias}.v IS NULL THEN k.{column} END AS {column}")
    result = connection.sql(
        f"SELECT {', '.join(kept)} FROM gavah_keys AS k {' '.join(joins)} "  # noqa: S608
        f"ORDER BY k.{_ROW}"
    ).to_arrow_table()
    connection.execute("DROP TABLE gavah_keys")
    for number in range(len(BLOCKING_KEYS)):
        connection.execute(f"DROP TABLE gavah_sizes_{number}")
    return {name: result[name].combine_chunks() for name in result.column_names}
