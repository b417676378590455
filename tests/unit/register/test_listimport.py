"""Planning an import: good rows become records, bad rows are refused with line and reason."""

from __future__ import annotations

import pytest

from gavah.errors import ParseError
from gavah.model import PersonStatus
from gavah.register import ListMapping, file_digest, parse_mapping, plan_import, read_table
from gavah.vocab import load_gazetteer


def _plan(text: str, mapping: ListMapping | None = None):  # type: ignore[no-untyped-def]
    table = read_table(text.encode(), "list.csv")
    return plan_import("src1", table, mapping or ListMapping(), load_gazetteer())


def test_good_rows_import_and_bad_rows_are_named() -> None:
    plan = _plan(
        "record_id,full_name,age,sex,event\n"
        "a1,رضایی، محمد,۳۰,مرد,جان‌باخته\n"
        ",No Id,1,,\n"
        "a1,Again,2,,\n"
        "a2,Sara Karimi,200,female,killed\n"
        "a3,Ali,40,robot,killed\n"
    )
    assert [r.record_id for r in plan.records] == ["a1", "a2", "a3"]
    first = plan.records[0]
    assert (first.given_name, first.family_name, first.age) == ("محمد", "رضایی", 30)
    assert first.event is PersonStatus.KILLED
    assert [(p.line, p.reason) for p in plan.refused] == [
        (3, "no record_id"),
        (4, "record_id 'a1' already used on line 2"),
    ]
    assert {p.line for p in plan.warnings} == {5, 6}


def test_raw_rows_keep_the_lists_own_column_names() -> None:
    mapping = parse_mapping('[columns]\n"ID" = "record_id"\n"Name" = "full_name"\n')
    plan = _plan("ID,Name\nx9,Reza Ahmadi\n", mapping)
    record = plan.records[0]
    assert dict(record.raw) == {"ID": "x9", "Name": "Reza Ahmadi"}
    assert record.full_name == "reza ahmadi"


def test_a_list_without_record_id_is_an_error() -> None:
    with pytest.raises(ParseError, match="no record_id column"):
        _plan("name\nReza\n")


def test_the_digest_names_the_bytes() -> None:
    assert file_digest(b"a") != file_digest(b"b")
    assert len(file_digest(b"")) == 64
