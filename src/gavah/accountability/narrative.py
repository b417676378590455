"""Per-target narratives in the structure sanctions submissions use.

Owns :class:`Narrative` and its sections, :func:`official_narrative`, :func:`incident_narrative`
and :func:`render_html`. The sections follow the submissions that sanctions authorities ask for:
identity; position (posts held, with dates); conduct (incidents with dates and places, and the
link to the target); evidence (claims with their grade, vault items with their SHA-256); and
information that cuts the other way (uncertain dates, handovers within the incident's dates,
low-confidence attributions, contradicting claims named by the caller, e.g. from
:func:`gavah.accountability.contrary.contrary_facts`). Nothing is left out because it weakens
the case. The HTML is self-contained but for the Vazirmatn font, which it
loads from ``font_base`` (shipped in ``gavah/assets/fonts``). No I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from gavah.accountability.attribution import Attribution
from gavah.accountability.chain import (
    command_chain,
    incident_days,
    incidents_under_command,
)
from gavah.accountability.errors import AccountabilityError
from gavah.accountability.periods import Coverage, Period
from gavah.accountability.sourcing import Confidence, FieldSources
from gavah.accountability.structure import Structure
from gavah.model import EvidenceItem, Incident, Official, PartialDate, Unit
from gavah.text import format_jalali

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["Fact", "Narrative", "incident_narrative", "official_narrative", "render_html"]


@dataclass(frozen=True, slots=True)
class Fact:
    """One line of a section: what is stated, and what it rests on."""

    text: str
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Narrative:
    """A narrative about one target (an official or an incident)."""

    kind: str
    target_id: str
    title: str
    title_fa: str | None
    identity: tuple[Fact, ...]
    position: tuple[Fact, ...]
    conduct: tuple[Fact, ...]
    evidence: tuple[Fact, ...]
    contrary: tuple[Fact, ...]
    prepared: dt.date
    evidence_ids: tuple[str, ...] = field(default=())


def _date(value: PartialDate | None) -> str:
    if value is None:
        return "unknown"
    text = value.isoformat()
    if value.calendar.value == "solar_hijri" and value.month is not None:
        return f"{text} (Solar Hijri {value.year}/{value.month:02d})"
    return text


def _period(period: Period) -> str:
    start = "unknown start" if period.start is None else _date(period.start)
    end = "open or unknown end" if period.end is None else _date(period.end)
    return f"{start} to {end}"


def _basis(sources: FieldSources) -> str:
    return "; ".join(
        f"{name}: {', '.join(s.citations)} ({s.confidence})" for name, s in sorted(sources.items())
    )


def _unit_name(unit: Unit | None, unit_id: str) -> str:
    if unit is None:
        return unit_id
    if unit.name_en and unit.name_fa:
        return f"{unit.name_en} ({unit.name_fa})"
    return unit.name_en or unit.name_fa or unit.id


def _incident_when_where(incident: Incident) -> str:
    first, last = incident_days(incident)
    when = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    jalali = format_jalali(first)
    return f"{when} (Solar Hijri {jalali}), {incident.place.name}"


def _claims(claims: Iterable[tuple[str, str | None]]) -> str:
    return ", ".join(f"{claim} [{grade or 'ungraded'}]" for claim, grade in claims)


def _evidence_facts(ids: Iterable[str], items: Mapping[str, EvidenceItem]) -> list[Fact]:
    facts = []
    for evidence_id in sorted(set(ids)):
        item = items.get(evidence_id)
        if item is None:
            facts.append(Fact(f"evidence {evidence_id}", "not in the vault export"))
            continue
        facts.append(
            Fact(
                f"{item.original_filename} ({item.media_type}, {item.size} bytes), "
                f"received {item.received_at.date().isoformat()}",
                f"evidence {item.id}; SHA-256 {item.sha256}",
            )
        )
    return facts


def official_narrative(
    structure: Structure,
    official_id: str,
    *,
    incidents: Iterable[Incident],
    attributions: Iterable[Attribution],
    evidence: Mapping[str, EvidenceItem],
    prepared: dt.date,
    grades: Mapping[str, str] | None = None,
    contrary: Iterable[str | Fact] = (),
) -> Narrative:
    """The narrative about an official.

    Raises:
        AccountabilityError: the official is unknown.
    """
    official = structure.official(official_id)
    if official is None:
        raise AccountabilityError(f"unknown official {official_id!r}")
    units = {unit.id: unit for unit in structure.units}
    identity = _identity(official, structure.official_sources.get(official.id, {}))
    position = [
        Fact(
            f"{posting.title}{f' ({posting.rank})' if posting.rank else ''} of "
            f"{_unit_name(units.get(posting.unit_id), posting.unit_id)}, {_period(posting.period)}"
            + (" — commanding post" if posting.commands else ""),
            _basis(posting.sources),
        )
        for posting in sorted(structure.postings, key=lambda p: p.period.earliest())
        if posting.official_id == official.id
    ]
    links = incidents_under_command(structure, official.id, incidents, attributions, grades)
    conduct: list[Fact] = []
    against = [c if isinstance(c, Fact) else Fact(c) for c in contrary]
    evidence_ids: list[str] = []
    for link in links:
        unit_id = link.attribution.unit_id
        how = (
            "attributed to the target directly"
            if link.posting is None
            else f"attributed to {_unit_name(units.get(unit_id or ''), unit_id or '')}, "
            f"under the target's command as {link.posting.title} of "
            f"{_unit_name(units.get(link.posting.unit_id), link.posting.unit_id)}"
            + (f" (chain: {' → '.join(link.path)})" if len(link.path) > 1 else "")
        )
        conduct.append(
            Fact(
                f"{link.incident.description or 'Incident'} — "
                f"{_incident_when_where(link.incident)}: {how}",
                f"attribution {link.attribution.id} ({link.confidence} confidence); claims "
                f"{_claims(link.claims)}",
            )
        )
        evidence_ids.extend(link.evidence_ids)
        if link.coverage is Coverage.POSSIBLE:
            against.append(
                Fact(
                    f"The dates of incident {link.incident.id} and of the post or chain are known "
                    "only in part: the target possibly, not certainly, held the command then.",
                    f"attribution {link.attribution.id}",
                )
            )
        if link.confidence is Confidence.LOW:
            against.append(
                Fact(
                    f"The attribution of incident {link.incident.id} has low confidence.",
                    f"attribution {link.attribution.id}",
                )
            )
    if not conduct:
        against.append(Fact("No incident is attributed to units under the target's command."))
    return Narrative(
        kind="official",
        target_id=official.id,
        title=official.name_en or official.name_fa or official.id,
        title_fa=official.name_fa,
        identity=tuple(identity),
        position=tuple(position),
        conduct=tuple(conduct),
        evidence=tuple(_evidence_facts(evidence_ids, evidence)),
        contrary=tuple(against),
        prepared=prepared,
        evidence_ids=tuple(sorted(set(evidence_ids))),
    )


def _identity(official: Official, sources: FieldSources) -> list[Fact]:
    facts = [Fact(f"Gavah id: {official.id}")]
    if official.name_fa:
        basis = _basis({k: v for k, v in sources.items() if k == "name_fa"})
        facts.append(Fact(f"Name (Persian): {official.name_fa}", basis))
    if official.name_en:
        basis = _basis({k: v for k, v in sources.items() if k == "name_en"})
        facts.append(Fact(f"Name (Latin script): {official.name_en}", basis))
    if official.description:
        facts.append(Fact(official.description))
    return facts


def incident_narrative(
    structure: Structure,
    incident: Incident,
    *,
    attributions: Iterable[Attribution],
    evidence: Mapping[str, EvidenceItem],
    prepared: dt.date,
    grades: Mapping[str, str] | None = None,
    contrary: Iterable[str | Fact] = (),
) -> Narrative:
    """The narrative about an incident: who was involved and who commanded them.

    Raises:
        AccountabilityError: the incident has no date.
    """
    grades = grades or {}
    mine = [a for a in attributions if a.incident_id == incident.id]
    answer = command_chain(structure, incident, mine)
    units = {unit.id: unit for unit in structure.units}
    identity = [
        Fact(f"Incident {incident.id}: {incident.description or 'no description'}"),
        Fact(f"When and where: {_incident_when_where(incident)}"),
    ]
    position, against = [], [c if isinstance(c, Fact) else Fact(c) for c in contrary]
    for chain in answer.chains:
        steps = []
        for level in chain.levels:
            who = "; ".join(
                f"{h.official.name_en or h.official.name_fa} ({h.posting.title}, "
                f"{_period(h.posting.period)}, {h.coverage})"
                for h in level.commanders
            )
            steps.append(f"{_unit_name(level.unit, level.unit.id)}: {who or 'commander unknown'}")
            if len(level.commanders) > 1 or any(
                h.coverage is Coverage.POSSIBLE for h in level.commanders
            ):
                against.append(
                    Fact(
                        f"The command of {_unit_name(level.unit, level.unit.id)} on the incident's "
                        "dates is not certain: "
                        + ", ".join(
                            f"{h.official.name_en or h.official.name_fa} ({h.coverage})"
                            for h in level.commanders
                        ),
                    )
                )
        position.append(Fact(" → ".join(steps), f"attribution {chain.attribution.id}"))
    conduct = []
    evidence_ids: list[str] = []
    for attribution in mine:
        target = (
            _unit_name(units.get(attribution.unit_id), attribution.unit_id)
            if attribution.unit_id
            else ""
        )
        if attribution.official_id:
            person = structure.official(attribution.official_id)
            name = person.name_en or person.name_fa if person else attribution.official_id
            target = f"{target}; {name}" if target else str(name)
        conduct.append(
            Fact(
                f"Attributed to {target}" + (f": {attribution.note}" if attribution.note else ""),
                f"attribution {attribution.id} ({attribution.confidence} confidence); claims "
                f"{_claims((c, grades.get(c)) for c in attribution.claim_ids)}",
            )
        )
        evidence_ids.extend(attribution.evidence_ids)
        if attribution.confidence is Confidence.LOW:
            against.append(Fact(f"Attribution {attribution.id} has low confidence."))
    if incident.span.start is not None and incident.span.start.precision.value != "day":
        against.append(Fact("The incident's date is known only to the month or year."))
    return Narrative(
        kind="incident",
        target_id=incident.id,
        title=incident.description or f"Incident {incident.id}",
        title_fa=None,
        identity=tuple(identity),
        position=tuple(position),
        conduct=tuple(conduct),
        evidence=tuple(_evidence_facts(evidence_ids, evidence)),
        contrary=tuple(against),
        prepared=prepared,
        evidence_ids=tuple(sorted(set(evidence_ids))),
    )


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ n.title }}</title>
<style>
@font-face { font-family: "Vazirmatn"; src: url("{{ font_base }}Vazirmatn-Regular.ttf"); }
@font-face { font-family: "Vazirmatn"; font-weight: bold;
  src: url("{{ font_base }}Vazirmatn-Bold.ttf"); }
@page { size: A4; margin: 2cm;
  @bottom-center { content: counter(page) " / " counter(pages); font-family: "Vazirmatn"; } }
body { font-family: "Vazirmatn", sans-serif; font-size: 10.5pt; line-height: 1.5; color: #111; }
h1 { font-size: 18pt; margin-bottom: 0; } h2 { font-size: 13pt; border-bottom: 1px solid #888; }
.fa { direction: rtl; unicode-bidi: isolate; } .basis { color: #555; font-size: 9pt; }
.meta { color: #555; } li { margin-bottom: 0.4em; }
</style>
</head>
<body>
<h1>{{ n.title }}</h1>
{% if n.title_fa %}<p class="fa" dir="rtl" lang="fa">{{ n.title_fa }}</p>{% endif %}
<p class="meta">{{ kind_label }} · prepared {{ n.prepared.isoformat() }} · Gavah</p>
{% for heading, facts in sections %}
<section>
<h2>{{ heading }}</h2>
{% if facts %}<ol>
{% for f in facts %}<li><span dir="ltr">{{ f.text | bidi }}</span>{% if f.basis %}<br>
<span class="basis" dir="ltr">{{ f.basis | bidi }}</span>{% endif %}</li>
{% endfor %}</ol>{% else %}<p>None recorded.</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""

# A run of Arabic-script letters (with the spaces, ZWNJ and digits inside it).
_PERSIAN_RUN = re.compile(
    "[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]"
    "(?:[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\u200c0-9 ]*"
    "[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff])?"
)


def _bidi(text: str) -> Markup:
    """Escape ``text`` and isolate each Persian run, so it reads right to left inside a
    left-to-right sentence without reordering the numbers and punctuation around it."""
    escaped = str(escape(text))
    return Markup(  # noqa: S704 - built from escaped text and a fixed tag
        _PERSIAN_RUN.sub(lambda m: f'<bdi dir="rtl" lang="fa">{m.group(0)}</bdi>', escaped)
    )


@cache
def _environment() -> Environment:
    """The Jinja2 environment (imported on first use: the CLI starts without it)."""
    from jinja2 import Environment, select_autoescape  # noqa: PLC0415 - only on use

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["bidi"] = _bidi
    return env


def render_html(narrative: Narrative, *, font_base: str = "fonts/") -> str:
    """The narrative as one HTML page; fonts are loaded from ``font_base``."""
    sections = [
        ("1. Identity", narrative.identity),
        ("2. Position", narrative.position),
        ("3. Conduct", narrative.conduct),
        ("4. Evidence", narrative.evidence),
        ("5. Information that cuts the other way", narrative.contrary),
    ]
    label = "Official" if narrative.kind == "official" else "Incident"
    return (
        _environment()
        .from_string(_TEMPLATE)
        .render(n=narrative, sections=sections, kind_label=label, font_base=font_base)
    )
