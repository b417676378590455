"""Term frequencies counted leave-one-out: a record's own match is not a random agreement."""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped,import-not-found,unused-ignore]

from gavah.linkage.frequencies import term_frequencies, term_frequency_tables


def test_frequencies_leave_the_record_itself_out() -> None:
    table = pa.table({"name_sk": ["MHMD", "MHMD", "MHMD", "KMRN", "KMRN", "BHNM", None]})
    tf = dict(zip(*term_frequencies(table, "name_sk").to_pydict().values(), strict=True))
    assert tf == {"MHMD": 2 / 7, "KMRN": 1 / 7, "BHNM": 1 / 7}


def test_every_adjusted_column_gets_a_table() -> None:
    table = pa.table({"name_sk": ["A", "A"]})
    assert [column for column, _ in term_frequency_tables(table)] == ["name_sk"]
