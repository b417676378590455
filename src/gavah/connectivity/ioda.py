"""IODA (Internet Outage Detection and Analysis, Georgia Tech) saved API responses.

Owns reading two responses of IODA's v2 API (https://api.ioda.inetintel.cc.gatech.edu/v2/):

- signal series, ``/v2/signals/raw/{entityType}/{entityCode}``: ``{"data": [[series, …]]}``
  where each series has ``entityType`` (``country``/``region``), ``entityCode``,
  ``entityName``, ``datasource`` (``bgp``, ``ping-slash24``, ``merit-nt``, …), ``from``,
  ``until``, ``step`` (seconds) and ``values`` (one number or ``null`` per step). Each value
  becomes an observation at ``from + i × step``;
- outage events, ``/v2/outages/events``: ``{"data": [event, …]}`` where each event has
  ``location`` (``country/IR``, ``region/1430``), ``location_name``, ``start`` (POSIX seconds),
  ``duration`` (seconds) and ``score``. Each becomes an outage observation.

Regions are matched to province codes by name with the gazetteer; a region's country comes from
``attrs.country_code`` when the response has it, else from the gazetteer (Iran's provinces).
No I/O.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gavah.connectivity.observation import Observation
from gavah.connectivity.regions import province_code
from gavah.errors import ParseError
from gavah.vocab import Gazetteer

__all__ = ["parse_ioda"]

DATASET = "ioda"


def _time(value: Any, what: str) -> dt.datetime:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ParseError(f"IODA: {what} is not a POSIX time")
    return dt.datetime.fromtimestamp(int(value), dt.UTC)


def _place(
    gazetteer: Gazetteer, kind: str, code: str, name: str | None, attrs: Any
) -> tuple[str, str | None]:
    if kind == "country":
        return code.upper(), None
    country = attrs.get("country_code") if isinstance(attrs, dict) else None
    region = province_code(gazetteer, name)
    if not isinstance(country, str):
        country = "IR" if region is not None and region.startswith("IR-") else "??"
    return country.upper(), region


def _series(series: Any, gazetteer: Gazetteer) -> list[Observation]:
    if not isinstance(series, dict):
        raise ParseError("IODA: a signal series is not an object")
    try:
        kind, code = str(series["entityType"]), str(series["entityCode"])
        name = series.get("entityName")
        source = str(series["datasource"])
        start, step = _time(series["from"], "from"), series["step"]
        values = series["values"]
    except KeyError as err:
        raise ParseError(f"IODA: a signal series lacks {err}") from None
    if not isinstance(step, int) or step <= 0 or not isinstance(values, list):
        raise ParseError("IODA: a signal series has a bad step or values")
    country, region = _place(gazetteer, kind, code, name, series.get("attrs"))
    out = []
    for index, value in enumerate(values):
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
            raise ParseError(f"IODA: value {index} of {source} is not a number")
        out.append(
            Observation(
                DATASET,
                country,
                region,
                name if isinstance(name, str) else None,
                start + dt.timedelta(seconds=index * step),
                None,
                f"ioda/{source}",
                None if value is None else float(value),
                False,
                {"entity": f"{kind}/{code}", "step": step},
            )
        )
    return out


def _event(event: Any, gazetteer: Gazetteer) -> Observation:
    if not isinstance(event, dict):
        raise ParseError("IODA: an outage event is not an object")
    try:
        location, start, duration = str(event["location"]), event["start"], event["duration"]
    except KeyError as err:
        raise ParseError(f"IODA: an outage event lacks {err}") from None
    kind, _, code = location.partition("/")
    name = event.get("location_name")
    if not isinstance(duration, int | float) or duration < 0:
        raise ParseError("IODA: an outage event has a bad duration")
    country, region = _place(gazetteer, kind, code, name, event.get("attrs"))
    begin = _time(start, "an event start")
    score = event.get("score")
    return Observation(
        DATASET,
        country,
        region,
        name if isinstance(name, str) else None,
        begin,
        begin + dt.timedelta(seconds=int(duration)),
        "ioda/outage",
        float(score) if isinstance(score, int | float) else None,
        True,
        {"location": location, "duration": int(duration)},
    )


def parse_ioda(document: Any, gazetteer: Gazetteer) -> list[Observation]:
    """Observations from a parsed IODA response (signal series or outage events).

    Raises:
        ParseError: the document is neither shape, or a field has the wrong type.
    """
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, list):
        raise ParseError('IODA: no "data" list (save the API\'s JSON response as it came)')
    out: list[Observation] = []
    for element in data:
        if isinstance(element, list):
            for series in element:
                out.extend(_series(series, gazetteer))
        elif isinstance(element, dict) and "datasource" in element:
            out.extend(_series(element, gazetteer))
        else:
            out.append(_event(element, gazetteer))
    return out
