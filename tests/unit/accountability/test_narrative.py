"""Narratives: the sections of a sanctions submission, and what cuts the other way."""

from __future__ import annotations

import datetime as dt

import pytest

from gavah.accountability import (
    AccountabilityError,
    incident_narrative,
    official_narrative,
    render_html,
)
from tests.unit.accountability.scenario import ATTRIBUTIONS, INCIDENTS, structure

PREPARED = dt.date(2026, 3, 1)


def test_an_official_narrative_has_position_conduct_and_the_other_side() -> None:
    n = official_narrative(
        structure(),
        "off-a",
        incidents=INCIDENTS,
        attributions=ATTRIBUTIONS,
        evidence={},
        prepared=PREPARED,
        contrary=["A family member says the unit was not deployed that day."],
    )
    assert len(n.position) == 2
    assert "2024-03 to 2026-01" in n.position[0].text
    assert len(n.conduct) == 3  # before, during, Dey: not after the handover
    contrary = " ".join(f.text for f in n.contrary)
    assert "not deployed" in contrary
    assert "possibly, not certainly" in contrary
    assert "low confidence" in contrary  # the Dey attribution
    assert n.evidence_ids == ("ev-inc-before", "ev-inc-dey", "ev-inc-during")
    html = render_html(n)
    assert html.index("1. Identity") < html.index("3. Conduct") < html.index("cuts the other way")
    assert '<bdi dir="rtl" lang="fa">رضا کاظمی</bdi>' in html


def test_an_incident_narrative_names_the_chain_and_an_uncertain_command() -> None:
    incident = next(i for i in INCIDENTS if i.id == "inc-during")
    n = incident_narrative(
        structure(), incident, attributions=ATTRIBUTIONS, evidence={}, prepared=PREPARED
    )
    (chain,) = n.position
    assert "Basij base 12" in chain.text
    assert "IRGC" in chain.text
    assert any("is not certain" in f.text for f in n.contrary)


def test_html_is_escaped() -> None:
    n = official_narrative(
        structure(),
        "off-c",
        incidents=(),
        attributions=(),
        evidence={},
        prepared=PREPARED,
        contrary=["<script>alert(1)</script>"],
    )
    html = render_html(n)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "No incident is attributed" in html


def test_unknown_official_is_an_error() -> None:
    with pytest.raises(AccountabilityError, match="unknown official"):
        official_narrative(
            structure(), "x", incidents=(), attributions=(), evidence={}, prepared=PREPARED
        )
