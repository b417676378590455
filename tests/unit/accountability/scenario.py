"""A synthetic command structure with a change of command known only to the month.

Units: the IRGC (top) ← the Greater Tehran corps ← a Basij base. The corps changes commander in
January 2026, both ends known only to the month; the IRGC's commander is known from Farvardin
1403 (a Solar Hijri month). All names are invented.
"""

from __future__ import annotations

import datetime as dt

from gavah.accountability import (
    Attribution,
    Confidence,
    Period,
    Posting,
    Sourcing,
    Structure,
    UnitParent,
)
from gavah.model import DateSpan, Incident, Official, PartialDate, Place, Unit, UnitKind
from gavah.text import parse_date

SOURCED = {"title": Sourcing(("src-1",), Confidence.HIGH, dt.date(2026, 1, 10))}


def d(text: str) -> PartialDate:
    """A partial date from text (Gregorian or Solar Hijri, any precision)."""
    return parse_date(text)


UNITS = (
    Unit("irgc", name_fa="سپاه پاسداران انقلاب اسلامی", name_en="IRGC", kind=UnitKind.IRGC),
    Unit(
        "corps-tehran",
        name_fa="سپاه محمد رسول‌الله تهران بزرگ",
        name_en="Greater Tehran Corps",
        kind=UnitKind.IRGC,
    ),
    Unit("basij-12", name_fa="پایگاه مقاومت بسیج ۱۲", name_en="Basij base 12", kind=UnitKind.BASIJ),
)
OFFICIALS = (
    Official("off-top", name_fa="محمود فرهادی", name_en="Mahmoud Farhadi"),
    Official("off-a", name_fa="رضا کاظمی", name_en="Reza Kazemi"),
    Official("off-b", name_fa="حسن مرادی", name_en="Hassan Moradi"),
    Official("off-c", name_fa="علی‌اکبر نوری", name_en="Ali-Akbar Nouri"),
)
PARENTS = (
    UnitParent("rel-1", "corps-tehran", "irgc", Period(d("2010"), None), SOURCED),
    UnitParent("rel-2", "basij-12", "corps-tehran", Period(d("2015-03-01"), None), SOURCED),
)
POSTINGS = (
    Posting("p-top", "off-top", "irgc", "فرمانده کل", "سرلشکر", True, Period(d("1403/01"), None)),
    Posting(
        "p-a",
        "off-a",
        "corps-tehran",
        "commander",
        "سردار",
        True,
        Period(d("2024-03"), d("2026-01")),
    ),
    Posting("p-b", "off-b", "corps-tehran", "commander", "سردار", True, Period(d("2026-01"), None)),
    Posting("p-c", "off-c", "basij-12", "commander", None, True, Period(d("2023-05-01"), None)),
    Posting("p-a-deputy", "off-a", "irgc", "deputy", None, False, Period(d("2026-02"), None)),
)


def structure() -> Structure:
    """The whole scenario."""
    return Structure(
        units=UNITS,
        officials=OFFICIALS,
        parents=PARENTS,
        postings=POSTINGS,
        unit_sources={"irgc": SOURCED},
        official_sources={"off-a": {"name_fa": SOURCED["title"]}},
    )


def incident(key: str, start: str, end: str | None = None, place: str = "میدان آزادی") -> Incident:
    """An incident at ``place`` from ``start`` (to ``end``)."""
    span = DateSpan(d(start), d(end) if end else None)
    return Incident(key, Place(place, province="IR-23"), span, description=f"shooting {key}")


INCIDENTS = (
    incident("inc-before", "2025-12-10"),
    incident("inc-during", "2026-01-08"),
    incident("inc-after", "2026-02-15"),
    incident("inc-dey", "1404/10"),  # Dey 1404: 2025-12-22 .. 2026-01-20
)
ATTRIBUTIONS = tuple(
    Attribution(
        f"att-{i.id}",
        i.id,
        Confidence.HIGH if i.id != "inc-dey" else Confidence.LOW,
        (f"claim-{i.id}",),
        unit_id="basij-12",
        evidence_ids=(f"ev-{i.id}",),
    )
    for i in INCIDENTS
)
