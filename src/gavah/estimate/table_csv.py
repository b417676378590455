"""The capture-history CSV: one 0/1 column per list and a ``count`` column (design.md).

Owns parsing that text into :class:`gavah.estimate.table.CaptureTable` values (pooled, or one per
value of a stratum column) and reading it from a file. Every problem in the input becomes a
:class:`gavah.errors.ParseError` with a one-line message naming the row or column; nothing else
escapes. It must not estimate anything.

Rules: UTF-8 (a byte-order mark is ignored), a header row, a column named ``count``
(case-insensitive) holding whole numbers >= 0, every other column a list holding ``0`` or ``1``
except the stratum column when one is named. Blank lines are skipped. A pattern may appear once
per stratum; a repeated pattern is an error (in published tables repeats have been typos).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from gavah.errors import ParseError
from gavah.estimate.table import MAX_LISTS, CaptureTable

__all__ = ["COUNT_COLUMN", "parse_capture_csv", "parse_stratified_capture_csv", "read_capture_csv"]

COUNT_COLUMN = "count"
_MAX_BYTES = 50_000_000  # a capture-history table is small; refuse to read a huge file whole


def _rows(text: str) -> list[list[str]]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ParseError("the table contains a NUL character; is it a text CSV file?")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows = [row for row in reader if any(c.strip() for c in row)]
    except csv.Error as err:
        raise ParseError(f"the table is not valid CSV: {err}") from None
    if not rows:
        raise ParseError("the table is empty: expected a header row and one row per pattern")
    return rows


def _count(raw: str, line: int) -> int:
    value = raw.strip()
    if not value:
        raise ParseError(f"row {line}: the count is empty")
    if value.startswith("-"):
        raise ParseError(f"row {line}: the count {value!r} is negative")
    if value.isdecimal():  # ASCII, Persian or Arabic-Indic digits
        return int(value)
    try:
        number = float(value)
    except ValueError:
        raise ParseError(f"row {line}: the count {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ParseError(f"row {line}: the count {value!r} is not a number")
    raise ParseError(
        f"row {line}: the count {value!r} is not a whole number written in digits (e.g. 12)"
    )


def _flag(raw: str, line: int, column: str) -> int:
    value = raw.strip()
    if value == "0":
        return 0
    if value == "1":
        return 1
    raise ParseError(f"row {line}: list {column!r} has {value!r}, expected 0 or 1")


def _parse(
    text: str, strata_field: str | None
) -> tuple[list[str], dict[str, list[tuple[list[int], int]]]]:
    rows = _rows(text)
    header = [h.strip() for h in rows[0]]
    lowered = [h.lower() for h in header]
    if COUNT_COLUMN not in lowered:
        raise ParseError(
            f"no {COUNT_COLUMN!r} column: the header is {', '.join(map(repr, header))[:200]}; "
            "a capture-history table has one 0/1 column per list and a count column"
        )
    if lowered.count(COUNT_COLUMN) > 1:
        raise ParseError(f"the header has more than one {COUNT_COLUMN!r} column")
    count_at = lowered.index(COUNT_COLUMN)
    stratum_at: int | None = None
    if strata_field is not None:
        if strata_field not in header:
            raise ParseError(f"no stratum column {strata_field!r} in the header")
        stratum_at = header.index(strata_field)
    list_at = [i for i in range(len(header)) if i not in (count_at, stratum_at)]
    lists = [header[i] for i in list_at]
    if len(lists) > MAX_LISTS:
        raise ParseError(
            f"{len(lists)} list columns is more than the {MAX_LISTS} this tool accepts; "
            "check the header"
        )
    if any(not name for name in lists):
        raise ParseError("a list column has an empty name in the header")
    if len(set(lists)) != len(lists):
        raise ParseError("two list columns have the same name")
    groups: dict[str, list[tuple[list[int], int]]] = {}
    first_seen: dict[tuple[str, tuple[int, ...]], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ParseError(f"row {line} has {len(row)} fields, the header has {len(header)}")
        pattern = [_flag(row[i], line, header[i]) for i in list_at]
        count = _count(row[count_at], line)
        stratum = row[stratum_at].strip() if stratum_at is not None else ""
        if stratum_at is not None and not stratum:
            raise ParseError(f"row {line}: the stratum {strata_field!r} is empty")
        key = (stratum, tuple(pattern))
        if key in first_seen:
            where = f" in stratum {stratum!r}" if stratum_at is not None else ""
            raise ParseError(
                f"row {line} repeats the pattern {''.join(map(str, pattern))} of row "
                f"{first_seen[key]}{where}"
            )
        first_seen[key] = line
        groups.setdefault(stratum, []).append((pattern, count))
    if not groups:
        raise ParseError("the table has a header but no rows")
    return lists, groups


def _table(lists: list[str], rows: list[tuple[list[int], int]], where: str) -> CaptureTable:
    try:
        return CaptureTable.from_rows(lists, rows)
    except ParseError as err:
        raise ParseError(f"{where}{err}") from None


def parse_capture_csv(text: str) -> CaptureTable:
    """Parse a capture-history CSV into one table.

    Raises:
        ParseError: the text is not a valid capture-history table (the message says where).
    """
    lists, groups = _parse(text, None)
    return _table(lists, groups[""], "")


def parse_stratified_capture_csv(text: str, strata_field: str) -> dict[str, CaptureTable]:
    """Parse a capture-history CSV with a stratum column into one table per stratum.

    Every stratum keeps all the lists of the header, even a list with nobody in that stratum.

    Raises:
        ParseError: the text is not a valid capture-history table, or a stratum is invalid.
    """
    lists, groups = _parse(text, strata_field)
    return {s: _table(lists, rows, f"stratum {s!r}: ") for s, rows in sorted(groups.items())}


def read_capture_csv(
    path: Path, strata_field: str | None = None
) -> CaptureTable | dict[str, CaptureTable]:
    """Read a capture-history CSV file; one table, or one per stratum when a field is given.

    Raises:
        ParseError: the file cannot be read as UTF-8 text or is not a valid table.
    """
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise ParseError(f"{path} is {size} bytes: too large for a capture-history table")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParseError(f"{path} is not UTF-8 text") from None
    except OSError as err:
        raise ParseError(f"cannot read {path}: {err.strerror or err}") from None
    if strata_field is None:
        return parse_capture_csv(text)
    return parse_stratified_capture_csv(text, strata_field)
