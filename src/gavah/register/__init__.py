"""The victims register: list files into records (import and mapping).

Owns reading list files handed in as bytes (:mod:`~gavah.register.listfile`), mapping files
(:mod:`~gavah.register.mapping`), one row into one :class:`gavah.model.Record`
(:mod:`~gavah.register.row`) and planning an import (:mod:`~gavah.register.listimport`). It
does no I/O and decides nothing about who is the same person (``gavah.linkage``).
"""

from gavah.register.listfile import MAX_CELL_CHARS, ListTable, RowProblem, read_table, safe_cell
from gavah.register.listimport import ImportPlan, file_digest, plan_import
from gavah.register.mapping import KNOWN_COLUMNS, ListMapping, parse_mapping
from gavah.register.row import EVENT_WORDS, SEX_WORDS, record_from_row

__all__ = [
    "EVENT_WORDS",
    "KNOWN_COLUMNS",
    "MAX_CELL_CHARS",
    "SEX_WORDS",
    "ImportPlan",
    "ListMapping",
    "ListTable",
    "RowProblem",
    "file_digest",
    "parse_mapping",
    "plan_import",
    "read_table",
    "record_from_row",
    "safe_cell",
]
