"""The grading policy: the shipped default, and failing closed on a bad table."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from gavah.errors import ConfigError
from gavah.model import SourceKind
from gavah.model.source import Reliability
from gavah.verify import default_policy, default_policy_text, parse_policy, policy_from_toml


def _table() -> dict[str, Any]:
    grading: dict[str, Any] = tomllib.loads(default_policy_text())["grading"]
    return grading


def test_the_default_is_airwars_like_with_explicit_thresholds() -> None:
    policy = default_policy()
    assert policy.name == "airwars-default"
    assert policy.fair_min_streams == 2
    assert policy.weak_min_streams == 1
    assert policy.confirmed_acknowledged
    assert policy.acknowledging_kinds == {SourceKind.OFFICIAL}
    assert Reliability.UNRELIABLE not in policy.credible_reliability


def test_a_policy_round_trips_through_its_mapping_and_digest() -> None:
    policy = default_policy()
    again = parse_policy(policy.as_mapping())
    assert again == policy
    assert again.digest == policy.digest
    table = _table()
    table["fair"]["min_streams"] = 3
    assert parse_policy(table).digest != policy.digest


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.pop("weak"), r"\[grading\] lacks setting\(s\): weak"),
        (lambda t: t.update(bogus=1), "unknown setting"),
        (lambda t: t["fair"].update(min_streams=0), "grading.fair.min_streams must be"),
        (lambda t: t["fair"].update(min_streams=True), "grading.fair.min_streams must be"),
        (lambda t: t["weak"].update(min_streams=3), "fair.min_streams must be at least"),
        (lambda t: t.update(primary_kinds=["rumour"]), "unknown value"),
        (lambda t: t.update(credible_reliability=[]), "is empty"),
        (lambda t: t["confirmed"].update(acknowledged="yes"), "true or false"),
        (lambda t: t.update(name=" "), "grading.name"),
    ],
)
def test_a_bad_policy_fails_closed(change: Any, message: str) -> None:
    table = _table()
    change(table)
    with pytest.raises(ConfigError, match=message):
        parse_policy(table)


def test_an_empty_policy_is_an_error_not_a_grade_nothing_policy() -> None:
    with pytest.raises(ConfigError, match="empty"):
        parse_policy({})
    with pytest.raises(ConfigError, match="no \\[grading\\] table"):
        policy_from_toml("[other]\nx = 1\n", "file.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        policy_from_toml("[grading", "file.toml")
