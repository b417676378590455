"""Term frequencies of the comparison columns, counted leave-one-out, for either backend.

Owns :func:`term_frequencies` and :func:`term_frequency_tables`: the lookup tables Splink
joins to adjust a level's weight by how common the agreeing value is. Both backends register the
same tables, so they give the same weights. Pure: a PyArrow table in, PyArrow tables out.
"""

from __future__ import annotations

from typing import Any

from gavah.linkage.comparisons import COMPARISONS

__all__ = ["term_frequencies", "term_frequency_tables", "tf_source_columns"]


def term_frequencies(table: Any, column: str) -> Any:
    """``column``'s term-frequency table, counted leave-one-out: (n - 1) / N for a value n
    records hold (at least 1 / N).

    Splink's own table says n / N: the chance that a record agrees with a random other record
    on the value, counting the record's own match among the others. For a value few records
    hold that doubles the chance (n = 2: two namesakes, or one person on two lists) and halves
    the evidence of a rare name agreeing; leaving the record itself out is the right count.
    """
    import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    import pyarrow.compute as pc  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    counts = pc.value_counts(pc.drop_null(table[column]))
    total = max(1, table.num_rows)
    frequency = pc.divide(
        pc.max_element_wise(pc.subtract(counts.field("counts"), 1), 1).cast(pa.float64()),
        float(total),
    )
    return pa.table({column: counts.field("values"), f"tf_{column}": frequency})


def tf_source_columns() -> list[str]:
    """The columns some comparison level adjusts by term frequency."""
    return sorted(
        {
            str(level["tf_adjustment_column"])
            for spec in COMPARISONS
            for level in spec["comparison_levels"]
            if "tf_adjustment_column" in level
        }
    )


def term_frequency_tables(table: Any) -> list[tuple[str, Any]]:
    """(column, its :func:`term_frequencies` table) for each of :func:`tf_source_columns`."""
    return [(column, term_frequencies(table, column)) for column in tf_source_columns()]
