"""The command-chain query: before, during and after a change of command known to the month."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.accountability import (
    AccountabilityError,
    Attribution,
    Confidence,
    Coverage,
    command_chain,
    incidents_under_command,
    unit_chains,
)
from gavah.model import DateSpan, Incident, Place
from tests.unit.accountability.scenario import ATTRIBUTIONS, INCIDENTS, incident, structure

BY_ID = {i.id: i for i in INCIDENTS}


def _corps_commanders(incident_id: str) -> dict[str, Coverage]:
    answer = command_chain(structure(), BY_ID[incident_id], ATTRIBUTIONS)
    (chain,) = answer.chains
    assert [level.unit.id for level in chain.levels] == ["basij-12", "corps-tehran", "irgc"]
    corps = chain.levels[1]
    return {h.official.id: h.coverage for h in corps.commanders}


def test_before_the_change_the_old_commander_certainly_held_the_corps() -> None:
    assert _corps_commanders("inc-before") == {"off-a": Coverage.CERTAIN}


def test_in_the_month_of_the_change_both_are_possible_and_neither_is_certain() -> None:
    assert _corps_commanders("inc-during") == {
        "off-a": Coverage.POSSIBLE,
        "off-b": Coverage.POSSIBLE,
    }


def test_after_the_change_the_new_commander_certainly_held_the_corps() -> None:
    assert _corps_commanders("inc-after") == {"off-b": Coverage.CERTAIN}


def test_an_incident_known_only_to_a_solar_hijri_month_spans_the_change() -> None:
    assert _corps_commanders("inc-dey") == {
        "off-a": Coverage.POSSIBLE,
        "off-b": Coverage.POSSIBLE,
    }


def test_the_chain_names_every_level_up_to_the_top() -> None:
    answer = command_chain(structure(), BY_ID["inc-after"], ATTRIBUTIONS)
    (chain,) = answer.chains
    basij, _corps, top = chain.levels
    assert [h.official.id for h in basij.commanders] == ["off-c"]
    # Farvardin 1403 starts 2024-03-20: certainly in post by 2026.
    assert [(h.official.id, h.coverage) for h in top.commanders] == [("off-top", Coverage.CERTAIN)]
    assert top.via is not None
    assert top.via.id == "rel-1"
    # The deputy post does not command.
    assert all(h.posting.commands for level in chain.levels for h in level.commanders)


def test_a_unit_not_yet_under_its_parent_stops_the_chain() -> None:
    paths = unit_chains(structure(), "basij-12", *_days("2014-06-01"))
    assert [[lv.unit.id for lv in path] for path in paths] == [["basij-12"]]


def _days(text: str) -> tuple[dt.date, dt.date]:
    day = dt.date.fromisoformat(text)
    return day, day


def test_an_undated_incident_cannot_be_placed_in_a_chain() -> None:
    undated = Incident("inc-x", Place("Abdanan"), DateSpan())
    with pytest.raises(AccountabilityError, match="no date"):
        command_chain(structure(), undated, ATTRIBUTIONS)


def test_reverse_query_lists_incidents_only_while_the_post_was_held() -> None:
    links = incidents_under_command(structure(), "off-b", INCIDENTS, ATTRIBUTIONS)
    found = {link.incident.id: link.coverage for link in links}
    assert found == {
        "inc-during": Coverage.POSSIBLE,
        "inc-dey": Coverage.POSSIBLE,
        "inc-after": Coverage.CERTAIN,
    }
    after = next(link for link in links if link.incident.id == "inc-after")
    assert after.path == ("basij-12", "corps-tehran")
    assert after.posting is not None
    assert after.posting.id == "p-b"
    assert after.evidence_ids == ("ev-inc-after",)


def test_reverse_query_carries_claims_with_their_grades() -> None:
    grades = {"claim-inc-before": "confirmed"}
    links = incidents_under_command(structure(), "off-a", INCIDENTS, ATTRIBUTIONS, grades)
    by_incident = {link.incident.id: link for link in links}
    assert set(by_incident) == {"inc-before", "inc-during", "inc-dey"}
    assert by_incident["inc-before"].claims == (("claim-inc-before", "confirmed"),)
    assert by_incident["inc-during"].claims == (("claim-inc-during", None),)
    assert by_incident["inc-before"].coverage is Coverage.CERTAIN


def test_the_top_commander_is_linked_through_the_whole_chain() -> None:
    links = incidents_under_command(structure(), "off-top", INCIDENTS, ATTRIBUTIONS)
    assert {link.path for link in links} == {("basij-12", "corps-tehran", "irgc")}
    assert len(links) == 4


def test_an_incident_before_the_post_began_is_not_linked() -> None:
    early = incident("inc-2023", "2023-04-01")
    links = incidents_under_command(
        structure(),
        "off-c",
        [early],
        [Attribution("att-e", "inc-2023", Confidence.HIGH, ("c",), unit_id="basij-12")],
    )
    assert links == []


def test_reverse_query_of_an_unknown_official_is_an_error() -> None:
    with pytest.raises(AccountabilityError, match="unknown official"):
        incidents_under_command(structure(), "nobody", INCIDENTS, ATTRIBUTIONS)
