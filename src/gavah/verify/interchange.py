"""The JSON-lines interchange of sources, reports, incidents and claims between organisations.

Owns reading one line into domain values (:func:`parse_line`: JSON, then the published JSON
Schema ``data/interchange.schema.json``, then the model's rules and the references to what is
already known), planning a whole file line by line (:func:`plan_lines`: a bad line is reported
with its number and the rest go on), and writing values back as lines (:func:`to_lines`).
``docs/claims.md`` documents the format. Pure: the caller passes ``today`` and what is known.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from gavah.errors import GavahError, ParseError
from gavah.model.claim import Claim
from gavah.model.dates import DateSpan
from gavah.model.incident import Act, Incident, Place, VictimCount
from gavah.model.source import Reliability, Report, Source
from gavah.model.vocabulary import ActType, ClaimKind, ClaimStance, LocationPrecision, SourceKind
from gavah.text.dates import DatePrecision, PartialDate, parse_date
from gavah.text.months import Calendar

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = [
    "RECORD_TYPES",
    "ClaimLine",
    "IncidentLine",
    "Known",
    "LinePlan",
    "Problem",
    "Record",
    "date_text",
    "interchange_schema",
    "parse_line",
    "plan_lines",
    "to_lines",
]

#: The record types, in the order an export writes them (each may cite the ones before).
RECORD_TYPES: tuple[str, ...] = ("source", "report", "incident", "claim")


@dataclass(frozen=True, slots=True)
class IncidentLine:
    """An incident line: the incident and its acts."""

    incident: Incident
    acts: tuple[Act, ...]


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """A claim line: the claim, and the report made for it when the line names a source."""

    claim: Claim
    report: Report | None


Record = Source | Report | IncidentLine | ClaimLine
"""What one line holds."""


@cache
def interchange_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of one interchange line."""
    text = resources.files("gavah.verify").joinpath("data/interchange.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(record_type: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - slow import, only on use

    schema = interchange_schema()
    return Draft202012Validator({"$ref": f"#/$defs/{record_type}", "$defs": schema["$defs"]})


@dataclass(slots=True)
class Known:
    """Ids that lines may refer to: in the workspace already, or on an earlier good line."""

    sources: set[str] = field(default_factory=set)
    reports: set[str] = field(default_factory=set)
    incidents: set[str] = field(default_factory=set)
    acts: set[str] = field(default_factory=set)
    claims: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Problem:
    """A line that was refused, and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class LinePlan:
    """The good lines (number, record) and the refused ones of a file."""

    records: tuple[tuple[int, Record], ...]
    problems: tuple[Problem, ...]


def date_text(date: PartialDate) -> str:
    """A date as the interchange writes it: ISO for Gregorian, ``1404/10`` for a Hijri month."""
    if date.calendar is Calendar.SOLAR_HIJRI:
        if date.precision is DatePrecision.YEAR:
            return f"{date.year}"
        return f"{date.year}/{date.month:02d}"
    return date.isoformat()


def _date(value: object, what: str, today: dt.date) -> PartialDate | None:
    if value is None:
        return None
    day = parse_date(str(value))
    if day.to_date() > today:
        raise ParseError(f"{what} {value} is in the future (today is {today.isoformat()})")
    return day


def _schema_message(err: ValidationError) -> str:
    where = ".".join(str(p) for p in err.absolute_path)
    if err.validator == "minimum" and where.split(".")[-1] in {"min", "max"}:
        return f"{where}: a count cannot be negative ({err.instance})"
    if err.validator == "oneOf" and not where:
        return "a claim names either its report, or its source (with date, relays, url)"
    if err.validator in {"oneOf", "anyOf", "not"}:
        return f"{where or 'the line'}: does not match the published schema ({err.validator})"
    return f"{where}: {err.message}" if where else err.message


def _count(value: Mapping[str, Any] | None) -> VictimCount | None:
    if value is None:
        return None
    return VictimCount(int(value["min"]), None if value.get("max") is None else int(value["max"]))


def _need(ids: set[str], value: str | None, message: str) -> None:
    if value is not None and value not in ids:
        raise ParseError(message)


def _source(doc: Mapping[str, Any], known: Known) -> Source:
    origin = doc.get("origin")
    _need(known.sources, origin, f"source {doc['id']} derives from unknown source {origin}")
    return Source(
        id=doc["id"],
        name=doc["name"],
        kind=SourceKind(doc["kind"]),
        origin_id=origin,
        reliability=Reliability(doc.get("reliability") or Reliability.UNKNOWN.value),
        reliability_note=doc.get("reliability_note"),
        description=doc.get("description"),
    )


def _report(doc: Mapping[str, Any], known: Known, today: dt.date) -> Report:
    _need(known.sources, doc["source"], f"report {doc['id']} cites unknown source {doc['source']}")
    relays = doc.get("relays")
    _need(known.sources, relays, f"report {doc['id']} relays unknown source {relays}")
    return Report(
        id=doc["id"],
        source_id=doc["source"],
        title=doc["title"],
        reported_on=_date(doc.get("date"), "report date", today),
        url=doc.get("url"),
        text=doc.get("text"),
        evidence_ids=tuple(doc.get("evidence", ())),
        relays_source_id=relays,
        evidence_verified=bool(doc.get("evidence_verified", False)),
    )


def _incident(doc: Mapping[str, Any], known: Known, today: dt.date) -> IncidentLine:
    place = doc["place"]
    incident = Incident(
        id=doc["id"],
        place=Place(
            name=place["name"],
            lat=place.get("lat"),
            lon=place.get("lon"),
            precision=None
            if place.get("precision") is None
            else LocationPrecision(place["precision"]),
            province=place.get("province"),
        ),
        span=DateSpan(
            start=_date(doc.get("start"), "incident start", today),
            end=_date(doc.get("end"), "incident end", today),
        ),
        description=doc.get("description"),
    )
    acts = []
    for a in doc.get("acts", ()):
        person = a.get("victim_person")
        _need(known.persons, person, f"act {a['id']} names unknown person {person}")
        acts.append(
            Act(
                id=a["id"],
                incident_id=incident.id,
                act_type=ActType(a["type"]),
                victim_person_id=person,
                victims=_count(a.get("victims")),
                perpetrator=a.get("perpetrator"),
                description=a.get("description"),
            )
        )
    return IncidentLine(incident, tuple(acts))


def _claim(doc: Mapping[str, Any], known: Known, today: dt.date) -> ClaimLine:
    cid = doc["id"]
    report: Report | None = None
    if "report" in doc:
        _need(known.reports, doc["report"], f"claim {cid} cites unknown report {doc['report']}")
        report_id = doc["report"]
    else:
        source = doc["source"]
        _need(known.sources, source, f"claim {cid} cites unknown source {source}")
        report_id = f"{cid}.report"[:64]
        report = Report(
            id=report_id,
            source_id=source,
            title=doc["text"][:200] or cid,
            reported_on=_date(doc.get("date"), "claim date", today),
            url=doc.get("url"),
            relays_source_id=doc.get("relays"),
        )
        _need(known.sources, doc.get("relays"), f"claim {cid} relays unknown source")
    subject = dict(doc.get("subject", {}))
    subject_date = _date(subject.get("date"), "claim subject date", today)
    if subject_date is not None:
        subject["date"] = subject_date.isoformat()
    for key, ids, what in (
        ("person", known.persons, "person"),
        ("incident", known.incidents, "incident"),
        ("act", known.acts, "act"),
    ):
        _need(ids, doc.get(key), f"claim {cid} is about unknown {what} {doc.get(key)}")
    for target in (*doc.get("supports", ()), *doc.get("contradicts", ())):
        _need(known.claims, target, f"claim {cid} links to unknown claim {target} (put it first)")
    claim = Claim(
        id=cid,
        report_id=report_id,
        kind=ClaimKind(doc["kind"]),
        text=doc["text"],
        subject=subject,
        person_id=doc.get("person"),
        incident_id=doc.get("incident"),
        act_id=doc.get("act"),
        count=_count(doc.get("count")),
        supports=tuple(doc.get("supports", ())),
        contradicts=tuple(doc.get("contradicts", ())),
        stance=ClaimStance(doc.get("stance", ClaimStance.AFFIRMS.value)),
    )
    return ClaimLine(claim, report)


def parse_line(text: str, known: Known, today: dt.date) -> Record:
    """Read one interchange line into domain values, checking it against ``known`` ids.

    Raises:
        ParseError: the line is not JSON, not an object of a known type, breaks the schema or
            the model's rules, cites something unknown, or dates something after ``today``.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseError(f"not JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(doc, dict):
        raise ParseError("a line must be a JSON object")
    record_type = doc.get("type")
    if record_type not in RECORD_TYPES:
        raise ParseError(f"unknown type {record_type!r}; expected one of {', '.join(RECORD_TYPES)}")
    errors = sorted(_validator(record_type).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        raise ParseError(_schema_message(errors[0]))
    try:
        if record_type == "source":
            return _source(doc, known)
        if record_type == "report":
            return _report(doc, known, today)
        if record_type == "incident":
            return _incident(doc, known, today)
        return _claim(doc, known, today)
    except GavahError as err:
        raise ParseError(str(err)) from None


def _remember(record: Record, known: Known) -> None:
    if isinstance(record, Source):
        known.sources.add(record.id)
    elif isinstance(record, Report):
        known.reports.add(record.id)
    elif isinstance(record, IncidentLine):
        known.incidents.add(record.incident.id)
        known.acts.update(a.id for a in record.acts)
    else:
        known.claims.add(record.claim.id)
        if record.report is not None:
            known.reports.add(record.report.id)


def plan_lines(lines: Iterable[str], known: Known, today: dt.date) -> LinePlan:
    """Read every line (numbered from 1; blank lines skipped); good lines extend ``known``."""
    records: list[tuple[int, Record]] = []
    problems: list[Problem] = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            record = parse_line(text, known, today)
        except ParseError as err:
            problems.append(Problem(number, str(err)))
            continue
        _remember(record, known)
        records.append((number, record))
    return LinePlan(tuple(records), tuple(problems))


def _drop_none(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if v is not None and v not in ([], {})}


def _count_json(count: VictimCount | None) -> dict[str, Any] | None:
    return None if count is None else {"min": count.low, "max": count.high}


def _line(doc: dict[str, Any]) -> str:
    return json.dumps(_drop_none(doc), ensure_ascii=False, sort_keys=True)


def to_lines(
    sources: Iterable[Source],
    reports: Iterable[Report],
    incidents: Iterable[tuple[Incident, Iterable[Act]]],
    claims: Iterable[Claim],
) -> Iterator[str]:
    """Interchange lines (without newline) for everything given, each type in id order."""
    sources = sorted(sources, key=lambda s: s.id)
    emitted: set[str] = set()
    pending = list(sources)
    while pending:  # origins before the sources that derive from them
        ready = [s for s in pending if s.origin_id is None or s.origin_id in emitted]
        ready = ready or pending[:1]
        for s in ready:
            emitted.add(s.id)
            pending.remove(s)
            yield _line(
                {
                    "type": "source",
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind.value,
                    "origin": s.origin_id,
                    "reliability": s.reliability.value,
                    "reliability_note": s.reliability_note,
                    "description": s.description,
                }
            )
    for r in sorted(reports, key=lambda r: r.id):
        yield _line(
            {
                "type": "report",
                "id": r.id,
                "source": r.source_id,
                "title": r.title,
                "date": None if r.reported_on is None else date_text(r.reported_on),
                "relays": r.relays_source_id,
                "url": r.url,
                "text": r.text,
                "evidence": list(r.evidence_ids),
                "evidence_verified": r.evidence_verified or None,
            }
        )
    for incident, acts in sorted(incidents, key=lambda pair: pair[0].id):
        p = incident.place
        yield _line(
            {
                "type": "incident",
                "id": incident.id,
                "place": _drop_none(
                    {
                        "name": p.name,
                        "lat": p.lat,
                        "lon": p.lon,
                        "precision": None if p.precision is None else p.precision.value,
                        "province": p.province,
                    }
                ),
                "start": None if incident.span.start is None else date_text(incident.span.start),
                "end": None if incident.span.end is None else date_text(incident.span.end),
                "description": incident.description,
                "acts": [
                    _drop_none(
                        {
                            "id": a.id,
                            "type": a.act_type.value,
                            "victim_person": a.victim_person_id,
                            "victims": _count_json(a.victims),
                            "perpetrator": a.perpetrator,
                            "description": a.description,
                        }
                    )
                    for a in sorted(acts, key=lambda a: a.id)
                ],
            }
        )
    yield from _claim_lines(claims)


def _claim_lines(claims: Iterable[Claim]) -> Iterator[str]:
    pending = sorted(claims, key=lambda c: c.id)
    emitted: set[str] = set()
    while pending:  # link targets before the claims that link to them
        ready = [c for c in pending if set(c.supports) | set(c.contradicts) <= emitted]
        ready = ready or pending[:1]
        for c in ready:
            emitted.add(c.id)
            pending.remove(c)
            yield _line(
                {
                    "type": "claim",
                    "id": c.id,
                    "report": c.report_id,
                    "kind": c.kind.value,
                    "stance": None if c.stance is ClaimStance.AFFIRMS else c.stance.value,
                    "text": c.text,
                    "subject": dict(c.subject),
                    "person": c.person_id,
                    "incident": c.incident_id,
                    "act": c.act_id,
                    "count": _count_json(c.count),
                    "supports": list(c.supports),
                    "contradicts": list(c.contradicts),
                }
            )
