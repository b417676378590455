"""Evidence items: well-formed digests, sizes, media types and aware timestamps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest

from gavah.errors import InvariantError
from gavah.model import EvidenceItem

CONTENT = b"synthetic"
ITEM = EvidenceItem(
    id="ev-1",
    sha256=hashlib.sha256(CONTENT).hexdigest(),
    sha512=hashlib.sha512(CONTENT).hexdigest(),
    size=len(CONTENT),
    media_type="text/plain",
    original_filename="note.txt",
    received_at=dt.datetime(2026, 1, 12, tzinfo=dt.UTC),
    source_id="s-1",
)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("sha256", "AB" * 32, "sha256"),
        ("sha256", "ab" * 31, "sha256"),
        ("sha512", ITEM.sha256, "sha512"),
        ("size", -1, "size"),
        ("media_type", "JPEG", "media type"),
        ("received_at", dt.datetime(2026, 1, 12), "timezone-aware"),
        ("perceptual_hash", "xyz", "perceptual"),
    ],
)
def test_malformed_fields_are_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(InvariantError, match=message):
        dataclasses.replace(ITEM, **{field: value})  # type: ignore[arg-type]


def test_a_well_formed_item_is_accepted() -> None:
    assert dataclasses.replace(ITEM, perceptual_hash="f0e1d2c3b4a59687").size == len(CONTENT)
