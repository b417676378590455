"""Synthetic data for the accountability CLI tests: a workspace with incidents, claims, evidence.

All names are invented. The import holds the scenario of ``tests.unit.accountability.scenario``:
the IRGC ← the Greater Tehran corps ← a Basij base, with a change of command at the corps in
January 2026 known only to the month.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gavah.model import (
    Claim,
    ClaimKind,
    DateSpan,
    Incident,
    Place,
    Report,
    Source,
    SourceKind,
)
from gavah.store import (
    ClaimRepository,
    IncidentRepository,
    ReportRepository,
    SourceRepository,
    Store,
)
from gavah.text import parse_date

INCIDENTS = {
    "inc-before": "2025-12-10",
    "inc-during": "2026-01-08",
    "inc-after": "2026-02-15",
}


def open_store(workspace: Path) -> Store:
    """The workspace's store (SQLite)."""
    return Store.from_url(f"sqlite:///{workspace / 'gavah.db'}")


def seed(workspace: Path) -> None:
    """Add a source, a report, incidents and one claim per incident."""
    store = open_store(workspace)
    try:
        with store.session() as session:
            SourceRepository(session).add(Source("src-hengaw", "گزارشگران حقوق بشر"))
            ReportRepository(session).add(Report("rep-1", "src-hengaw", "گزارش میدانی"))
            incidents = IncidentRepository(session)
            claims = ClaimRepository(session)
            for key, day in INCIDENTS.items():
                incidents.add(
                    Incident(
                        key,
                        Place("میدان آزادی، تهران", province="IR-23"),
                        DateSpan(parse_date(day)),
                        description=f"تیراندازی به معترضان ({key})",
                    )
                )
                claims.add(
                    Claim(
                        f"claim-{key}",
                        "rep-1",
                        ClaimKind.ATTRIBUTION,
                        "نیروهای بسیج پایگاه ۱۲ تیراندازی کردند",
                        incident_id=key,
                    )
                )
    finally:
        store.dispose()


DENIAL = "به گفته‌ی پلیس، هیچ نیرویی از پایگاه ۱۲ در میدان آزادی نبود"


def seed_support_and_denial(workspace: Path) -> None:
    """A family's account backing ``claim-inc-after`` and a state-media denial contradicting it.

    With the hengaw report, the supporting claim rests on two independent streams, the denial on
    one; the grading policy makes both contested.
    """
    store = open_store(workspace)
    try:
        with store.session() as session:
            sources = SourceRepository(session)
            sources.add(Source("src-family", "خانواده‌ی مجروح", kind=SourceKind.FAMILY))
            sources.add(Source("src-police", "خبرگزاری دولتی", kind=SourceKind.MEDIA))
            reports = ReportRepository(session)
            reports.add(Report("rep-family", "src-family", "گفت‌وگو با خانواده"))
            reports.add(Report("rep-police", "src-police", "گزارش خبرگزاری"))
            ClaimRepository(session).add_many(
                [
                    Claim(
                        "claim-family-after",
                        "rep-family",
                        ClaimKind.ATTRIBUTION,
                        "مأموران بسیج پایگاه ۱۲ به پسرمان شلیک کردند",
                        incident_id="inc-after",
                        supports=("claim-inc-after",),
                    ),
                    Claim(
                        "claim-denial",
                        "rep-police",
                        ClaimKind.ATTRIBUTION,
                        DENIAL,
                        incident_id="inc-after",
                        contradicts=("claim-inc-after",),
                    ),
                ]
            )
    finally:
        store.dispose()


def _sources(*citations: str, confidence: str = "high") -> dict[str, Any]:
    return {"citations": list(citations), "confidence": confidence, "first_cited": "2026-01-10"}


def import_document(evidence: dict[str, str]) -> dict[str, Any]:
    """The JSON import; ``evidence`` maps incident id → evidence id."""
    return {
        "units": [
            {
                "id": "irgc",
                "name_fa": "سپاه پاسداران انقلاب اسلامی",
                "name_en": "IRGC",
                "kind": "irgc",
                "sources": {"name_fa": _sources("src-hengaw")},
            },
            {
                "id": "corps-tehran",
                "name_fa": "سپاه محمد رسول‌الله تهران بزرگ",
                "name_en": "Greater Tehran Corps",
                "kind": "irgc",
            },
            {
                "id": "basij-12",
                "name_fa": "پایگاه مقاومت بسیج ۱۲",
                "name_en": "Basij base 12",
                "kind": "basij",
            },
        ],
        "officials": [
            {"id": "off-top", "name_fa": "محمود فرهادی", "name_en": "Mahmoud Farhadi"},
            {"id": "off-a", "name_fa": "رضا کاظمی", "name_en": "Reza Kazemi"},
            {
                "id": "off-b",
                "name_fa": "حسن مرادی",
                "name_en": "Hassan Moradi",
                "sources": {"name_fa": _sources("src-hengaw", confidence="medium")},
            },
        ],
        "unit_parents": [
            {"id": "rel-1", "unit": "corps-tehran", "parent": "irgc", "from": "2010"},
            {"id": "rel-2", "unit": "basij-12", "parent": "corps-tehran", "from": "۱۳۹۴/۰۱"},
        ],
        "postings": [
            {
                "id": "p-top",
                "official": "off-top",
                "unit": "irgc",
                "title": "فرمانده کل",
                "commands": True,
                "from": "1403/01",
            },
            {
                "id": "p-a",
                "official": "off-a",
                "unit": "corps-tehran",
                "title": "فرمانده",
                "rank": "سردار",
                "commands": True,
                "from": "2024-03",
                "to": "2026-01",
                "sources": {"title": _sources("src-hengaw"), "to": _sources("src-hengaw")},
            },
            {
                "id": "p-b",
                "official": "off-b",
                "unit": "corps-tehran",
                "title": "فرمانده",
                "commands": True,
                "from": "2026-01",
            },
        ],
        "attributions": [
            {
                "id": f"att-{key}",
                "incident": key,
                "unit": "basij-12",
                "confidence": "high",
                "claims": [f"claim-{key}"],
                "evidence": [evidence[key]] if key in evidence else [],
            }
            for key in INCIDENTS
        ],
    }


def write_import(path: Path, evidence: dict[str, str]) -> Path:
    """Write the JSON import at ``path``."""
    path.write_text(json.dumps(import_document(evidence), ensure_ascii=False), encoding="utf-8")
    return path
