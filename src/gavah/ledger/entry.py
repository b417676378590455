"""Custody events and their canonical encoding as ledger entries (RFC 8785, JCS).

Owns :class:`CustodyEvent` (what happened to which object, who did it, when, with what outcome),
the :class:`EventType` vocabulary (PREMIS event types where one fits), and the one byte-exact
encoding of an event that is hashed into the log. :func:`decode_entry` accepts only that encoding.
This module does no I/O and reads no clock: the event's time is passed in.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeAlias

import rfc8785

from gavah.ledger.errors import EntryError

__all__ = [
    "ENTRY_VERSION",
    "MAX_DETAIL_DEPTH",
    "MAX_ENTRY_BYTES",
    "CustodyEvent",
    "EventType",
    "JsonValue",
    "Outcome",
    "decode_entry",
    "encode_entry",
    "format_time",
]

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"

ENTRY_VERSION = 1
"""The ``v`` field of every entry this code writes; an entry with another version is refused."""

MAX_ENTRY_BYTES = 1 << 20
"""Largest entry accepted (1 MiB): custody details are small; bigger input is an attack or a bug."""

MAX_DETAIL_DEPTH = 32
"""Deepest nesting of lists and objects accepted in ``detail``, to bound recursion."""

_SAFE_INTEGER = 2**53 - 1  # RFC 8785 §3.2.2.3: JSON numbers are IEEE 754 doubles
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z")
_PREMIS = "http://id.loc.gov/vocabulary/preservation/eventType/"
_FIELDS = frozenset({"v", "type", "object", "agent", "time", "outcome", "detail"})


class EventType(StrEnum):
    """What happened to an object: PREMIS event types, plus three of Gavah's own.

    Values are PREMIS authoritative labels where the PREMIS vocabulary has a fitting term
    (see :attr:`premis_uri`); ``received again``, ``disclosed to`` and ``timestamped`` have none.
    """

    INGESTION = "ingestion"
    RECEIVED_AGAIN = "received again"
    MESSAGE_DIGEST_CALCULATION = "message digest calculation"
    METADATA_EXTRACTION = "metadata extraction"
    FIXITY_CHECK = "fixity check"
    CREATION = "creation"
    REPLICATION = "replication"
    MIGRATION = "migration"
    ENCRYPTION = "encryption"
    EXPORTING = "exporting"
    DISSEMINATION = "dissemination"
    DISCLOSED_TO = "disclosed to"
    DELETION = "deletion"
    TIMESTAMPED = "timestamped"

    @property
    def premis_uri(self) -> str | None:
        """The id.loc.gov PREMIS event type URI, or None for Gavah's own terms."""
        code = _PREMIS_CODES.get(self)
        return None if code is None else _PREMIS + code


_PREMIS_CODES: dict[EventType, str] = {
    EventType.INGESTION: "ing",
    EventType.MESSAGE_DIGEST_CALCULATION: "mes",
    EventType.METADATA_EXTRACTION: "mee",
    EventType.FIXITY_CHECK: "fix",
    EventType.CREATION: "cre",
    EventType.REPLICATION: "rep",
    EventType.MIGRATION: "mig",
    EventType.ENCRYPTION: "enc",
    EventType.EXPORTING: "exp",
    EventType.DISSEMINATION: "dis",
    EventType.DELETION: "del",
}


class Outcome(StrEnum):
    """How the event ended (PREMIS eventOutcome): a failure is logged, never dropped."""

    SUCCESS = "success"
    WARNING = "warning"
    FAILURE = "failure"


def format_time(moment: datetime) -> str:
    """Return the one ISO 8601 UTC form used in entries: ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``.

    Raises:
        EntryError: if ``moment`` has no time zone (a naive time could be any instant).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise EntryError("an event time must carry a time zone")
    utc = moment.astimezone(UTC)
    text = (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
        f"T{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}"
    )
    if utc.microsecond:
        text += f".{utc.microsecond:06d}"
    return text + "Z"


def _parse_time(text: str) -> datetime:
    if not _TIME.fullmatch(text):
        raise EntryError(f"event time {text!r} is not ISO 8601 UTC (YYYY-MM-DDTHH:MM:SS[.ffffff]Z)")
    try:
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    except ValueError as err:
        raise EntryError(f"event time {text!r} is not a valid date and time") from err


def _freeze_json(value: object, depth: int, where: str) -> JsonValue:
    """Return a private copy of a JSON value, refusing anything JCS cannot encode exactly."""
    if depth > MAX_DETAIL_DEPTH:
        raise EntryError(f"{where} nests deeper than {MAX_DETAIL_DEPTH} levels")
    if value is None or isinstance(value, (bool, str)):
        if isinstance(value, str) and not _is_utf8(value):
            raise EntryError(f"{where} holds a string that is not valid Unicode")
        return value
    if isinstance(value, int):
        if abs(value) > _SAFE_INTEGER:
            raise EntryError(f"{where} holds an integer beyond ±(2**53 - 1): {value}")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EntryError(f"{where} holds a number JSON cannot carry: {value}")
        return value
    if isinstance(value, Mapping):
        frozen: dict[str, JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str) or not _is_utf8(key):
                raise EntryError(f"{where} has a key that is not a valid string: {key!r}")
            frozen[key] = _freeze_json(item, depth + 1, f"{where}.{key}")
        return frozen
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        return [_freeze_json(item, depth + 1, f"{where}[{i}]") for i, item in enumerate(value)]
    raise EntryError(f"{where} holds a {type(value).__name__}, which is not a JSON value")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class CustodyEvent:
    """One custody event: what happened to an object, by whom, when, and how it ended.

    ``object`` is the SHA-256 (lowercase hex) of the item's original bytes; ``time`` is an aware
    datetime, kept in UTC; ``detail`` is a JSON object (treat it as read-only).
    """

    type: EventType
    object: str
    agent: str
    time: datetime
    outcome: Outcome = Outcome.SUCCESS
    detail: Mapping[str, JsonValue] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        """Validate every field and normalise time to UTC and detail to a private copy.

        Raises:
            EntryError: if a field is invalid.
        """
        if not isinstance(self.type, EventType):
            raise EntryError(f"unknown event type {self.type!r}")
        if not isinstance(self.outcome, Outcome):
            raise EntryError(f"unknown event outcome {self.outcome!r}")
        if not isinstance(self.object, str) or not _SHA256_HEX.fullmatch(self.object):
            raise EntryError(f"object {self.object!r} is not a lowercase hex SHA-256")
        if not isinstance(self.agent, str) or not self.agent or not _is_utf8(self.agent):
            raise EntryError("an event needs an agent (a non-empty string)")
        if not isinstance(self.time, datetime):
            raise EntryError(f"event time {self.time!r} is not a datetime")
        format_time(self.time)  # refuses naive times
        if not isinstance(self.detail, Mapping):
            raise EntryError("event detail must be a JSON object")
        object.__setattr__(self, "time", self.time.astimezone(UTC))
        object.__setattr__(self, "detail", _freeze_json(self.detail, 0, "detail"))


def encode_entry(event: CustodyEvent) -> bytes:
    """Return the canonical bytes of ``event``: RFC 8785 JSON, UTF-8, the form that is logged."""
    document: dict[str, JsonValue] = {
        "v": ENTRY_VERSION,
        "type": event.type.value,
        "object": event.object,
        "agent": event.agent,
        "time": format_time(event.time),
        "outcome": event.outcome.value,
        "detail": dict(event.detail),
    }
    return rfc8785.dumps(document)


def _reject_constant(name: str) -> object:
    raise EntryError(f"entry holds {name}, which JSON does not allow")


def _parse_int(text: str) -> int | float:
    # Integers beyond 2**53 - 1 only arise in canonical JSON as the exact form of a large float
    # (RFC 8785 writes 1e16 as 10000000000000000), so read them back as that float.
    number = int(text)
    return number if abs(number) <= _SAFE_INTEGER else float(text)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise EntryError("entry repeats a key in one object")
    return document


def decode_entry(data: bytes) -> CustodyEvent:
    """Parse entry bytes strictly: only the exact output of :func:`encode_entry` is accepted.

    Raises:
        EntryError: if the bytes are too long, not UTF-8, not JSON, not a version-1 custody
            event, or not in canonical form (key order, spacing, escapes, number or time form).
    """
    if len(data) > MAX_ENTRY_BYTES:
        raise EntryError(f"entry is {len(data)} bytes, over the {MAX_ENTRY_BYTES}-byte limit")
    try:
        text = data.decode("utf-8")
        document = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
        )
    except UnicodeDecodeError as err:
        raise EntryError("entry is not valid UTF-8") from err
    except RecursionError as err:
        raise EntryError("entry nests too deeply") from err
    except ValueError as err:
        if isinstance(err, EntryError):
            raise
        raise EntryError(f"entry is not JSON: {err}") from err
    event = _event_from_document(document)
    if encode_entry(event) != data:
        raise EntryError("entry is not in canonical form (RFC 8785)")
    return event


def _event_from_document(document: object) -> CustodyEvent:
    if not isinstance(document, dict):
        raise EntryError("entry is not a JSON object")
    keys = set(document)
    if keys != _FIELDS:
        missing, extra = sorted(_FIELDS - keys), sorted(keys - _FIELDS)
        raise EntryError(f"entry fields differ: missing {missing}, unexpected {extra}")
    version = document["v"]
    if type(version) is not int or version != ENTRY_VERSION:
        raise EntryError(f"entry version {version!r} is not {ENTRY_VERSION}")
    for name in ("type", "object", "agent", "time", "outcome"):
        if not isinstance(document[name], str):
            raise EntryError(f"entry field {name!r} is not a string")
    try:
        event_type = EventType(document["type"])
        outcome = Outcome(document["outcome"])
    except ValueError as err:
        raise EntryError(f"entry has an unknown type or outcome: {err}") from err
    return CustodyEvent(
        type=event_type,
        object=document["object"],
        agent=document["agent"],
        time=_parse_time(document["time"]),
        outcome=outcome,
        detail=document["detail"],
    )
