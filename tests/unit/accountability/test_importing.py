"""Reading imports: the documented CSV and JSON formats, with every problem reported."""

from __future__ import annotations

import json

import pytest

from gavah.accountability import Confidence, Coverage, find_problems, parse_import
from gavah.errors import GavahError
from gavah.model import Calendar, DatePrecision, UnitKind

CSV = (
    "type,id,name_fa,name_en,kind,unit,parent,official,title,rank,commands,from,to,"
    "citations,confidence,first_cited,last_cited,incident,claims,evidence"
    """
unit,irgc,سپاه پاسداران,IRGC,irgc,,,,,,,,,src-1;src-2,high,2026-01-10,2026-02-01,,,
unit,basij-12,پایگاه بسیج ۱۲,,basij,,,,,,,,,,,,,,,
parent,rel-1,,,,basij-12,irgc,,,,,۱۴۰۰/۰۱,,src-1,medium,,,,,
official,off-b,حسن مرادی,Hassan Moradi,,,,,,,,,,src-1,low,,,,,
posting,p-b,,,,basij-12,,off-b,فرمانده,سردار,yes,1404/10,,src-1,high,,,,,
attribution,att-1,,,,basij-12,,,,,,,,,high,,,inc-1,claim-1;claim-2,ev-1
"""
)


def test_a_csv_import_reads_every_record_type_with_row_sourcing() -> None:
    batch = parse_import(CSV, fmt="csv")
    assert batch.problems == ()
    s = batch.structure
    assert [u.id for u in s.units] == ["irgc", "basij-12"]
    assert s.units[1].kind is UnitKind.BASIJ
    assert s.unit_sources["irgc"]["name_fa"].citations == ("src-1", "src-2")
    assert s.unit_sources["irgc"]["kind"].confidence is Confidence.HIGH
    (posting,) = s.postings
    assert posting.commands is True
    assert posting.period.start is not None
    assert posting.period.start.calendar is Calendar.SOLAR_HIJRI
    assert posting.period.start.precision is DatePrecision.MONTH
    assert posting.sources["title"].confidence is Confidence.HIGH
    assert s.parents[0].period.start is not None
    assert s.parents[0].period.start.year == 1400
    (attribution,) = batch.attributions
    assert attribution.claim_ids == ("claim-1", "claim-2")
    assert attribution.evidence_ids == ("ev-1",)
    assert find_problems(s) == []


def test_json_keeps_field_level_sources() -> None:
    document = {
        "units": [{"id": "u", "name_fa": "یگان ویژه", "kind": "police"}],
        "officials": [{"id": "o", "name_en": "Someone"}],
        "postings": [
            {
                "id": "p",
                "official": "o",
                "unit": "u",
                "title": "commander",
                "commands": True,
                "from": "2025-06",
                "to": "2026-01-15",
                "sources": {
                    "title": {"citations": ["s1"], "confidence": "high"},
                    "to": {"citations": ["s2"], "confidence": "low", "last_cited": "2026-02-01"},
                },
            }
        ],
    }
    batch = parse_import(json.dumps(document), fmt="json")
    assert batch.problems == ()
    (posting,) = batch.structure.postings
    assert set(posting.sources) == {"title", "to"}
    assert posting.sources["to"].confidence is Confidence.LOW
    assert posting.period.covers(*(2 * [posting.period.earliest_end()])) is Coverage.CERTAIN


def test_bad_records_become_problems_and_the_rest_is_read() -> None:
    text = CSV.replace("irgc,,,,,,,,,src-1", "spaceship,,,,,,,,,src-1").replace(
        ",yes,", ",perhaps,"
    )
    batch = parse_import(text + "ghost,x,,,,,,,,,,,,,,,,,,\n", fmt="csv")
    assert [(p.where, p.code) for p in batch.problems] == [
        ("line 2", "bad-value"),
        ("line 6", "bad-value"),
        ("line 8", "bad-value"),
    ]
    assert "unit kind must be one of" in batch.problems[0].message
    assert "commands must be true or false" in batch.problems[1].message
    assert "unknown record type 'ghost'" in batch.problems[2].message


def test_bad_dates_are_problems_with_the_input_quoted() -> None:
    document = {
        "postings": [{"id": "p", "official": "o", "unit": "u", "title": "t", "from": "1404/13"}]
    }
    (problem,) = parse_import(json.dumps(document), fmt="json").problems
    assert problem.where == "postings[0]"
    assert "1404/13" in problem.message


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("{", "json", "not JSON"),
        ("[]", "json", "an object of record lists"),
        ('{"people": []}', "json", "unknown record list 'people'"),
        ("id,name\n", "csv", "needs a 'type' column"),
        ("type,colour\n", "csv", "unknown CSV column 'colour'"),
        ("", "xml", "unknown import format"),
    ],
)
def test_malformed_files_are_refused_whole(text: str, fmt: str, message: str) -> None:
    with pytest.raises(GavahError, match=message):
        parse_import(text, fmt=fmt)
