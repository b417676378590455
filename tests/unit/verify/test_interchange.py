"""The JSON-lines interchange: the published schema, line checks, and writing lines back."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.errors import ParseError
from gavah.model import ClaimStance
from gavah.verify import (
    ClaimLine,
    IncidentLine,
    Known,
    interchange_schema,
    parse_line,
    plan_lines,
    to_lines,
)

TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).parents[3]


def _known() -> Known:
    return Known(sources={"ngo"}, reports={"r1"}, incidents={"inc-1"}, claims={"c0"})


def test_the_schema_in_docs_is_the_one_the_package_ships() -> None:
    shipped = interchange_schema()
    assert json.loads((ROOT / "docs/interchange.schema.json").read_text("utf-8")) == shipped
    assert shipped["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_claim_naming_a_source_gets_its_own_report_and_persian_dates() -> None:
    line = json.dumps(
        {
            "type": "claim",
            "id": "c1",
            "source": "ngo",
            "date": "۱۴۰۴/۱۰/۲۱",
            "kind": "count",
            "text": "دست‌کم ۴۰ نفر در آبدانان کشته شدند",
            "count": {"min": 40, "max": 45},
            "subject": {"status": "killed", "city": "آبدانان", "date": "1404/10/19"},
            "supports": ["c0"],
        },
        ensure_ascii=False,
    )
    record = parse_line(line, _known(), TODAY)
    assert isinstance(record, ClaimLine)
    assert record.report is not None
    assert record.report.source_id == "ngo"
    assert record.report.reported_on is not None
    assert record.report.reported_on.isoformat() == "2026-01-11"
    assert record.claim.subject["date"] == "2026-01-09"  # Solar Hijri day, stored ISO
    assert record.claim.text.startswith("دست‌کم")  # ZWNJ kept


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"type": "claim", "id": "c", "kind": "count", "text": "x", "source": "ngo"}, "count"),
        ({"type": "claim", "id": "c", "kind": "other", "text": "x", "report": "r9"},
         "unknown report"),
        ({"type": "claim", "id": "c", "kind": "other", "text": "x", "report": "r1",
          "source": "ngo"}, "either its report, or its source"),
        ({"type": "claim", "id": "c", "kind": "other", "text": "x", "report": "r1",
          "supports": ["later"]}, "put it first"),
        ({"type": "claim", "id": "c", "kind": "other", "text": "x", "report": "r1",
          "incident": "inc-9"}, "unknown incident"),
        ({"type": "source", "id": "s", "name": "S", "kind": "rumour"}, "kind"),
        ({"type": "source", "id": "s", "name": "S", "kind": "ngo", "origin": "nobody"},
         "unknown source"),
        ({"type": "source", "id": "bad id!", "name": "S", "kind": "ngo"}, "id"),
        ({"type": "report", "id": "r", "source": "ngo", "title": "t", "date": "1404/13/01"},
         "cannot read date|month"),
        ({"type": "incident", "id": "i", "place": {"name": "x"}, "start": "2026-01-10",
          "end": "2026-01-09"}, "before it starts"),
        ({"type": "incident", "id": "i", "place": {"name": "x"}, "acts": [{"id": "a",
          "type": "killing", "victims": {"min": 5, "max": 2}}]}, "below its minimum"),
        ({"type": "incident", "id": "i", "place": {"name": "x"}, "acts": [{"id": "a",
          "type": "killing", "victims": {"min": -1}}]}, "cannot be negative"),
        ([1, 2], "JSON object"),
    ],
)  # fmt: skip
def test_bad_lines_are_refused_with_a_reason(doc: object, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_line(json.dumps(doc), _known(), TODAY)


def test_plan_numbers_lines_and_lets_later_lines_cite_earlier_good_ones() -> None:
    lines = [
        json.dumps({"type": "source", "id": "fam", "name": "Family", "kind": "family"}),
        "",
        json.dumps({"type": "claim", "id": "c1", "source": "fam", "kind": "other", "text": "x"}),
        json.dumps({"type": "claim", "id": "c2", "source": "gone", "kind": "other", "text": "x"}),
        json.dumps(
            {"type": "claim", "id": "c3", "report": "c1.report", "kind": "other", "text": "y",
             "supports": ["c1"]}
        ),
    ]  # fmt: skip
    plan = plan_lines(lines, _known(), TODAY)
    assert [n for n, _ in plan.records] == [1, 3, 5]
    assert [str(p) for p in plan.problems] == ["line 4: claim c2 cites unknown source gone"]


@given(st.text(max_size=200))
def test_any_text_is_a_line_or_a_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_line(text, _known(), TODAY)


def test_written_lines_read_back_as_the_same_values() -> None:
    lines = [
        {"type": "source", "id": "fam", "name": "خانواده", "kind": "family",
         "reliability": "usually_reliable"},
        {"type": "report", "id": "r2", "source": "fam", "title": "گزارش", "date": "1404/10",
         "relays": "ngo", "evidence_verified": True},
        {"type": "incident", "id": "i2", "place": {"name": "ایذه", "lat": 31.8, "lon": 49.9,
         "precision": "city", "province": "IR-06"}, "start": "2026-01-09",
         "acts": [{"id": "a1", "type": "killing", "victims": {"min": 3, "max": None}}]},
        {"type": "claim", "id": "c9", "report": "r2", "kind": "act_occurred",
         "text": "شلیک به معترضان", "incident": "i2", "act": "a1", "contradicts": ["c0"]},
    ]  # fmt: skip
    plan = plan_lines([json.dumps(x, ensure_ascii=False) for x in lines], _known(), TODAY)
    assert plan.problems == ()
    values = [r for _, r in plan.records]
    incident = next(v for v in values if isinstance(v, IncidentLine))
    claim = next(v for v in values if isinstance(v, ClaimLine))
    written = list(
        to_lines(
            [values[0]],  # type: ignore[list-item]
            [values[1]],  # type: ignore[list-item]
            [(incident.incident, incident.acts)],
            [claim.claim],
        )
    )
    again = plan_lines(written, _known(), TODAY)
    assert again.problems == ()
    assert [r for _, r in again.records] == values


def test_a_denial_reads_and_writes_back_and_an_affirmation_omits_the_default() -> None:
    denial = {
        "type": "claim",
        "id": "c-deny",
        "report": "r1",
        "kind": "act_occurred",
        "stance": "denies",
        "text": "هیچ نیرویی از پایگاه ۱۲ در میدان آزادی نبود",
    }
    admission = {**denial, "id": "c-admit", "stance": "affirms"}
    plain = {k: v for k, v in denial.items() if k != "stance"} | {"id": "c-plain"}
    plan = plan_lines(
        [json.dumps(x, ensure_ascii=False) for x in (denial, admission, plain)], _known(), TODAY
    )
    assert plan.problems == ()
    claims = [r.claim for _, r in plan.records if isinstance(r, ClaimLine)]
    assert [c.stance for c in claims] == [
        ClaimStance.DENIES,
        ClaimStance.AFFIRMS,
        ClaimStance.AFFIRMS,
    ]
    written = list(to_lines([], [], [], claims))
    assert [json.loads(x).get("stance") for x in written] == [None, "denies", None]
    again = plan_lines(written, _known(), TODAY)
    read = [r.claim for _, r in again.records if isinstance(r, ClaimLine)]
    assert sorted(read, key=lambda c: c.id) == sorted(claims, key=lambda c: c.id)


def test_a_malformed_stance_is_refused_with_its_line_number() -> None:
    good = {"type": "claim", "id": "c1", "report": "r1", "kind": "other", "text": "انکار"}
    lines = [json.dumps(good | {"stance": "denies"}, ensure_ascii=False)] + [
        json.dumps(good | {"id": f"c{n}", "stance": bad}, ensure_ascii=False)
        for n, bad in ((2, "رد"), (3, True), (4, None), (5, "DENIES"))
    ]
    plan = plan_lines(lines, _known(), TODAY)
    assert [n for n, _ in plan.records] == [1]
    problems = [str(p) for p in plan.problems]
    assert [p.split(":")[0] for p in problems] == ["line 2", "line 3", "line 4", "line 5"]
    assert all("stance" in p for p in problems)
