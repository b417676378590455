"""Records: a record needs its id, keeps its raw row frozen, and checks its fields."""

from __future__ import annotations

import dataclasses

import pytest

from gavah.errors import InvariantError
from gavah.model import DatePrecision, PartialDate, PersonStatus, Record, RecordKey, Sex


def test_a_record_needs_a_record_id() -> None:
    for empty in ("", "   "):
        with pytest.raises(InvariantError, match="needs a record_id"):
            Record("src-1", empty)
    with pytest.raises(InvariantError, match="longer than"):
        Record("src-1", "x" * 201)


def test_the_source_id_must_be_an_id() -> None:
    with pytest.raises(InvariantError, match="source id"):
        Record("", "1")
    with pytest.raises(InvariantError, match="source id"):
        Record("has space", "1")


def test_the_raw_row_is_copied_and_read_only() -> None:
    row = {"record_id": "7", "full_name": "علی"}
    record = Record("src-1", "7", raw=row)
    row["full_name"] = "changed"
    assert record.raw["full_name"] == "علی"
    with pytest.raises(TypeError):
        record.raw["full_name"] = "x"  # type: ignore[index]


def test_raw_cells_are_text_without_nul() -> None:
    with pytest.raises(InvariantError, match="NUL"):
        Record("src-1", "1", raw={"notes": "a\x00b"})
    with pytest.raises(InvariantError, match="unsupported type"):
        Record("src-1", "1", raw={"age": 23})  # type: ignore[dict-item]
    with pytest.raises(InvariantError, match="must be text"):
        Record("src-1", "1", raw={"age": None})  # type: ignore[dict-item]


@pytest.mark.parametrize("age", [-1, 131, True])
def test_age_must_be_a_plausible_whole_number(age: int) -> None:
    with pytest.raises(InvariantError):
        Record("src-1", "1", age=age)


def test_optional_text_is_none_not_empty() -> None:
    with pytest.raises(InvariantError, match="use None"):
        Record("src-1", "1", full_name="")


def test_vocabulary_fields_take_members_only() -> None:
    with pytest.raises(InvariantError, match="unknown sex"):
        Record("src-1", "1", sex="m")  # type: ignore[arg-type]
    with pytest.raises(InvariantError, match="unknown event"):
        Record("src-1", "1", event="killed")  # type: ignore[arg-type]
    with pytest.raises(InvariantError, match="revision"):
        Record("src-1", "1", revision=0)


def test_key_and_same_content() -> None:
    record = Record(
        "src-1",
        "1",
        raw={"a": "1", "b": "2"},
        sex=Sex.FEMALE,
        event=PersonStatus.DETAINED,
        event_date=PartialDate(2026, 1, None, DatePrecision.MONTH),
    )
    assert record.key == RecordKey("src-1", "1")
    assert record.same_content(dataclasses.replace(record, revision=3))
    assert not record.same_content(dataclasses.replace(record, age=30))
    reordered = dataclasses.replace(record, raw={"b": "2", "a": "1"})
    assert reordered == record  # mapping equality ignores order ...
    assert not record.same_content(reordered)  # ... but the verbatim row does not
