"""Reading units, officials, postings, organisations and attributions from CSV or JSON text.

Owns :func:`parse_import` (text in, an :class:`ImportBatch` out, with every problem found rather
than the first) and the two formats documented in ``docs/accountability.md``: a JSON object of
record lists with field-level sources, and a CSV file with a ``type`` column whose sourcing
columns apply to every field of the row. Dates pass through :func:`gavah.text.parse_date`
(Gregorian or Solar Hijri, any digits, known to the day, month or year). Whether the batch holds
together with what is already stored is :mod:`gavah.accountability.validation`'s business. No I/O:
the caller reads the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gavah.accountability.attribution import Attribution
from gavah.accountability.errors import Problem
from gavah.accountability.periods import Period
from gavah.accountability.sourcing import Confidence, Sourcing
from gavah.accountability.structure import (
    Organization,
    OrgKind,
    OrgRelation,
    Posting,
    Structure,
    UnitParent,
)
from gavah.errors import GavahError
from gavah.model import Official, PartialDate, Unit, UnitKind
from gavah.text import parse_date

__all__ = ["CSV_COLUMNS", "RECORD_TYPES", "ImportBatch", "parse_import"]

#: The record types of an import, as JSON keys and as CSV ``type`` values.
RECORD_TYPES = {
    "unit": "units",
    "official": "officials",
    "parent": "unit_parents",
    "posting": "postings",
    "organization": "organizations",
    "org_relation": "org_relations",
    "attribution": "attributions",
}

#: Every column a CSV import may have (``type`` is required).
CSV_COLUMNS = (
    "type",
    "id",
    "name_fa",
    "name_en",
    "name",
    "kind",
    "country",
    "description",
    "unit",
    "parent",
    "official",
    "title",
    "rank",
    "commands",
    "from",
    "to",
    "organization",
    "target",
    "relation",
    "incident",
    "act",
    "claims",
    "evidence",
    "note",
    "citations",
    "confidence",
    "first_cited",
    "last_cited",
)


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """What a file holds: a structure, attributions, and the problems found reading it."""

    structure: Structure
    attributions: tuple[Attribution, ...]
    problems: tuple[Problem, ...]


def _text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise GavahError(f"{key} must be text, not {type(value).__name__}")
    return value.strip() or None


def _required(record: Mapping[str, Any], key: str) -> str:
    value = _text(record, key)
    if value is None:
        raise GavahError(f"{key} is required")
    return value


def _date(record: Mapping[str, Any], key: str) -> PartialDate | None:
    value = _text(record, key)
    return None if value is None else parse_date(value)


def _day(value: Any, key: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise GavahError(f"{key} must be a date")
    parsed = parse_date(value)
    return parsed.to_date()


def _ids(value: Any, key: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise GavahError(f"{key} must be a list of ids (or ids separated by ';')")


def _confidence(value: Any) -> Confidence:
    text = "medium" if value in (None, "") else str(value).strip().lower()
    try:
        return Confidence(text)
    except ValueError:
        raise GavahError(f"confidence must be low, medium or high, not {value!r}") from None


def _sourcing(value: Any, key: str) -> Sourcing:
    if not isinstance(value, Mapping):
        raise GavahError(f"sources of {key!r} must be an object")
    return Sourcing(
        citations=_ids(value.get("citations"), "citations"),
        confidence=_confidence(value.get("confidence")),
        first_cited=_day(value.get("first_cited"), "first_cited"),
        last_cited=_day(value.get("last_cited"), "last_cited"),
    )


def _sources(record: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Sourcing]:
    value = record.get("sources")
    if isinstance(value, Mapping):
        return {key: _sourcing(item, key) for key, item in value.items()}
    if value is not None:
        raise GavahError("sources must be an object of field name → sourcing")
    citations = _ids(record.get("citations"), "citations")
    if not citations:
        return {}
    shared = Sourcing(
        citations,
        _confidence(record.get("confidence")),
        _day(record.get("first_cited"), "first_cited"),
        _day(record.get("last_cited"), "last_cited"),
    )
    return dict.fromkeys(fields, shared)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None or str(value).strip() == "":
        return False
    text = str(value).strip().lower()
    if text in {"true", "yes", "1", "y", "بله"}:
        return True
    if text in {"false", "no", "0", "n", "خیر"}:
        return False
    raise GavahError(f"commands must be true or false, not {value!r}")


def _unit(r: Mapping[str, Any]) -> tuple[Unit, dict[str, Sourcing]]:
    kind = (_text(r, "kind") or "other").lower()
    try:
        unit_kind = UnitKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in UnitKind)
        raise GavahError(f"unit kind must be one of {known}, not {kind!r}") from None
    unit = Unit(
        _required(r, "id"),
        _text(r, "name_fa"),
        _text(r, "name_en"),
        unit_kind,
        _text(r, "description"),
    )
    return unit, _sources(r, ("name_fa", "name_en", "kind"))


def _official(r: Mapping[str, Any]) -> tuple[Official, dict[str, Sourcing]]:
    official = Official(
        _required(r, "id"), _text(r, "name_fa"), _text(r, "name_en"), _text(r, "description")
    )
    return official, _sources(r, ("name_fa", "name_en"))


def _period(r: Mapping[str, Any]) -> Period:
    return Period(_date(r, "from"), _date(r, "to"))


def _parent(r: Mapping[str, Any]) -> UnitParent:
    return UnitParent(
        _required(r, "id"),
        _required(r, "unit"),
        _required(r, "parent"),
        _period(r),
        _sources(r, ("parent", "from", "to")),
    )


def _posting(r: Mapping[str, Any]) -> Posting:
    return Posting(
        _required(r, "id"),
        _required(r, "official"),
        _required(r, "unit"),
        _required(r, "title"),
        _text(r, "rank"),
        _bool(r.get("commands")),
        _period(r),
        _sources(r, ("unit", "title", "rank", "from", "to")),
    )


def _organization(r: Mapping[str, Any]) -> Organization:
    kind = (_text(r, "kind") or "company").lower()
    try:
        org_kind = OrgKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in OrgKind)
        raise GavahError(f"organisation kind must be one of {known}, not {kind!r}") from None
    country = _text(r, "country")
    return Organization(
        _required(r, "id"),
        _required(r, "name"),
        org_kind,
        country.lower() if country else None,
        _text(r, "description"),
        _sources(r, ("name", "kind", "country")),
    )


def _org_relation(r: Mapping[str, Any]) -> OrgRelation:
    return OrgRelation(
        _required(r, "id"),
        _required(r, "organization"),
        _required(r, "target"),
        _required(r, "relation"),
        _period(r),
        _sources(r, ("relation", "from", "to")),
    )


def _attribution(r: Mapping[str, Any]) -> Attribution:
    return Attribution(
        id=_required(r, "id"),
        incident_id=_required(r, "incident"),
        confidence=_confidence(r.get("confidence")),
        claim_ids=_ids(r.get("claims"), "claims"),
        unit_id=_text(r, "unit"),
        official_id=_text(r, "official"),
        act_id=_text(r, "act"),
        evidence_ids=_ids(r.get("evidence"), "evidence"),
        note=_text(r, "note"),
    )


def _rows_from_json(text: str) -> list[tuple[str, str, Mapping[str, Any]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise GavahError(f"not JSON: {err.msg} (line {err.lineno})") from None
    if not isinstance(document, dict):
        raise GavahError("a JSON import is an object of record lists (see docs/accountability.md)")
    unknown = sorted(set(document) - set(RECORD_TYPES.values()))
    if unknown:
        raise GavahError(f"unknown record list {unknown[0]!r} in the JSON import")
    by_key = {key: kind for kind, key in RECORD_TYPES.items()}
    rows: list[tuple[str, str, Mapping[str, Any]]] = []
    for key, records in document.items():
        if not isinstance(records, list):
            raise GavahError(f"{key} must be a list")
        for index, record in enumerate(records):
            where = f"{key}[{index}]"
            if not isinstance(record, dict):
                raise GavahError(f"{where} must be an object")
            rows.append((by_key[key], where, record))
    return rows


def _rows_from_csv(text: str) -> list[tuple[str, str, Mapping[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    if "type" not in header:
        raise GavahError("a CSV import needs a 'type' column (see docs/accountability.md)")
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        raise GavahError(f"unknown CSV column {unknown[0]!r}")
    rows: list[tuple[str, str, Mapping[str, Any]]] = []
    for row in reader:
        cleaned = {
            key.strip(): (value or "").strip() for key, value in row.items() if key is not None
        }
        kind = cleaned.get("type", "").lower()
        rows.append((kind, f"line {reader.line_num}", cleaned))
    return rows


def parse_import(text: str, *, fmt: str) -> ImportBatch:
    """Read an import in ``fmt`` (``json`` or ``csv``).

    A malformed file as a whole raises; a bad record becomes a problem and the rest is read.

    Raises:
        GavahError: the file is not JSON or CSV of the documented shape.
    """
    if fmt == "json":
        rows = _rows_from_json(text)
    elif fmt == "csv":
        rows = _rows_from_csv(text)
    else:
        raise GavahError(f"unknown import format {fmt!r}: use json or csv")
    lists: dict[str, list[Any]] = {key: [] for key in RECORD_TYPES.values()}
    unit_sources: dict[str, dict[str, Sourcing]] = {}
    official_sources: dict[str, dict[str, Sourcing]] = {}
    problems: list[Problem] = []
    readers: dict[str, Callable[[Mapping[str, Any]], Any]] = {
        "parent": _parent,
        "posting": _posting,
        "organization": _organization,
        "org_relation": _org_relation,
        "attribution": _attribution,
    }
    for kind, where, record in rows:
        try:
            if kind == "unit":
                unit, sources = _unit(record)
                lists["units"].append(unit)
                unit_sources[unit.id] = sources
            elif kind == "official":
                official, sources = _official(record)
                lists["officials"].append(official)
                official_sources[official.id] = sources
            elif kind in readers:
                lists[RECORD_TYPES[kind]].append(readers[kind](record))
            else:
                known = ", ".join(RECORD_TYPES)
                raise GavahError(f"unknown record type {kind!r} (one of {known})")
        except GavahError as err:
            problems.append(Problem("bad-value", str(err), where))
    structure = Structure(
        units=tuple(lists["units"]),
        officials=tuple(lists["officials"]),
        parents=tuple(lists["unit_parents"]),
        postings=tuple(lists["postings"]),
        organizations=tuple(lists["organizations"]),
        org_relations=tuple(lists["org_relations"]),
        unit_sources=unit_sources,
        official_sources=official_sources,
    )
    return ImportBatch(structure, tuple(lists["attributions"]), tuple(problems))
