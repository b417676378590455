"""An exported original must be the item's original: its recorded digests and size."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from gavah.errors import GavahError
from gavah.model import EvidenceItem
from gavah.vault.bag import check_original
from gavah.vault.digest import HashingWriter

ORIGINAL = b"synthetic original, not a real document"


def _item() -> EvidenceItem:
    return EvidenceItem(
        id="ev-1",
        sha256=hashlib.sha256(ORIGINAL).hexdigest(),
        sha512=hashlib.sha512(ORIGINAL).hexdigest(),
        size=len(ORIGINAL),
        media_type="text/plain",
        original_filename="note.txt",
        received_at=dt.datetime(2026, 1, 9, tzinfo=dt.UTC),
        source_id="src-1",
    )


def test_the_original_passes() -> None:
    writer = HashingWriter()
    writer.write(ORIGINAL)
    check_original(_item(), writer.digests)


@pytest.mark.parametrize("written", [ORIGINAL[:-1], ORIGINAL[:-1] + b"?", b""])
def test_other_bytes_are_refused(written: bytes) -> None:
    writer = HashingWriter()
    writer.write(written)
    with pytest.raises(GavahError, match="does not decrypt to the recorded content"):
        check_original(_item(), writer.digests)
