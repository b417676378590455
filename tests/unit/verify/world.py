"""A small synthetic world for the grading tests: sources, reports and claims in one line each."""

from __future__ import annotations

from dataclasses import dataclass, field

from gavah.model import Claim, ClaimKind, ClaimStance, Report, Source, SourceKind, VictimCount
from gavah.model.source import Reliability

ABDANAN = {"status": "killed", "province": "IR-16", "city": "آبدانان", "date": "2026-01-09"}


@dataclass
class World:
    """Sources, reports and claims added by short calls; ids are the names given."""

    sources: list[Source] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def source(
        self,
        sid: str,
        kind: SourceKind,
        reliability: Reliability = Reliability.USUALLY_RELIABLE,
        origin: str | None = None,
    ) -> str:
        self.sources.append(Source(sid, sid, kind, origin_id=origin, reliability=reliability))
        return sid

    def claim(
        self,
        cid: str,
        source: str,
        *,
        relays: str | None = None,
        verified: bool = False,
        low: int = 40,
        high: int | None = 45,
        kind: ClaimKind = ClaimKind.COUNT,
        supports: tuple[str, ...] = (),
        contradicts: tuple[str, ...] = (),
        text: str = "دست‌کم ۴۰ نفر در آبدانان کشته شدند",
        subject: dict[str, str] | None = None,
        person_id: str | None = None,
        stance: ClaimStance = ClaimStance.AFFIRMS,
    ) -> str:
        report = Report(
            f"r-{cid}", source, f"report {cid}", relays_source_id=relays, evidence_verified=verified
        )
        self.reports.append(report)
        self.claims.append(
            Claim(
                cid,
                report.id,
                kind,
                text,
                subject=ABDANAN if subject is None else subject,
                count=VictimCount(low, high)
                if kind in (ClaimKind.COUNT, ClaimKind.NATIONAL_COUNT)
                else None,
                supports=supports,
                contradicts=contradicts,
                person_id=person_id,
                stance=stance,
            )
        )
        return cid


def two_media_one_ngo_and_a_family(*, verified_family: bool = False) -> World:
    """Two media reports quoting one NGO (one stream) and an independent family report."""
    w = World()
    w.source("ngo", SourceKind.NGO, Reliability.RELIABLE)
    w.source("media-a", SourceKind.MEDIA, origin="ngo")  # derives from the NGO as a source
    w.source("media-b", SourceKind.MEDIA)  # independent outlet, but this report relays the NGO
    w.source("family", SourceKind.FAMILY)
    w.claim("c-ngo", "ngo")
    w.claim("c-media-a", "media-a", supports=("c-ngo",))
    w.claim("c-media-b", "media-b", relays="ngo", supports=("c-ngo",))
    w.claim("c-family", "family", verified=verified_family, supports=("c-ngo",))
    return w
