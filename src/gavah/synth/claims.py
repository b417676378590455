"""The synthetic claims of a scenario, as lines of Gavah's JSON-lines interchange.

Owns who claims what about the scenario's incidents and the national toll, so that grading has
something to grade: for each incident the documentation network's count, repeated by two media
outlets (one stream, not three), and depending on the incident an independent family report
(sometimes with verified photographs), an eyewitness account, a hospital's competing figure
(contested) or an unreliable channel's inflated figure (discounted), and where families and the
network agree, a police denial that nobody was killed there (a denial, not an admission: graded
as one stream, it cannot contest them); nationally the official "several thousand" (an admission
of at least that many), the independent estimate and an opposition figure that contradicts it.
Every text is synthetic, in Persian with its ZWNJ, digits and Solar Hijri dates. Pure: the
caller passes the ids under which the scenario's sources and incidents were stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final

from gavah.synth.incidents import Incident
from gavah.synth.sources import Source
from gavah.text.dates import format_jalali, format_jalali_long
from gavah.text.digits import to_persian_digits

__all__ = ["DEMO_SOURCES", "draw_claims"]

#: Sources the claims add to the scenario's: (id, name, kind, reliability, description).
DEMO_SOURCES: Final = (
    ("media-2", "Diaspora news channel", "media", "usually_reliable", "Relays the network."),
    ("opposition-channel", "Opposition satellite channel", "media", "unreliable", "Unverified."),
    ("police-command", "Provincial police command", "official", "unknown", "Denies killings."),
)
_WITNESSES: Final = ("witness-2", "witness-1", "medical-1")


def _source_line(sid: str, name: str, kind: str, reliability: str, text: str) -> dict[str, Any]:
    return {
        "type": "source",
        "id": sid,
        "name": name,
        "kind": kind,
        "reliability": reliability,
        "description": f"Synthetic source. {text}",
    }


def _claim(
    cid: str,
    source: str,
    day: dt.date,
    text: str,
    *,
    kind: str = "count",
    count: tuple[int, int | None] | None = None,
    subject: Mapping[str, Any] | None = None,
    incident: str | None = None,
    relays: str | None = None,
    supports: Sequence[str] = (),
    contradicts: Sequence[str] = (),
    stance: str | None = None,
) -> dict[str, Any]:
    line: dict[str, Any] = {
        "type": "claim",
        "id": cid,
        "source": source,
        "date": format_jalali(day) if day.day % 2 else day.isoformat(),
        "kind": kind,
        "text": text,
    }
    if stance is not None:
        line["stance"] = stance
    if count is not None:
        line["count"] = {"min": count[0], "max": count[1]}
    if subject:
        line["subject"] = dict(subject)
    if incident:
        line["incident"] = incident
    if relays:
        line["relays"] = relays
    if supports:
        line["supports"] = list(supports)
    if contradicts:
        line["contradicts"] = list(contradicts)
    return line


def _incident_claims(
    rank: int, inc: Incident, network: str, ids: Mapping[str, str], incident_id: str
) -> list[dict[str, Any]]:
    day, city = inc.date, inc.city_fa
    when = format_jalali_long(day)
    subject = {"status": "killed", "province": inc.province_code, "city": city}
    subject["date"] = day.isoformat()
    lo, hi = inc.count_min, inc.count_max
    base = f"{inc.id}-network"
    text = f"دست‌کم {to_persian_digits(str(lo))} نفر در {city} در {when} کشته شدند"
    lines = [
        _claim(
            base,
            network,
            day + dt.timedelta(days=2),
            text,
            count=(lo, hi),
            subject=subject,
            incident=incident_id,
        ),
        _claim(
            f"{inc.id}-media-1",
            ids["media-report"],
            day + dt.timedelta(days=3),
            f"به گزارش شبکهٔ حقوق بشری، {to_persian_digits(str(lo))} نفر در {city} کشته شدند",
            count=(lo, hi),
            subject=subject,
            incident=incident_id,
            supports=[base],
        ),
        _claim(
            f"{inc.id}-media-2",
            "media-2",
            day + dt.timedelta(days=4),
            f"At least {lo} killed in {inc.city}, the documentation network says",
            count=(lo, hi),
            subject=subject,
            incident=incident_id,
            relays=network,
            supports=[base],
        ),
    ]
    if rank % 2 == 0:
        family = f"family-{inc.id}"
        lines.insert(
            0,
            _source_line(
                family,
                f"Families of the dead, {inc.city} ({inc.id})",
                "family",
                "usually_reliable",
                "Relatives' testimony.",
            ),
        )
        lines.append(
            _claim(
                f"{inc.id}-family",
                family,
                day + dt.timedelta(days=6),
                f"خانواده‌ها پیکر {to_persian_digits(str(lo))} تن را در {city} شناسایی کردند",
                count=(lo, hi),
                subject=subject,
                incident=incident_id,
                supports=[base],
            )
        )
        if rank % 4 == 0:
            lines[-1:] = _with_verified_report(lines[-1])
    witness = next((ids[w] for w in _WITNESSES if w in inc.sources and w in ids), None)
    if rank % 3 == 1 and witness is not None:
        lines.append(
            _claim(
                f"{inc.id}-witness",
                witness,
                day + dt.timedelta(days=1),
                f"نیروهای امنیتی در {city} به سوی معترضان شلیک کردند",
                kind="act_occurred",
                subject={"act": "killing", "city": city, "date": day.isoformat()},
                incident=incident_id,
                supports=[base],
            )
        )
    if rank == 1:
        lines.append(
            _claim(
                f"{inc.id}-hospital",
                ids["medical-1"],
                day + dt.timedelta(days=5),
                f"بیمارستان {city}: {to_persian_digits(str(hi + 10))} پیکر دریافت شد",
                count=(hi + 10, hi + 20),
                subject=subject,
                incident=incident_id,
                contradicts=[base],
            )
        )
    if rank == 2:
        lines.append(
            _claim(
                f"{inc.id}-opposition",
                "opposition-channel",
                day + dt.timedelta(days=2),
                f"{to_persian_digits(str(hi * 5))} نفر در {city} قتل‌عام شدند",
                count=(hi * 5, None),
                subject=subject,
                incident=incident_id,
                contradicts=[base],
            )
        )
        lines.append(
            _claim(
                f"{inc.id}-police-denial",
                "police-command",
                day + dt.timedelta(days=1),
                f"فرماندهی انتظامی: در {city} هیچ‌کس کشته نشد",
                count=(0, 0),
                subject=subject,
                incident=incident_id,
                contradicts=[base],
                stance="denies",
            )
        )
    return lines


def _with_verified_report(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """A claim line rewritten to cite a report line whose photographs an analyst verified."""
    claim = dict(claim)
    report_id = f"{claim['id']}.report"
    report = {
        "type": "report",
        "id": report_id,
        "source": claim.pop("source"),
        "title": "Family testimony with photographs of the bodies (verified)",
        "date": claim.pop("date"),
        "evidence_verified": True,
    }
    return [report, {**claim, "report": report_id}]


def draw_claims(
    incidents: Sequence[Incident],
    sources: Sequence[Source],
    *,
    source_ids: Mapping[str, str],
    incident_ids: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Interchange lines (JSON-ready) for the scenario's claims; stored ids are given by maps."""
    lines = [_source_line(*s) for s in DEMO_SOURCES]
    ids = {**source_ids, **{s[0]: s[0] for s in DEMO_SOURCES}}
    network = source_ids[sources[0].id]
    for rank, inc in enumerate(incidents):
        if inc.id in incident_ids:
            lines += _incident_claims(rank, inc, network, ids, incident_ids[inc.id])
    national = {"status": "killed", "scope": "nationwide"}
    by_id = {s.id: s for s in sources}
    official = by_id["official-statement"].claims[0]
    estimate = by_id["independent-estimate"].claims[0]
    lines.append(
        _claim(
            "national-independent",
            source_ids["independent-estimate"],
            estimate.date,
            estimate.text_fa,
            kind="national_count",
            count=(estimate.count_min, estimate.count_max),
            subject=national,
        )
    )
    lines.append(
        _claim(
            "national-official",
            source_ids["official-statement"],
            official.date,
            official.text_fa + " کشته شدند",
            kind="national_count",
            count=(official.count_min, official.count_max),
            subject=national,
            contradicts=["national-independent"],
        )
    )
    lines.append(
        _claim(
            "national-opposition",
            "opposition-channel",
            official.date + dt.timedelta(days=1),
            f"{to_persian_digits('50000')} نفر کشته شدند",
            kind="national_count",
            count=(50_000, None),
            subject=national,
            contradicts=["national-independent"],
        )
    )
    return lines
