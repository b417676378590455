"""Recognising a saved measurement file and parsing it into observations.

Owns telling the three supported formats apart from their content (never from the file name
alone): OONI JSON lines, IODA responses (a ``data`` list), Cloudflare Radar annotations (JSON
with ``annotations``, or CSV with ``startDate``). No I/O: the caller hands in the bytes.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from gavah.connectivity.cloudflare import parse_radar_csv, parse_radar_json
from gavah.connectivity.ioda import parse_ioda
from gavah.connectivity.observation import Observation
from gavah.connectivity.ooni import parse_ooni
from gavah.errors import ParseError
from gavah.vocab import Gazetteer

__all__ = ["MeasurementFormat", "detect_format", "parse_measurements"]


class MeasurementFormat(StrEnum):
    """The supported saved-measurement formats."""

    IODA = "ioda"
    OONI = "ooni"
    CLOUDFLARE = "cloudflare"


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def detect_format(text: str) -> MeasurementFormat:
    """Which format ``text`` is in.

    Raises:
        ParseError: none of the supported formats.
    """
    document = _json(text)
    if isinstance(document, dict):
        if isinstance(document.get("data"), list):
            return MeasurementFormat.IODA
        holder = document.get("result", document)
        if isinstance(holder, dict) and "annotations" in holder:
            return MeasurementFormat.CLOUDFLARE
        if "probe_cc" in document:
            return MeasurementFormat.OONI
    first = next((line for line in text.splitlines() if line.strip()), "")
    line = _json(first)
    if isinstance(line, dict) and "probe_cc" in line:
        return MeasurementFormat.OONI
    if "startDate" in first and "locations" in first:
        return MeasurementFormat.CLOUDFLARE
    raise ParseError(
        "not a recognised measurement file (IODA JSON, OONI JSON lines, Cloudflare Radar "
        "annotations as JSON or CSV)"
    )


def parse_measurements(
    data: bytes, gazetteer: Gazetteer, fmt: MeasurementFormat | None = None
) -> tuple[MeasurementFormat, list[Observation]]:
    """Parse a saved measurement file; return its format and its observations.

    Raises:
        ParseError: not UTF-8, not a supported format, or malformed.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParseError("a measurement file must be UTF-8 text") from None
    fmt = fmt or detect_format(text)
    if fmt is MeasurementFormat.OONI:
        return fmt, parse_ooni(text)
    document = _json(text)
    if fmt is MeasurementFormat.IODA:
        if document is None:
            raise ParseError("IODA: the file is not JSON")
        return fmt, parse_ioda(document, gazetteer)
    if document is not None:
        return fmt, parse_radar_json(document, gazetteer)
    return fmt, parse_radar_csv(text, gazetteer)
