"""Planning a list import: a read list file → the records to store and the rows refused.

Owns :func:`plan_import`: each row goes through the mapping and :func:`record_from_row`; a row
without a ``record_id``, with a ``record_id`` already seen in the file, or that breaks a record
invariant is refused with its line number and reason, the others become records. Cells that
could not be read (an unknown sex word, a date that is no date) do not refuse the row: the field
stays empty and a warning names the cell, because the raw row is kept. Writing the plan is the
store's business, in one transaction; this module does no I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gavah.errors import GavahError, ParseError
from gavah.model import Record
from gavah.register.listfile import ListTable, RowProblem
from gavah.register.mapping import ListMapping
from gavah.register.row import record_from_row
from gavah.vocab import Gazetteer

__all__ = ["ImportPlan", "file_digest", "plan_import"]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a list file would store, and what it refuses or warns about."""

    records: tuple[Record, ...]
    refused: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]


def file_digest(data: bytes) -> str:
    """The SHA-256 of a list file, hex: re-importing the same bytes is recognised by it."""
    return hashlib.sha256(data).hexdigest()


def plan_import(
    source_id: str, table: ListTable, mapping: ListMapping, gazetteer: Gazetteer
) -> ImportPlan:
    """Turn the rows of ``table`` into records of ``source_id``.

    Raises:
        ParseError: no column of the file is (or maps to) ``record_id``.
    """
    if "record_id" not in {mapping.column(name) for name in table.header}:
        raise ParseError(
            "the list has no record_id column (name one in the mapping file, e.g. "
            '"ID" = "record_id")'
        )
    records: list[Record] = []
    refused = list(table.problems)
    warnings: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        mapped = mapping.apply(row)
        record_id = mapped.get("record_id", "").strip()
        if not record_id:
            refused.append(RowProblem(line, "no record_id"))
            continue
        if record_id in seen:
            refused.append(
                RowProblem(line, f"record_id {record_id!r} already used on line {seen[record_id]}")
            )
            continue
        try:
            record, problems = record_from_row(source_id, mapped, gazetteer, raw=row)
        except GavahError as err:
            refused.append(RowProblem(line, str(err)))
            continue
        seen[record_id] = line
        records.append(record)
        warnings.extend(RowProblem(line, problem) for problem in problems)
    refused.sort(key=lambda p: p.line)
    return ImportPlan(tuple(records), tuple(refused), tuple(warnings))
