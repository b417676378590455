"""Custody events: validation, the canonical (RFC 8785) encoding, and strict decoding."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.ledger.entry import (
    MAX_DETAIL_DEPTH,
    MAX_ENTRY_BYTES,
    CustodyEvent,
    EventType,
    Outcome,
    decode_entry,
    encode_entry,
    format_time,
)
from gavah.ledger.errors import EntryError

DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
WHEN = datetime(2026, 1, 9, 18, 30, tzinfo=UTC)


def event(**change: object) -> CustodyEvent:
    fields: dict[str, object] = {
        "type": EventType.INGESTION,
        "object": DIGEST,
        "agent": "gavah/0.1 workspace",
        "time": WHEN,
        "outcome": Outcome.SUCCESS,
        "detail": {"source": "channel A", "bytes": 1024},
    }
    fields.update(change)
    return CustodyEvent(**fields)  # type: ignore[arg-type]


def test_encoding_is_the_documented_canonical_json() -> None:
    assert encode_entry(event()) == (
        b'{"agent":"gavah/0.1 workspace","detail":{"bytes":1024,"source":"channel A"},'
        b'"object":"' + DIGEST.encode() + b'","outcome":"success",'
        b'"time":"2026-01-09T18:30:00Z","type":"ingestion","v":1}'
    )


def test_time_is_kept_in_utc_with_microseconds_only_when_present() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    local = datetime(2026, 1, 9, 22, 0, 0, 250, tzinfo=tehran)
    assert event(time=local).time == datetime(2026, 1, 9, 18, 30, 0, 250, tzinfo=UTC)
    assert format_time(local) == "2026-01-09T18:30:00.000250Z"
    assert format_time(WHEN) == "2026-01-09T18:30:00Z"


def test_premis_uris_are_given_where_premis_has_a_term() -> None:
    uri = "http://id.loc.gov/vocabulary/preservation/eventType/"
    assert EventType.INGESTION.premis_uri == uri + "ing"
    assert EventType.MESSAGE_DIGEST_CALCULATION.premis_uri == uri + "mes"
    assert EventType.FIXITY_CHECK.premis_uri == uri + "fix"
    assert EventType.RECEIVED_AGAIN.premis_uri is None
    assert EventType.TIMESTAMPED.premis_uri is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "ingestion"}, "unknown event type"),
        ({"outcome": "ok"}, "unknown event outcome"),
        ({"object": DIGEST.upper()}, "lowercase hex SHA-256"),
        ({"object": DIGEST[:-1]}, "lowercase hex SHA-256"),
        ({"agent": ""}, "needs an agent"),
        ({"agent": "\ud800"}, "needs an agent"),
        ({"time": "2026-01-09T18:30:00Z"}, "not a datetime"),
        ({"time": datetime(2026, 1, 9)}, "time zone"),
        ({"detail": ["not", "an", "object"]}, "JSON object"),
        ({"detail": {"n": 2**53}}, "beyond"),
        ({"detail": {"x": float("nan")}}, "JSON cannot carry"),
        ({"detail": {"x": b"bytes"}}, "not a JSON value"),
        ({"detail": {1: "key"}}, "not a valid string"),
        ({"detail": {"s": "\udfff"}}, "not valid Unicode"),
    ],
)
def test_invalid_events_are_refused(change: dict[str, object], reason: str) -> None:
    with pytest.raises(EntryError, match=reason):
        event(**change)


def test_detail_depth_is_bounded() -> None:
    deep: object = "leaf"
    for _ in range(MAX_DETAIL_DEPTH + 1):
        deep = [deep]
    with pytest.raises(EntryError, match="nests deeper"):
        event(detail={"d": deep})


def test_detail_is_copied_so_later_changes_do_not_leak_in() -> None:
    detail: dict[str, object] = {"list": [1, 2], "tuple": (3, 4)}
    logged = event(detail=detail)
    detail["list"].append(99)  # type: ignore[attr-defined]
    assert logged.detail == {"list": [1, 2], "tuple": [3, 4]}


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
events = st.builds(
    CustodyEvent,
    type=st.sampled_from(EventType),
    object=st.text("0123456789abcdef", min_size=64, max_size=64),
    agent=st.text(min_size=1),
    time=st.datetimes(timezones=st.just(UTC)),
    outcome=st.sampled_from(Outcome),
    detail=st.dictionaries(st.text(), json_values, max_size=5),
)


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(events)
def test_encoding_round_trips_exactly(original: CustodyEvent) -> None:
    data = encode_entry(original)
    decoded = decode_entry(data)
    assert decoded == original
    assert encode_entry(decoded) == data


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_never_crashes(data: bytes) -> None:
    try:
        decoded = decode_entry(data)
    except EntryError:
        return
    assert encode_entry(decoded) == data  # pragma: no cover - random bytes are never an entry


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(events, st.sampled_from(["space", "indent", "reorder", "ascii"]))
def test_non_canonical_spellings_are_refused(original: CustodyEvent, how: str) -> None:
    document = json.loads(encode_entry(original))
    if how == "space":
        data = json.dumps(document, sort_keys=True, ensure_ascii=False).encode()
    elif how == "indent":
        data = json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False).encode()
    elif how == "reorder":
        data = json.dumps(
            dict(reversed(list(document.items()))), separators=(",", ":"), ensure_ascii=False
        ).encode()
    else:
        data = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    if data == encode_entry(original):
        return  # this spelling happens to be canonical for this event (e.g. all ASCII)
    with pytest.raises(EntryError):
        decode_entry(data)


def _canonical(**replace: object) -> bytes:
    document = json.loads(encode_entry(event()))
    document.update(replace)
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff", "not valid UTF-8"),
        (b"{", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'{"v":1,"v":1}', "repeats a key"),
        (b'{"x":NaN}', "NaN"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (_canonical(v=2), "version 2"),
        (_canonical(v=True), "version True"),
        (_canonical(extra=1), "unexpected \\['extra'\\]"),
        (_canonical(type=1), "'type' is not a string"),
        (_canonical(type="seizure"), "unknown type"),
        (_canonical(time="2026-01-09 18:30:00"), "not ISO 8601"),
        (_canonical(time="2026-02-30T18:30:00Z"), "not a valid date"),
        (_canonical(time="2026-01-09T18:30:00.000000Z"), "canonical form"),
        (_canonical(detail=[]), "JSON object"),
    ],
)
def test_malformed_entries_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(EntryError, match=reason):
        decode_entry(data)


def test_oversized_entry_is_refused_before_parsing() -> None:
    with pytest.raises(EntryError, match="over the"):
        decode_entry(b" " * (MAX_ENTRY_BYTES + 1))


def test_large_float_round_trips_through_its_integer_spelling() -> None:
    data = encode_entry(event(detail={"x": 1e16}))
    assert b'"x":10000000000000000' in data
    assert decode_entry(data).detail == {"x": 1e16}
