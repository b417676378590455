"""Edges of grading, quantities and rows: derived places, spans, unknown sources, JSON shapes."""

from __future__ import annotations

import json

from gavah.model import (
    Act,
    ActType,
    Claim,
    ClaimKind,
    DateSpan,
    Incident,
    LocationPrecision,
    Place,
    SourceKind,
    VictimCount,
)
from gavah.text import parse_date
from gavah.verify import (
    ACLED_COLUMNS,
    Grade,
    StreamIndex,
    Witness,
    acled_rows,
    assess,
    default_policy,
    diff_grades,
    grade_claims,
    quantity_of,
)
from tests.unit.verify.world import World

POLICY = default_policy()


def _incident(start: str | None, end: str | None, precision: LocationPrecision) -> Incident:
    return Incident(
        "inc",
        Place("ایذه", 31.83, 49.87, precision, "IR-06"),
        DateSpan(
            None if start is None else parse_date(start), None if end is None else parse_date(end)
        ),
    )


def test_a_count_claim_takes_place_and_day_from_its_incident() -> None:
    claim = Claim("c", "r", ClaimKind.COUNT, "۶ نفر", count=VictimCount(6), incident_id="inc")
    day = _incident("2026-01-09", "2026-01-09", LocationPrecision.CITY)
    q = quantity_of(claim, day)
    assert q is not None
    assert (q.province, q.place, q.date) == ("IR-06", "ایذه", "2026-01-09")
    span = quantity_of(claim, _incident("2026-01-09", "2026-01-12", LocationPrecision.CITY))
    assert span is not None
    assert span.date == ""  # a span is not a day: no named victim is absorbed by it
    assert quantity_of(Claim("o", "r", ClaimKind.OTHER, "x"), day) is None
    bare = quantity_of(claim, None)
    assert bare is not None
    assert bare.label() == "killed in an unknown place"


def test_acled_time_and_geo_precision() -> None:
    cases = [
        (("2026-01-08", "2026-01-12"), LocationPrecision.COUNTY, ("2", "2")),
        (("2026-01", None), LocationPrecision.PROVINCE, ("3", "3")),
        ((None, None), LocationPrecision.CITY, ("3", "1")),
    ]
    for (start, end), precision, expected in cases:
        incident = _incident(start, end, precision)
        act = Act("a", "inc", ActType.EXECUTION, victim_person_id="p1")
        [row] = acled_rows([(incident, [act])], province_names={}, sources={}, grades={})
        record = dict(zip(ACLED_COLUMNS, row, strict=True))
        assert (record["time_precision"], record["geo_precision"]) == expected
        assert record["fatalities"] == "1"  # a named victim of an execution


def test_claims_of_one_support_group_that_contradict_each_other_are_contested() -> None:
    w = World()
    w.source("a", SourceKind.NGO)
    w.source("b", SourceKind.FAMILY)
    w.source("c", SourceKind.WITNESS)
    w.claim("x", "a")
    w.claim("y", "b", supports=("x",))
    w.claim("z", "c", supports=("x",))
    w.claims.append(
        Claim("w", "r-z", ClaimKind.COUNT, "t", count=VictimCount(1), supports=("y",),
              contradicts=("z",))
    )  # fmt: skip
    results = grade_claims(w.sources, w.reports, w.claims, POLICY)
    assert results["x"].grade is Grade.CONTESTED
    assert "contradict each other" in results["x"].explanation.contradictions[0].reason


def test_an_unknown_source_is_its_own_stream_and_does_not_count() -> None:
    index = StreamIndex([])
    a = assess([Witness("report r", "ghost")], index, POLICY)
    assert a.grade is Grade.DISCOUNTED
    assert a.streams[0].reason == "source ghost is not in the workspace"
    assert index.name("ghost") == "ghost"


def test_explanations_and_changes_are_json() -> None:
    w = World()
    w.source("a", SourceKind.NGO)
    w.claim("x", "a")
    result = grade_claims(w.sources, w.reports, w.claims, POLICY)["x"]
    data = json.loads(json.dumps(result.explanation.as_json(), ensure_ascii=False))
    assert data["grade"] == "weak"
    assert data["streams"][0]["members"] == ["report r-x (claim x)"]
    [change] = diff_grades({"x": Grade.WEAK}, {})
    assert change.as_json() == {"claim": "x", "old": "weak", "new": None}
    assert change.line() == "x: weak -> (gone)"
