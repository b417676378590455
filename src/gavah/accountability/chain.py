"""Command chains: who commanded the units involved in an incident, and the reverse.

Owns :func:`incident_days`, :func:`unit_chains` (the paths from a unit up to the top of the
hierarchy on a range of days, with the commanders of each level), :func:`command_chain` (that,
for every unit an incident is attributed to) and :func:`incidents_under_command` (every incident
attributed to a unit under an official's command while they held the post, with the claims and
evidence behind each link). Partial dates follow :mod:`gavah.accountability.periods`: each
commander and each parent link is reported as a *certain* or *possible* cover of the incident's
days, and a link's certainty is that of its weakest step. No I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gavah.accountability.attribution import Attribution
from gavah.accountability.errors import AccountabilityError
from gavah.accountability.periods import Coverage
from gavah.accountability.sourcing import Confidence
from gavah.accountability.structure import Posting, Structure, UnitParent
from gavah.model import Incident, Official, Unit

__all__ = [
    "ChainLevel",
    "CommandAnswer",
    "CommandLink",
    "Holder",
    "UnitChain",
    "command_chain",
    "incident_days",
    "incidents_under_command",
    "unit_chains",
    "weakest",
]


@dataclass(frozen=True, slots=True)
class Holder:
    """An official whose commanding post covers the days asked about."""

    official: Official
    posting: Posting
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class ChainLevel:
    """One unit of a chain, with how it was reached and who commanded it.

    Attributes:
        unit: the unit.
        via: the relation that put the previous level under this one (``None`` for the first).
        coverage: whether that relation covers the days (``CERTAIN`` for the first level).
        commanders: the commanding posts that cover the days, certain ones first.
    """

    unit: Unit
    via: UnitParent | None
    coverage: Coverage
    commanders: tuple[Holder, ...]


@dataclass(frozen=True, slots=True)
class UnitChain:
    """An attribution and one path from its unit up to the top on the incident's days."""

    attribution: Attribution
    levels: tuple[ChainLevel, ...]


@dataclass(frozen=True, slots=True)
class CommandAnswer:
    """Who commanded the units an incident is attributed to, and through which chains."""

    incident: Incident
    first_day: dt.date
    last_day: dt.date
    chains: tuple[UnitChain, ...]


@dataclass(frozen=True, slots=True)
class CommandLink:
    """An incident linked to an official through a post they held over its unit or a parent.

    Attributes:
        incident: the incident.
        attribution: the attribution of the incident to a unit (or to the official directly).
        posting: the official's commanding post (``None`` for a direct attribution).
        path: unit ids from the attributed unit up to the post's unit.
        coverage: the weakest coverage along the way (post and parent links).
        claims: the supporting claim ids with their grade (``None`` when ungraded).
        evidence_ids: the vault items behind the attribution.
    """

    incident: Incident
    attribution: Attribution
    posting: Posting | None
    path: tuple[str, ...]
    coverage: Coverage
    claims: tuple[tuple[str, str | None], ...]
    evidence_ids: tuple[str, ...]

    @property
    def confidence(self) -> Confidence:
        """The attribution's confidence."""
        return self.attribution.confidence


def weakest(coverages: Iterable[Coverage]) -> Coverage:
    """The weakest of ``coverages`` (``CERTAIN`` when there are none)."""
    order = (Coverage.NONE, Coverage.POSSIBLE, Coverage.CERTAIN)
    return min(coverages, key=order.index, default=Coverage.CERTAIN)


def incident_days(incident: Incident) -> tuple[dt.date, dt.date]:
    """The first and last day an incident may have happened on.

    Raises:
        AccountabilityError: the incident has no start date.
    """
    start = incident.span.start
    if start is None:
        raise AccountabilityError(f"incident {incident.id} has no date: no command chain")
    end = incident.span.end or start
    return start.to_date(), end.last_date()


@dataclass(frozen=True, slots=True)
class _Index:
    """A structure's records by the keys the chain walks (built once per query)."""

    units: dict[str, Unit]
    officials: dict[str, Official]
    commanding: dict[str, list[Posting]]
    parents: dict[str, list[UnitParent]]


def _index(structure: Structure) -> _Index:
    commanding: dict[str, list[Posting]] = {}
    for posting in structure.postings:
        if posting.commands:
            commanding.setdefault(posting.unit_id, []).append(posting)
    parents: dict[str, list[UnitParent]] = {}
    for relation in structure.parents:
        parents.setdefault(relation.unit_id, []).append(relation)
    return _Index(
        {unit.id: unit for unit in structure.units},
        {official.id: official for official in structure.officials},
        commanding,
        parents,
    )


def _commanders(index: _Index, unit_id: str, first: dt.date, last: dt.date) -> tuple[Holder, ...]:
    holders = []
    for posting in index.commanding.get(unit_id, ()):
        coverage = posting.period.covers(first, last)
        official = index.officials.get(posting.official_id)
        if coverage is not Coverage.NONE and official is not None:
            holders.append(Holder(official, posting, coverage))
    holders.sort(key=lambda h: (h.coverage is not Coverage.CERTAIN, h.posting.period.earliest()))
    return tuple(holders)


def unit_chains(
    structure: Structure,
    unit_id: str,
    first: dt.date,
    last: dt.date,
    *,
    _prebuilt: _Index | None = None,
) -> list[tuple[ChainLevel, ...]]:
    """Every path from ``unit_id`` up to the top of the hierarchy on days ``first``..``last``.

    There is one path unless a unit possibly changed parent in those days.

    Raises:
        AccountabilityError: the unit is unknown.
    """
    index = _prebuilt or _index(structure)
    units = index.units
    if unit_id not in units:
        raise AccountabilityError(f"unknown unit {unit_id!r}")
    paths: list[tuple[ChainLevel, ...]] = []

    def climb(levels: tuple[ChainLevel, ...]) -> None:
        current = levels[-1].unit.id
        seen = {level.unit.id for level in levels}
        ups = [
            (relation, relation.period.covers(first, last))
            for relation in index.parents.get(current, ())
            if relation.parent_id in units and relation.parent_id not in seen
        ]
        ups = [(r, c) for r, c in ups if c is not Coverage.NONE]
        if not ups:
            paths.append(levels)
            return
        for relation, coverage in sorted(ups, key=lambda rc: rc[1] is not Coverage.CERTAIN):
            parent = units[relation.parent_id]
            holders = _commanders(index, parent.id, first, last)
            climb((*levels, ChainLevel(parent, relation, coverage, holders)))

    start = units[unit_id]
    climb((ChainLevel(start, None, Coverage.CERTAIN, _commanders(index, unit_id, first, last)),))
    return paths


def command_chain(
    structure: Structure,
    incident: Incident,
    attributions: Iterable[Attribution],
    *,
    _prebuilt: _Index | None = None,
) -> CommandAnswer:
    """Who commanded the units ``incident`` is attributed to on its date, up to the top.

    Raises:
        AccountabilityError: the incident has no date, or an attribution names an unknown unit.
    """
    index = _prebuilt or _index(structure)
    first, last = incident_days(incident)
    chains = []
    for attribution in attributions:
        if attribution.incident_id != incident.id or attribution.unit_id is None:
            continue
        for levels in unit_chains(structure, attribution.unit_id, first, last, _prebuilt=index):
            chains.append(UnitChain(attribution, levels))
    return CommandAnswer(incident, first, last, tuple(chains))


def incidents_under_command(
    structure: Structure,
    official_id: str,
    incidents: Iterable[Incident],
    attributions: Iterable[Attribution],
    grades: Mapping[str, str] | None = None,
) -> list[CommandLink]:
    """Every incident attributed to units under ``official_id``'s command while they held it.

    Also the incidents attributed to the official directly. ``grades`` maps claim ids to their
    grade (from ``gavah.verify``), when known.

    Raises:
        AccountabilityError: the official is unknown, or an incident cannot be placed in time.
    """
    if structure.official(official_id) is None:
        raise AccountabilityError(f"unknown official {official_id!r}")
    grades = grades or {}
    index = _index(structure)
    by_id = {incident.id: incident for incident in incidents}
    links: list[CommandLink] = []
    for attribution in attributions:
        incident = by_id.get(attribution.incident_id)
        if incident is None:
            continue
        claims = tuple((claim, grades.get(claim)) for claim in attribution.claim_ids)
        if attribution.official_id == official_id:
            links.append(
                CommandLink(
                    incident,
                    attribution,
                    None,
                    (),
                    Coverage.CERTAIN,
                    claims,
                    attribution.evidence_ids,
                )
            )
        if attribution.unit_id is None or incident.span.start is None:
            continue
        answer = command_chain(structure, incident, [attribution], _prebuilt=index)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for chain in answer.chains:
            for depth, level in enumerate(chain.levels):
                for holder in level.commanders:
                    if holder.official.id != official_id:
                        continue
                    path = tuple(lv.unit.id for lv in chain.levels[: depth + 1])
                    if (holder.posting.id, path) in seen:
                        continue
                    seen.add((holder.posting.id, path))
                    steps = [lv.coverage for lv in chain.levels[: depth + 1]]
                    coverage = weakest([*steps, holder.coverage])
                    links.append(
                        CommandLink(
                            incident,
                            attribution,
                            holder.posting,
                            path,
                            coverage,
                            claims,
                            attribution.evidence_ids,
                        )
                    )
    links.sort(key=lambda link: (incident_sort_key(link.incident), link.attribution.id))
    return links


def incident_sort_key(incident: Incident) -> tuple[dt.date, str]:
    """Incidents by first day (undated last), then id."""
    start = incident.span.start
    return (dt.date.max if start is None else start.to_date(), incident.id)
