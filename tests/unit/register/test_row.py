"""A list row becomes a record: kept verbatim, normalised in either script."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.model import PersonStatus, Sex
from gavah.register import record_from_row
from gavah.text import consonant_skeleton
from gavah.vocab import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_morgue_style_row_with_arabic_letters_and_family_first(gazetteer: Gazetteer) -> None:
    row = {
        "record_id": "M-0007",
        "full_name": "احمدي، سيد محمدرضا",
        "sex": "مرد",
        "age": "٢٣",
        "date": "١٤٠٤/١٠/١٨",
        "event": "جان‌باخته",
        "city": "سنندج",
    }
    record, problems = record_from_row("src1", row, gazetteer)
    assert problems == []
    assert dict(record.raw) == row, "the row is kept verbatim"
    assert record.given_name == "محمدرضا"
    assert record.family_name == "احمدی"
    assert record.full_name == "محمدرضا احمدی"
    assert record.sex is Sex.MALE
    assert record.age == 23
    assert record.event_date is not None
    assert record.event_date.to_date() == dt.date(2026, 1, 8)
    assert record.event is PersonStatus.KILLED
    assert record.province == "IR-12"  # Kurdistan, found through its capital
    assert record.city == "سنندج"


def test_latin_row_shares_the_skeleton_of_the_persian_one(gazetteer: Gazetteer) -> None:
    latin, _ = record_from_row(
        "src2",
        {
            "record_id": "7",
            "given_name": "Mohammadreza",
            "family_name": "Ahmadi",
            "sex": "male",
            "date": "2026-01-08",
            "event": "killed",
            "province": "Kordestan",
        },
        gazetteer,
    )
    persian, _ = record_from_row(
        "src1", {"record_id": "8", "full_name": "محمدرضا احمدی"}, gazetteer
    )
    assert latin.full_name == "mohammadreza ahmadi"
    assert latin.skeleton == persian.skeleton == consonant_skeleton("محمدرضا احمدی")
    assert latin.province == "IR-12"


def test_unreadable_cells_are_named_and_left_empty(gazetteer: Gazetteer) -> None:
    row = {
        "record_id": "x",
        "full_name": "Reza",
        "sex": "?",
        "age": "twenty",
        "date": "1404/07/31",
        "event": "vanished?",
    }
    record, problems = record_from_row("src", row, gazetteer)
    assert record.sex is None
    assert record.age is None
    assert record.event_date is None
    assert record.event is None
    assert len(problems) == 4
    assert any("1404/07/31" in p for p in problems)
    assert dict(record.raw) == row


def test_empty_optional_cells_give_empty_fields(gazetteer: Gazetteer) -> None:
    record, problems = record_from_row("src", {"record_id": "only-id"}, gazetteer)
    assert problems == []
    assert record.full_name is None
    assert record.skeleton is None
    assert record.province is None
