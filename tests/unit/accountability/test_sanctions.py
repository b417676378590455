"""Matching officials against an existing sanctions list, across scripts."""

from __future__ import annotations

import json

import pytest

from gavah.accountability import AccountabilityError, match_listings, parse_ftm_lines
from tests.unit.accountability.scenario import OFFICIALS

LIST = [
    {"id": "a", "schema": "Person", "properties": {"name": ["Kazemi, Reza"]}},
    {"id": "b", "schema": "Person", "properties": {"alias": ["علی اکبر نوری"]}},
    {"id": "c", "schema": "Person", "properties": {"name": ["Nobody Known"]}},
    {"id": "s", "schema": "Sanction", "properties": {"entity": ["a"], "authority": ["OFAC"]}},
]


def test_matches_across_script_and_word_order_with_the_listing_authority() -> None:
    matches = {m.official.id: m for m in match_listings(OFFICIALS, LIST)}
    assert set(matches) == {"off-a", "off-c"}
    assert matches["off-a"].strength == "phonetic"
    assert [x.authority for x in matches["off-a"].listings] == ["OFAC"]
    # ZWNJ and spacing differ ("علی‌اکبر" / "علی اکبر"): still the same exact key.
    assert matches["off-c"].strength == "exact"
    assert matches["off-c"].listings == ()


def test_json_lines_and_arrays_parse_and_bad_input_is_reported() -> None:
    lines = "\n".join(json.dumps(e) for e in LIST)
    assert parse_ftm_lines(lines) == parse_ftm_lines(json.dumps(LIST))
    with pytest.raises(AccountabilityError, match="line 2"):
        parse_ftm_lines('{"id": "a", "schema": "Person"}\n{oops')
    with pytest.raises(AccountabilityError, match="not an FtM entity"):
        parse_ftm_lines('[{"id": "a"}]')
