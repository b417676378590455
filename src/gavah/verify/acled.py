"""ACLED-compatible rows for incidents: one row per act, in ACLED's column names where they fit.

Owns :data:`ACLED_COLUMNS`, the act-type mapping to ACLED's event types and :func:`acled_rows`.
ACLED (Armed Conflict Location & Event Data) codes one event per row; an incident with several
acts (killings, arrests, bodies withheld) becomes several rows sharing the incident's place and
date. Columns ACLED has no place for carry Gavah's own values under a ``gavah_`` prefix.
``docs/claims.md`` documents the mapping. Pure: rows of text; writing the CSV (and neutralising
spreadsheet formulas) is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gavah.model.incident import Act, Incident
from gavah.model.vocabulary import ActType, LocationPrecision
from gavah.text.dates import DatePrecision
from gavah.verify.policy import Grade

__all__ = ["ACLED_COLUMNS", "EVENT_TYPES", "acled_rows"]

#: ACLED's columns (ACLED Codebook), then Gavah's own.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "iso",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "gavah_incident_id",
    "gavah_act_id",
    "gavah_act_type",
    "gavah_victims_min",
    "gavah_victims_max",
    "gavah_grade",
)

_VIOLENCE = ("Political violence", "Violence against civilians")
_STRATEGIC = ("Strategic developments", "Strategic developments")

#: Act type → (disorder type, event type, sub-event type) in ACLED's terms.
EVENT_TYPES: Mapping[ActType, tuple[str, str, str]] = {
    ActType.KILLING: (*_VIOLENCE, "Attack"),
    ActType.INJURY: (*_VIOLENCE, "Attack"),
    ActType.TORTURE: (*_VIOLENCE, "Attack"),
    ActType.EXECUTION: (*_VIOLENCE, "Attack"),
    ActType.ENFORCED_DISAPPEARANCE: (*_VIOLENCE, "Abduction/forced disappearance"),
    ActType.ARREST: (*_STRATEGIC, "Arrests"),
    ActType.DEATH_SENTENCE: (*_STRATEGIC, "Other"),
    ActType.BODY_WITHHELD: (*_STRATEGIC, "Other"),
    ActType.INTERNET_SHUTDOWN: (*_STRATEGIC, "Other"),
    ActType.PHONE_SHUTDOWN: (*_STRATEGIC, "Other"),
    ActType.OTHER: (*_STRATEGIC, "Other"),
}

_FATAL = frozenset({ActType.KILLING, ActType.EXECUTION})

_GEO = {
    LocationPrecision.EXACT: "1",
    LocationPrecision.NEIGHBOURHOOD: "1",
    LocationPrecision.CITY: "1",
    LocationPrecision.COUNTY: "2",
    LocationPrecision.PROVINCE: "3",
    LocationPrecision.COUNTRY: "3",
}


def _time_precision(incident: Incident) -> str:
    start, end = incident.span.start, incident.span.end
    if start is None:
        return "3"
    if start.precision is DatePrecision.DAY and (end is None or end == start):
        return "1"
    if end is not None and (end.last_date() - start.to_date()).days <= 7:
        return "2"
    return "3"


def acled_rows(
    incidents: Iterable[tuple[Incident, Sequence[Act]]],
    *,
    province_names: Mapping[str, str],
    sources: Mapping[str, Sequence[str]],
    grades: Mapping[str, Grade],
) -> list[list[str]]:
    """One row per act (an incident without acts: one row), in :data:`ACLED_COLUMNS` order.

    ``province_names`` maps ISO 3166-2 codes to names (``admin1``); ``sources`` maps incident
    id → names of the sources of claims about it; ``grades`` maps act or incident id → the best
    grade of claims about it. Fatalities are the act's minimum (ACLED codes the lowest figure).
    """
    rows: list[list[str]] = []
    for incident, acts in sorted(incidents, key=lambda pair: pair[0].id):
        start = incident.span.start
        day = "" if start is None else start.to_date().isoformat()
        place = incident.place
        base = {
            "event_date": day,
            "year": day[:4],
            "time_precision": _time_precision(incident),
            "country": "Iran",
            "iso": "364",
            "admin1": province_names.get(place.province or "", place.province or ""),
            "location": place.name,
            "latitude": "" if place.lat is None else f"{place.lat:.4f}",
            "longitude": "" if place.lon is None else f"{place.lon:.4f}",
            "geo_precision": "" if place.precision is None else _GEO[place.precision],
            "source": "; ".join(sorted(sources.get(incident.id, ()))),
            "gavah_incident_id": incident.id,
        }
        real: list[Act] = sorted(acts, key=lambda a: a.id)
        ordered: list[Act | None] = [*real]
        for n, act in enumerate(ordered or [None], start=1):
            row = dict(base, event_id_cnty=f"IRN-{incident.id}-{n}")
            grade = grades.get(incident.id)
            if act is None:
                row.update(disorder_type="", event_type="", sub_event_type="", fatalities="0")
                row["notes"] = incident.description or ""
            else:
                disorder, event, sub_event = EVENT_TYPES[act.act_type]
                victims = act.victims
                fatal = act.act_type in _FATAL
                low = 0 if victims is None else victims.low
                row.update(
                    disorder_type=disorder,
                    event_type=event,
                    sub_event_type=sub_event,
                    actor1=act.perpetrator or "",
                    actor2="Civilians (Iran)",
                    notes=" ".join(x for x in (incident.description, act.description) if x),
                    fatalities=str(low if fatal else 0),
                    gavah_act_id=act.id,
                    gavah_act_type=act.act_type.value,
                    gavah_victims_min="" if victims is None else str(victims.low),
                    gavah_victims_max=""
                    if victims is None or victims.high is None
                    else str(victims.high),
                )
                if fatal and act.victim_person_id is not None:
                    row["fatalities"] = "1"
                grade = grades.get(act.id, grade)
            row["gavah_grade"] = "" if grade is None else grade.value
            rows.append([row.get(column, "") for column in ACLED_COLUMNS])
    return rows
