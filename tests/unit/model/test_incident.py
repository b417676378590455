"""Incidents, places, acts and victim counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.errors import InvariantError
from gavah.model import Act, ActType, Incident, LocationPrecision, Place, VictimCount


def test_a_victim_count_minimum_is_at_most_its_maximum() -> None:
    with pytest.raises(InvariantError, match="below its minimum"):
        VictimCount(10, 5)
    with pytest.raises(InvariantError, match="negative"):
        VictimCount(-1)
    assert VictimCount(40).high is None
    assert VictimCount(3, 3).is_exact
    assert not VictimCount(3, 4).is_exact


@given(st.integers(min_value=-5, max_value=50), st.integers(min_value=-5, max_value=50))
def test_victim_counts_exist_exactly_for_ordered_non_negative_pairs(low: int, high: int) -> None:
    valid = 0 <= low <= high
    try:
        VictimCount(low, high)
    except InvariantError:
        assert not valid
    else:
        assert valid


def test_an_act_names_a_victim_or_counts_them_not_both() -> None:
    with pytest.raises(InvariantError, match="not both"):
        Act("a-1", "i-1", ActType.KILLING, victim_person_id="p-1", victims=VictimCount(1, 1))
    Act("a-2", "i-1", ActType.KILLING, victim_person_id="p-1")
    Act("a-3", "i-1", ActType.INTERNET_SHUTDOWN)


def test_an_act_type_must_be_a_member() -> None:
    with pytest.raises(InvariantError, match="unknown act type"):
        Act("a-1", "i-1", "killing")  # type: ignore[arg-type]


def test_a_place_has_both_coordinates_in_range_with_a_precision() -> None:
    with pytest.raises(InvariantError, match="both lat and lon"):
        Place("x", lat=33.0)
    with pytest.raises(InvariantError, match="latitude"):
        Place("x", 95.0, 50.0, LocationPrecision.CITY)
    with pytest.raises(InvariantError, match="longitude"):
        Place("x", 30.0, 190.0, LocationPrecision.CITY)
    with pytest.raises(InvariantError, match="precision"):
        Place("x", 30.0, 50.0)
    assert Place("Abdanan", 32.99, 47.42, LocationPrecision.CITY).lat == 32.99


def test_an_incident_needs_an_id_and_a_place() -> None:
    with pytest.raises(InvariantError, match="incident id"):
        Incident("", Place("x"))
    with pytest.raises(InvariantError, match="Place"):
        Incident("i-1", "Abdanan")  # type: ignore[arg-type]
