"""One-line factories of domain objects for the storage suite (synthetic, never real people)."""

from __future__ import annotations

import datetime as dt
import hashlib

from gavah.model import (
    DatePrecision,
    EvidenceItem,
    PartialDate,
    PersonStatus,
    Record,
    Sex,
    Source,
    SourceKind,
)

ZWNJ = "\u200c"
#: A synthetic Persian row: compound family name with ZWNJ, Solar Hijri date in Persian digits.
PERSIAN_ROW = {
    "record_id": "۱۲۳",
    "full_name": f"علی رضا محمدی{ZWNJ}نژاد",
    "father_name": "حسن",
    "age": "۲۳",
    "date": "۱۴۰۴/۱۰/۱۸",
    "event": "کشته",
    "province": "لرستان",
    "city": "خرم\u200cآباد",
    "notes": "",
}


def make_source(name: str = "list-a", kind: SourceKind = SourceKind.NGO) -> Source:
    """A source whose id derives from its name."""
    return Source(id=f"src-{name}", name=name, kind=kind)


def make_record(source: Source, n: int, **fields: object) -> Record:
    """Record number ``n`` of ``source``, with a few normalised fields set."""
    values: dict[str, object] = {
        "raw": {"record_id": str(n), "full_name": f"Person {n}", "sex": "m"},
        "full_name": f"شخص {n}",
        "latin_key": f"person {n}",
        "skeleton": f"prsn{n % 97}",
        "sex": Sex.MALE,
        "age": 20 + n % 50,
        "event_date": PartialDate(2026, 1, 8 + n % 5, DatePrecision.DAY),
        "event": PersonStatus.KILLED,
        "province": f"IR-{n % 31 + 1:02d}",
    }
    values.update(fields)
    return Record(source.id, str(n), **values)  # type: ignore[arg-type]


def make_evidence(source: Source, content: bytes = b"synthetic photo bytes") -> EvidenceItem:
    """An evidence item describing ``content``."""
    return EvidenceItem(
        id=f"ev-{hashlib.sha256(content).hexdigest()[:12]}",
        sha256=hashlib.sha256(content).hexdigest(),
        sha512=hashlib.sha512(content).hexdigest(),
        size=len(content),
        media_type="image/jpeg",
        original_filename="IMG_0001.jpg",
        received_at=dt.datetime(2026, 1, 12, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3.5))),
        source_id=source.id,
    )
