"""OONI (Open Observatory of Network Interference) measurements, one JSON object per line.

Owns reading measurements as OONI publishes them (the raw measurement format of
https://github.com/ooni/spec, one per line as in the S3 archive, or the rows of the OONI API's
``/api/v1/measurements``): ``measurement_start_time`` (``YYYY-MM-DD HH:MM:SS`` UTC, or ISO
with ``Z``), ``probe_cc``, ``probe_asn``, ``test_name``, ``input``, and either the API's
``anomaly``/``confirmed``/``failure`` flags or the raw ``test_keys`` (``blocking``,
``accessible``). Each line becomes an observation of its country (OONI does not say the
province) with value 1 when the measurement found interference or failed, else 0. No I/O.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from gavah.connectivity.observation import Observation
from gavah.errors import ParseError

__all__ = ["parse_ooni"]

DATASET = "ooni"


def _time(text: Any, line: int) -> dt.datetime:
    if not isinstance(text, str):
        raise ParseError(f"OONI line {line}: no measurement_start_time")
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ParseError(f"OONI line {line}: bad measurement_start_time {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _interfered(doc: dict[str, Any]) -> bool:
    if any(key in doc for key in ("anomaly", "confirmed", "failure")):
        return bool(doc.get("anomaly") or doc.get("confirmed") or doc.get("failure"))
    keys = doc.get("test_keys")
    if not isinstance(keys, dict):
        return False
    return bool(keys.get("blocking")) or keys.get("accessible") is False


def parse_ooni(text: str) -> list[Observation]:
    """Observations from OONI measurements as JSON lines (blank lines are skipped).

    Raises:
        ParseError: a line is not a JSON object with the fields above.
    """
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as err:
            raise ParseError(f"OONI line {number}: not JSON ({err.msg})") from None
        if not isinstance(doc, dict):
            raise ParseError(f"OONI line {number}: not a JSON object")
        country = doc.get("probe_cc")
        test = doc.get("test_name")
        if not isinstance(country, str) or not isinstance(test, str):
            raise ParseError(f"OONI line {number}: no probe_cc or test_name")
        detail = {
            k: doc[k]
            for k in ("input", "probe_asn", "report_id", "measurement_uid")
            if isinstance(doc.get(k), str)
        }
        out.append(
            Observation(
                DATASET,
                country.upper(),
                None,
                None,
                _time(doc.get("measurement_start_time"), number),
                None,
                f"ooni/{test}",
                1.0 if _interfered(doc) else 0.0,
                False,
                detail,
            )
        )
    return out
