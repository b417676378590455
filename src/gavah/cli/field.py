"""What a field device knew at intake, for the signed custody event (``gavah ingest``).

Owns turning the device's clock and an optional ``--location LAT,LON`` into the ``device``
detail of the ingestion event: the clock reading and its UTC offset (labelled as the device's
own, unverified clock) and, only when the user gave one, the location. Must not read any
location by itself: recording where a documenter is can endanger them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gavah.errors import GavahError

__all__ = ["device_facts", "parse_location"]


def parse_location(text: str) -> dict[str, float]:
    """Parse ``LAT,LON`` in decimal degrees.

    Raises:
        GavahError: not two numbers, or out of range.
    """
    parts = text.split(",")
    try:
        lat, lon = (float(p.strip()) for p in parts)
    except ValueError:
        raise GavahError(f"--location {text!r}: give LAT,LON in decimal degrees") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GavahError(f"--location {text!r}: latitude or longitude out of range")
    return {"lat": lat, "lon": lon}


def device_facts(field: bool, location: str | None, now: dt.datetime) -> dict[str, Any] | None:
    """The ``device`` detail: for a field workspace, or when a location is given; else None.

    Raises:
        GavahError: the location is malformed.
    """
    if not field and location is None:
        return None
    local = now.astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    facts: dict[str, Any] = {
        "clock": local.isoformat(timespec="seconds"),
        "clock_source": "device clock, not verified",
        "utc_offset_minutes": int(offset.total_seconds() // 60),
        "field_workspace": field,
    }
    if location is not None:
        facts["location"] = parse_location(location)
    return facts
