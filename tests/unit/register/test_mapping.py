"""Mapping files: other column names and words onto the list-CSV."""

from __future__ import annotations

import pytest

from gavah.errors import ParseError
from gavah.register import parse_mapping

TEXT = """
[columns]
"Name" = "full_name"
"ID" = "record_id"
"Gender" = "sex"

[values.sex]
"M" = "male"
"W" = "female"

[values.event]
"shot" = "killed"
"""


def test_columns_and_values_map_case_insensitively() -> None:
    mapping = parse_mapping(TEXT)
    row = mapping.apply({"id": "7", "NAME": "Reza", "gender": "m", "event": "Shot"})
    assert row == {"record_id": "7", "full_name": "Reza", "sex": "male", "event": "killed"}


def test_unmapped_columns_pass_through() -> None:
    assert parse_mapping("").apply({"record_id": "1", "age": "3"}) == {
        "record_id": "1",
        "age": "3",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[columns\n", "not valid TOML"),
        ('[columns]\n"X" = "shoe_size"\n', "not one of"),
        ("[other]\n", "unknown section"),
        ('[values.age]\n"x" = "1"\n', "not supported"),
        ('[columns]\n"X" = 3\n', "must map to a string"),
    ],
)
def test_bad_mappings_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_mapping(text)
