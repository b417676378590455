"""ACLED rows for incidents, and the claims board's grouping of competing claims."""

from __future__ import annotations

from gavah.model import (
    Act,
    ActType,
    ClaimKind,
    DateSpan,
    Incident,
    LocationPrecision,
    Place,
    SourceKind,
    VictimCount,
)
from gavah.model.source import Reliability
from gavah.text import parse_date
from gavah.verify import (
    ACLED_COLUMNS,
    Grade,
    acled_rows,
    claims_board,
    default_policy,
    grade_claims,
)
from tests.unit.verify.world import two_media_one_ngo_and_a_family

DAY = parse_date("2026-01-09")
INCIDENT = Incident(
    "inc-1",
    Place("آبدانان", 32.99, 47.42, LocationPrecision.CITY, "IR-16"),
    DateSpan(DAY, DAY),
    "Synthetic.",
)


def test_one_acled_row_per_act_with_acled_terms() -> None:
    acts = [
        Act("a1", "inc-1", ActType.KILLING, victims=VictimCount(40, 45), perpetrator="IRGC"),
        Act("a2", "inc-1", ActType.ARREST, victims=VictimCount(100)),
    ]
    rows = acled_rows(
        [(INCIDENT, acts)],
        province_names={"IR-16": "Ilam"},
        sources={"inc-1": ["NGO", "Family"]},
        grades={"a1": Grade.FAIR, "inc-1": Grade.WEAK},
    )
    records = [dict(zip(ACLED_COLUMNS, row, strict=True)) for row in rows]
    killing, arrest = records
    assert killing["event_type"] == "Violence against civilians"
    assert killing["fatalities"] == "40"  # ACLED codes the lowest figure
    assert killing["time_precision"] == "1"
    assert killing["geo_precision"] == "1"
    assert killing["admin1"] == "Ilam"
    assert killing["gavah_grade"] == "fair"
    assert arrest["sub_event_type"] == "Arrests"
    assert arrest["fatalities"] == "0"
    assert arrest["gavah_grade"] == "weak"  # the incident's grade when the act has none
    assert arrest["event_id_cnty"] == "IRN-inc-1-2"


def test_an_incident_without_acts_is_one_row() -> None:
    [row] = acled_rows([(INCIDENT, [])], province_names={}, sources={}, grades={})
    assert dict(zip(ACLED_COLUMNS, row, strict=True))["admin1"] == "IR-16"


def test_the_board_puts_competing_claims_about_one_quantity_side_by_side() -> None:
    w = two_media_one_ngo_and_a_family()
    w.source("hospital", SourceKind.MEDICAL)
    w.claim("c-hospital", "hospital", low=70, high=80, contradicts=("c-ngo",))
    w.source("ministry", SourceKind.OFFICIAL, Reliability.DOUBTFUL)
    w.claim("c-national", "ministry", kind=ClaimKind.NATIONAL_COUNT, low=2000, high=9999)
    grades = {
        c: g.grade
        for c, g in grade_claims(w.sources, w.reports, w.claims, default_policy()).items()
    }
    rows = claims_board(
        w.claims,
        grades=grades,
        reports={r.id: r for r in w.reports},
        sources={s.id: s for s in w.sources},
        incidents={},
    )
    national, local = rows
    assert national.quantity.label() == "killed, nationwide"
    assert local.quantity.label() == "killed in IR-16 / آبدانان on 2026-01-09"
    assert local.competing
    assert {e.claim_id for e in local.entries} == {
        "c-family",
        "c-hospital",
        "c-media-a",
        "c-media-b",
        "c-ngo",
    }
    assert {e.grade for e in local.entries} == {Grade.CONTESTED}
    assert not national.competing
