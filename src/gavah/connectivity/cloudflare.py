"""Cloudflare Radar outage annotations, saved as the API's JSON or as CSV.

Owns reading ``/radar/annotations/outages`` (Cloudflare API v4): ``{"result": {"annotations":
[…]}}`` (or the bare ``{"annotations": […]}``), each annotation with ``id``, ``dataSource``,
``description``, ``scope``, ``startDate`` and optional ``endDate`` (ISO 8601, UTC),
``locations`` (ISO country codes), ``asns``, ``eventType`` and ``outage`` (``outageCause``,
``outageType``); and the same as CSV with one column per field (``locations`` and ``asns``
separated by spaces or semicolons, ``outageCause``/``outageType`` as their own columns). Each
annotation is an outage observation per location; ``scope`` names a province when the outage
was regional. No I/O.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from gavah.connectivity.observation import Observation
from gavah.connectivity.regions import province_code
from gavah.errors import ParseError
from gavah.vocab import Gazetteer

__all__ = ["parse_radar_csv", "parse_radar_json"]

DATASET = "cloudflare-radar"
_SPLIT = re.compile(r"[;\s,]+")


def _time(text: Any, what: str) -> dt.datetime | None:
    if text in (None, ""):
        return None
    if not isinstance(text, str):
        raise ParseError(f"Cloudflare Radar: {what} is not a date")
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ParseError(f"Cloudflare Radar: bad {what} {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _annotation(doc: dict[str, Any], gazetteer: Gazetteer) -> list[Observation]:
    start = _time(doc.get("startDate"), "startDate")
    if start is None:
        raise ParseError("Cloudflare Radar: an annotation has no startDate")
    end = _time(doc.get("endDate"), "endDate")
    locations = doc.get("locations") or []
    if isinstance(locations, str):
        locations = [s for s in _SPLIT.split(locations) if s]
    raw_outage = doc.get("outage")
    outage: dict[str, Any] = raw_outage if isinstance(raw_outage, dict) else {}
    scope = doc.get("scope") if isinstance(doc.get("scope"), str) else None
    region = province_code(gazetteer, scope)
    detail = {
        "id": str(doc.get("id", "")),
        "description": str(doc.get("description") or ""),
        "outage_cause": str(outage.get("outageCause") or doc.get("outageCause") or ""),
        "outage_type": str(outage.get("outageType") or doc.get("outageType") or ""),
        "scope": scope or "",
    }
    source = str(doc.get("dataSource") or "ALL")
    return [
        Observation(
            DATASET,
            str(code).upper(),
            region,
            scope,
            start,
            end,
            f"cloudflare/{source.lower()}",
            None,
            True,
            detail,
        )
        for code in locations
    ]


def parse_radar_json(document: Any, gazetteer: Gazetteer) -> list[Observation]:
    """Observations from a parsed outage-annotations response.

    Raises:
        ParseError: no annotations list, or a bad annotation.
    """
    holder = document.get("result", document) if isinstance(document, dict) else None
    annotations = holder.get("annotations") if isinstance(holder, dict) else None
    if not isinstance(annotations, list):
        raise ParseError('Cloudflare Radar: no "annotations" list')
    out = []
    for doc in annotations:
        if not isinstance(doc, dict):
            raise ParseError("Cloudflare Radar: an annotation is not an object")
        out.extend(_annotation(doc, gazetteer))
    return out


def parse_radar_csv(text: str, gazetteer: Gazetteer) -> list[Observation]:
    """Observations from outage annotations as CSV with a header row.

    Raises:
        ParseError: no ``startDate`` or ``locations`` column, or a bad row.
    """
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"startDate", "locations"} <= set(reader.fieldnames):
        raise ParseError("Cloudflare Radar CSV: needs startDate and locations columns")
    out = []
    for row in reader:
        out.extend(_annotation(dict(row), gazetteer))
    return out
