"""The capture-history CSV parser: published files, malformed input, strata, arbitrary text."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.errors import ParseError
from gavah.estimate import (
    CaptureTable,
    parse_capture_csv,
    parse_stratified_capture_csv,
    read_capture_csv,
)

from .mse_data import DATA


def _index() -> dict[str, dict[str, str]]:
    with (DATA / "INDEX.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("path", sorted(DATA.glob("*_*.csv")), ids=lambda p: p.stem)
def test_every_published_table_parses(path: Path) -> None:
    """Every table in data/INDEX.csv parses, and its observed total matches the index."""
    index = _index()
    table = read_capture_csv(path)
    assert isinstance(table, CaptureTable)
    assert table.observed == int(index[path.name]["n_observed"])


def test_header_names_the_lists_in_order_and_count_may_be_anywhere() -> None:
    table = parse_capture_csv("count,B,A\n3,1,0\n4,0,1\n2,1,1\n")
    assert table.lists == ("B", "A")
    assert table.count(0b01) == 3
    assert table.count(0b11) == 2


def test_bom_blank_lines_spaces_and_persian_digits_are_accepted() -> None:
    table = parse_capture_csv("\ufeffA, B ,Count\r\n1, 0 ,۱۲\r\n\r\n0,1,3\r\n")
    assert table.lists == ("A", "B")
    assert table.count(0b01) == 12


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("A,B,count\n", "no rows"),
        ("A,B\n1,0\n", "no 'count' column"),
        ("A,count\n1,5\n", "at least 2 lists"),
        ("A,B,count\n2,0,5\n", "list 'A' has '2', expected 0 or 1"),
        ("A,B,count\nyes,0,5\n", "expected 0 or 1"),
        ("A,B,count\n1,0,-3\n", "negative"),
        ("A,B,count\n1,0,2.5\n", "not a whole number"),
        ("A,B,count\n1,0,3.0\n", "not a whole number"),
        ("A,B,count\n1,0,many\n", "not a number"),
        ("A,B,count\n1,0,nan\n", "not a number"),
        ("A,B,count\n1,0,\n", "empty"),
        ("A,B,count\n1,0\n", "2 fields, the header has 3"),
        ("A,B,count\n0,0,5\n", "on no list"),
        ("A,B,count\n1,0,0\n0,1,0\n", "no observed people"),
        ("A,B,count\n1,0,1\n1,0,2\n", "row 3 repeats the pattern 10 of row 2"),
        ("A,B,count,Count\n1,0,1,1\n", "more than one 'count'"),
        ("A,A,count\n1,0,1\n", "same name"),
        (",B,count\n1,0,1\n", "empty name"),
        ("A,B,count\n1,0,1\x00\n", "NUL"),
        ('A,B,count\n"1,0,1\n', "not valid CSV"),
    ],
)
def test_malformed_tables_give_one_line_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        parse_capture_csv(text)
    assert "\n" not in str(caught.value)


def test_forty_lists_are_refused_by_the_header() -> None:
    header = ",".join(f"L{i}" for i in range(40)) + ",count\n"
    row = ",".join("1" if i == 0 else "0" for i in range(40)) + ",1\n"
    with pytest.raises(ParseError, match="40 list columns"):
        parse_capture_csv(header + row)


def test_strata_split_the_table_and_keep_every_list() -> None:
    text = "region,A,B,C,count\nnorth,1,0,0,5\nnorth,0,1,1,2\nsouth,1,0,0,4\nsouth,0,1,0,0\n"
    tables = parse_stratified_capture_csv(text, "region")
    assert sorted(tables) == ["north", "south"]
    assert tables["south"].lists == ("A", "B", "C")
    assert tables["south"].empty_lists() == (1, 2)
    assert tables["north"].observed == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A,B,count\n1,0,1\n", "no stratum column 'region'"),
        ("region,A,B,count\n,1,0,1\n", "stratum 'region' is empty"),
        (
            "region,A,B,count\nx,1,0,1\nx,1,0,1\n",
            "row 3 repeats the pattern 10 of row 2 in stratum 'x'",
        ),
    ],
)
def test_stratum_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_stratified_capture_csv(text, "region")


def test_the_same_pattern_may_appear_once_per_stratum() -> None:
    text = "region,A,B,count\nx,1,0,1\ny,1,0,2\n"
    assert parse_stratified_capture_csv(text, "region")["y"].observed == 2


def test_reading_files(tmp_path: Path) -> None:
    good = tmp_path / "t.csv"
    good.write_text("A,B,count\n1,0,3\n0,1,2\n1,1,1\n", encoding="utf-8")
    assert isinstance(read_capture_csv(good), CaptureTable)
    with pytest.raises(ParseError, match="cannot read"):
        read_capture_csv(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"A,B,count\n1,0,\xe9\n")
    with pytest.raises(ParseError, match="not UTF-8"):
        read_capture_csv(latin)
    strata = tmp_path / "s.csv"
    strata.write_text("g,A,B,count\nx,1,0,3\nx,1,1,1\n", encoding="utf-8")
    by_stratum = read_capture_csv(strata, "g")
    assert isinstance(by_stratum, dict)
    assert set(by_stratum) == {"x"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('01,\n\r"count AB-2.x\x00\ufeff۱')), max_size=80))
def test_parser_raises_only_parse_error_on_csv_like_text(text: str) -> None:
    """Arbitrary CSV-ish text is either a table or a ParseError, never another exception."""
    try:
        table = parse_capture_csv(text)
    except ParseError as err:
        message = str(err)
        assert message
        assert "\n" not in message
        return
    assert table.observed > 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parser_raises_only_parse_error_on_any_text(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_capture_csv(text)
    with contextlib.suppress(ParseError):
        parse_stratified_capture_csv(text, "count")
