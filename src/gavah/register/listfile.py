"""List files as bytes → a header and rows with their line numbers; cells made safe for export.

Owns :func:`read_table` (CSV in UTF-8 with or without BOM, XLSX through openpyxl, ODS through
odfpy, both when installed)
and :func:`safe_cell`. Every way a file can be wrong becomes a :class:`gavah.errors.ParseError`
with a one-line reason (not UTF-8, binary, a cell longer than :data:`MAX_CELL_CHARS`, no header,
no ``record_id`` column, a duplicate column) or a :class:`RowProblem` for one row (ragged). Cells
are kept verbatim, formulas included: a list says what it says; :func:`safe_cell` neutralises
them when a file is written for a spreadsheet. The caller reads the file; this module does no I/O.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax import SAXException

from gavah.errors import ParseError

__all__ = ["MAX_CELL_CHARS", "ListTable", "RowProblem", "read_table", "safe_cell"]

#: Longest cell accepted, in characters. A victims list cell is a name or a note; 100,000
#: characters is far beyond any and keeps a malicious 50 MB field from being read into memory.
MAX_CELL_CHARS = 100_000
_BOM = b"\xef\xbb\xbf"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Most repeats of one non-empty ODS cell taken literally (a list has a few dozen columns).
_MAX_REPEAT = 1_000


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that was not imported: its line (1 = header) and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ListTable:
    """A list file read: its column names, the rows with their line numbers, the bad rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    problems: tuple[RowProblem, ...]


def safe_cell(text: str) -> str:
    """``text`` made inert for spreadsheets: a leading ``= + - @`` gets a ``'`` (OWASP CSV)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _check_header(header: list[str], label: str) -> tuple[str, ...]:
    names = tuple(h.strip() for h in header)
    if not any(names):
        raise ParseError(f"{label}: the first row must name the columns")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ParseError(f"{label}: column {name!r} appears twice in the header")
        seen.add(name)
    return names


def _rows(
    label: str, records: list[tuple[int, list[str]]]
) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]], list[RowProblem]]:
    if not records:
        raise ParseError(f"{label}: the file is empty")
    header = _check_header(records[0][1], label)
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[RowProblem] = []
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                RowProblem(line, f"{len(cells)} cells where the header has {len(header)}")
            )
            continue
        rows.append((line, dict(zip(header, cells, strict=True))))
    return header, rows, problems


def _csv_records(data: bytes, label: str) -> list[tuple[int, list[str]]]:
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    if b"\x00" in data:
        raise ParseError(f"{label}: binary data (NUL bytes), not a CSV text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ParseError(
            f"{label}: not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "save the list as UTF-8 CSV"
        ) from err
    # The limit is process-wide in the csv module: set it deliberately on every read.
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        if "field larger" in str(err):
            raise ParseError(
                f"{label}: line {start}: a cell is longer than {MAX_CELL_CHARS:,} characters"
            ) from err
        raise ParseError(f"{label}: line {start}: malformed CSV ({err})") from err
    return records


def _xlsx_records(data: bytes, label: str) -> list[tuple[int, list[str]]]:
    try:
        import openpyxl  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError as err:  # pragma: no cover - openpyxl is a dependency
        raise ParseError(f"{label}: reading XLSX needs openpyxl") from err
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise ParseError(f"{label}: not a readable XLSX workbook ({err})") from err
    sheet = book.worksheets[0]
    records: list[tuple[int, list[str]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else str(v) for v in values]
        for cell in cells:
            if len(cell) > MAX_CELL_CHARS:
                raise ParseError(
                    f"{label}: line {number}: a cell is longer than {MAX_CELL_CHARS:,} characters"
                )
        records.append((number, cells))
    book.close()
    width = len(records[0][1]) if records else 0
    # Spreadsheets pad or trim trailing empty cells: square every row to the header.
    return [
        (n, cells[:width] + [""] * (width - len(cells)))
        if not any(c.strip() for c in cells[width:])
        else (n, cells)
        for n, cells in records
    ]


def _ods_cells(row: Any, label: str, line: int) -> list[str]:
    # Imported lazily (here and below): odfpy and openpyxl load only for their formats.
    from odf.table import TableCell  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    from odf.text import P  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    cells: list[str] = []
    for cell in row.getElementsByType(TableCell):
        text = "\n".join(str(p) for p in cell.getElementsByType(P))
        if len(text) > MAX_CELL_CHARS:
            raise ParseError(
                f"{label}: line {line}: a cell is longer than {MAX_CELL_CHARS:,} characters"
            )
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        # Spreadsheets pad rows with one empty cell repeated thousands of times.
        cells.extend([text] * (repeat if text and repeat <= _MAX_REPEAT else 1))
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _ods_records(data: bytes, label: str) -> list[tuple[int, list[str]]]:
    try:
        from odf.opendocument import load  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
        from odf.table import Table, TableRow  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    except ImportError as err:  # pragma: no cover - odfpy is optional
        raise ParseError(f"{label}: reading ODS needs odfpy; save the list as CSV or XLSX") from err
    try:
        document = load(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, SAXException) as err:
        raise ParseError(f"{label}: not a readable ODS spreadsheet ({err})") from err
    tables = document.spreadsheet.getElementsByType(Table)
    if not tables:
        raise ParseError(f"{label}: the spreadsheet has no sheet")
    records = [
        (number, _ods_cells(row, label, number))
        for number, row in enumerate(tables[0].getElementsByType(TableRow), start=1)
    ]
    width = len(records[0][1]) if records else 0
    return [(n, cells + [""] * (width - len(cells))) for n, cells in records]


_READERS: dict[str, Callable[[bytes, str], list[tuple[int, list[str]]]]] = {
    ".csv": _csv_records,
    ".txt": _csv_records,
    ".xlsx": _xlsx_records,
    ".ods": _ods_records,
}


def read_table(data: bytes, name: str) -> ListTable:
    """Read the list file ``name`` (used for its extension and in messages) from ``data``.

    Raises:
        ParseError: the file is not a list this module can read (see the module docstring).
    """
    suffix = name[name.rfind(".") :].casefold() if "." in name else ".csv"
    if suffix == ".xls":
        raise ParseError(f"{name}: {suffix} is not supported yet; save the list as CSV or XLSX")
    reader = _READERS.get(suffix)
    if reader is None:
        raise ParseError(f"{name}: unknown list format {suffix!r}; use CSV (UTF-8) or XLSX")
    header, rows, problems = _rows(name, reader(data, name))
    return ListTable(header, tuple(rows), tuple(problems))
