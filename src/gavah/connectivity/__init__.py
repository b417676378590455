"""gavah.connectivity: internet shutdowns as evidence, beside the deaths on the timeline.

Owns normalising saved measurement data into :class:`Observation` values (``observation``):
IODA signal series and outage events (``ioda``), OONI measurements (``ooni``), Cloudflare Radar
outage annotations (``cloudflare``), format detection (``formats``), place names to province
codes (``regions``), the daily timeline of deaths and connectivity (``timeline``) and its figure
(``plot``, the one module that writes a file). Keeping the files in the vault and the
observations in the database is the command line's and the store's business.
"""

from __future__ import annotations

from gavah.connectivity.formats import MeasurementFormat, detect_format, parse_measurements
from gavah.connectivity.observation import Observation
from gavah.connectivity.regions import province_code
from gavah.connectivity.timeline import Outage, Timeline, build_timeline, speaks_for

__all__ = [
    "MeasurementFormat",
    "Observation",
    "Outage",
    "Timeline",
    "build_timeline",
    "detect_format",
    "parse_measurements",
    "province_code",
    "speaks_for",
]
