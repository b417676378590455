"""Reading list files from bytes: CSV and XLSX, and every way a file can be wrong."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.errors import ParseError
from gavah.register import MAX_CELL_CHARS, read_table, safe_cell

HEADER = "record_id,full_name,age\n"


def test_reads_rows_with_their_line_numbers() -> None:
    data = (HEADER + 'a1,Reza Ahmadi,30\na2,"Sara\nKarimi",22\na3,علی رضایی,۴۰\n').encode()
    table = read_table(data, "list.csv")
    assert table.header == ("record_id", "full_name", "age")
    assert [line for line, _ in table.rows] == [2, 3, 5]
    assert table.rows[2][1]["full_name"] == "علی رضایی"
    assert table.problems == ()


def test_a_bom_is_tolerated() -> None:
    table = read_table(b"\xef\xbb\xbf" + HEADER.encode() + b"a1,X,1\n", "list.csv")
    assert table.header[0] == "record_id"


def test_ragged_rows_are_refused_with_their_line() -> None:
    table = read_table((HEADER + "a1,X,1\na2,Y\na3,Z,3,extra\na4,W,4\n").encode(), "l.csv")
    assert [line for line, _ in table.rows] == [2, 5]
    assert [(p.line, p.reason) for p in table.problems] == [
        (3, "2 cells where the header has 3"),
        (4, "4 cells where the header has 3"),
    ]


def test_wrong_encoding_is_a_clear_error() -> None:
    data = (HEADER + "a1,علي,1\n").encode("cp1256")
    with pytest.raises(ParseError, match=r"not UTF-8 .* save the list as UTF-8"):
        read_table(data, "list.csv")


def test_binary_junk_is_a_clear_error() -> None:
    with pytest.raises(ParseError, match="binary data"):
        read_table(bytes(range(256)) * 4, "list.csv")


def test_a_huge_single_field_is_refused_without_reading_it_all() -> None:
    data = HEADER.encode() + b'a1,"' + b"x" * (MAX_CELL_CHARS + 10) + b'",1\n'
    with pytest.raises(ParseError, match="line 2: a cell is longer than"):
        read_table(data, "list.csv")


def test_duplicate_columns_and_empty_files_are_errors() -> None:
    with pytest.raises(ParseError, match="appears twice"):
        read_table(b"record_id,age,age\n", "l.csv")
    with pytest.raises(ParseError, match="empty"):
        read_table(b"", "l.csv")


def test_unsupported_formats_are_named() -> None:
    with pytest.raises(ParseError, match="not supported yet"):
        read_table(b"junk", "list.xls")
    with pytest.raises(ParseError, match="unknown list format"):
        read_table(b"junk", "list.pdf")


def test_formulas_are_kept_verbatim_and_neutralised_on_export() -> None:
    table = read_table((HEADER + 'a1,"=HYPERLINK(""http://x"",""y"")",1\n').encode(), "l.csv")
    cell = table.rows[0][1]["full_name"]
    assert cell == '=HYPERLINK("http://x","y")'
    assert safe_cell(cell) == "'" + cell
    for start in ("+1", "-1", "@SUM(A1)", "\tx"):
        assert safe_cell(start).startswith("'")
    assert safe_cell("Reza") == "Reza"


def test_xlsx_goes_through_the_same_path() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["record_id", "full_name", "age"])
    sheet.append(["x1", "محمد رضایی", 31])
    sheet.append(["x2", "Sara Karimi"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "list.xlsx")
    assert table.rows[0] == (2, {"record_id": "x1", "full_name": "محمد رضایی", "age": "31"})
    assert table.rows[1][1]["age"] == ""
    with pytest.raises(ParseError, match="not a readable XLSX"):
        read_table(b"PK\x03\x04junk", "list.xlsx")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        read_table(data, "fuzz.csv")


def test_ods_goes_through_the_same_path() -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415
    from odf.text import P  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="list")
    for cells in (["record_id", "full_name", "age"], ["o1", "زهرا کریمی", "19"], ["o2", "Ali"]):
        row = TableRow()
        for text in cells:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=text))
            row.addElement(cell)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.save(buffer)
    table = read_table(buffer.getvalue(), "list.ods")
    assert table.rows[0] == (2, {"record_id": "o1", "full_name": "زهرا کریمی", "age": "19"})
    assert table.rows[1][1]["age"] == ""
    with pytest.raises(ParseError, match="not a readable ODS"):
        read_table(b"PK\x03\x04junk", "list.ods")
