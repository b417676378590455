"""FollowTheMoney entities for a sanctions package, and their validation.

Owns :func:`build_entities` (units and organisations → ``Organization``, officials → ``Person``,
posts → ``Position``, postings → ``Occupancy``, unit hierarchy → ``Membership``, organisation
links → ``UnknownLink``, incidents → ``Event``, vault items → ``Document`` linked to the event by
``Documentation``) and :func:`validate_entities` (every entity checked by the ``followthemoney``
library's schema, and no ``Sanction`` among them: a Sanction asserts an existing listing, which a
proposal for listing must never do). Entities are FtM's plain dictionaries
(``{"id", "schema", "properties"}``), ready for JSON lines.

FtM's ``contentHash`` is a SHA-1 by convention (Aleph); the caller passes each item's SHA-1 and
the vault's SHA-256 becomes part of the Document's id (``gavah-sha256-<hex>``), so either hash
finds the item. FtM dates are ISO prefixes: a Solar Hijri month is written as the narrowest
Gregorian prefix that contains it (Farvardin 1403 → ``2024``), or left out (and stated in the
description) when none does (Dey 1404 straddles two years).
No I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.schema import ValidationData

from gavah.accountability.attribution import Attribution
from gavah.accountability.errors import AccountabilityError
from gavah.accountability.periods import Period
from gavah.accountability.sourcing import FieldSources
from gavah.accountability.structure import Structure
from gavah.model import Calendar, EvidenceItem, Incident, PartialDate

__all__ = [
    "FORBIDDEN_SCHEMATA",
    "Entity",
    "EvidenceFile",
    "build_entities",
    "document_id",
    "entity_id",
    "ftm_date",
    "validate_entities",
]

Entity = dict[str, Any]
"""An FtM entity as a dictionary: ``{"id", "schema", "properties": {name: [values]}}``."""

#: Schemata a proposal must never contain: they assert an existing listing or designation.
FORBIDDEN_SCHEMATA = frozenset({"Sanction"})
_PUBLISHER = "Gavah"
_COUNTRY = "ir"


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A vault item with the SHA-1 of its original (FtM's ``contentHash``)."""

    item: EvidenceItem
    sha1: str


def entity_id(kind: str, key: str) -> str:
    """The FtM id of a Gavah record: ``gavah-<kind>-<key>``."""
    return f"gavah-{kind}-{key}"


def document_id(sha256: str) -> str:
    """The FtM id of a vault item's Document: ``gavah-sha256-<hex>``."""
    return entity_id("sha256", sha256)


def ftm_date(value: PartialDate | None) -> str | None:
    """An FtM date (ISO prefix) for ``value``, or ``None`` when no prefix states it honestly."""
    if value is None:
        return None
    if value.calendar is Calendar.GREGORIAN:
        return value.isoformat()
    first, last = value.to_date(), value.last_date()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


def _position_id(unit_id: str, title: str) -> str:
    # One Position per (unit, title); the title may be Persian, so the id uses its hash.
    digest = hashlib.sha1(f"{unit_id}\n{title}".encode(), usedforsecurity=False).hexdigest()
    return entity_id("position", f"{unit_id}-{digest[:16]}")


def _sources_text(sources: FieldSources) -> str:
    parts = []
    for name, sourcing in sorted(sources.items()):
        cited = ""
        if sourcing.first_cited or sourcing.last_cited:
            first = sourcing.first_cited.isoformat() if sourcing.first_cited else "?"
            last = sourcing.last_cited.isoformat() if sourcing.last_cited else "?"
            cited = f", cited {first} to {last}"
        parts.append(
            f"{name}: {', '.join(sourcing.citations)} ({sourcing.confidence} confidence{cited})"
        )
    return "; ".join(parts)


def _period_text(period: Period) -> str:
    return f"period {period.describe()}"


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}

    def add(self, schema: str, key: str, **properties: Iterable[str] | str | None) -> str:
        props: dict[str, list[str]] = {}
        for name, value in properties.items():
            values = [value] if isinstance(value, str) or value is None else list(value)
            cleaned = [v for v in values if v]
            if cleaned:
                props[name] = cleaned
        props.setdefault("publisher", [_PUBLISHER])
        existing = self.entities.get(key)
        if existing is not None:
            for name, values in props.items():
                merged = existing["properties"].setdefault(name, [])
                merged.extend(v for v in values if v not in merged)
            return key
        self.entities[key] = {"id": key, "schema": schema, "properties": props}
        return key


def _dates(period: Period) -> dict[str, str | None]:
    return {"startDate": ftm_date(period.start), "endDate": ftm_date(period.end)}


def _described(*parts: str | None) -> str | None:
    text = " ".join(part for part in parts if part)
    return text or None


def build_entities(
    structure: Structure,
    incidents: Iterable[Incident] = (),
    attributions: Iterable[Attribution] = (),
    evidence: Iterable[EvidenceFile] = (),
) -> list[Entity]:
    """The FtM entities for ``structure`` and the attributed incidents, in a stable order.

    Raises:
        AccountabilityError: an attribution names an incident, unit or official not given, or
            a Document's hash is not a SHA-1.
    """
    out = _Builder()
    units = {unit.id: unit for unit in structure.units}
    officials = {official.id: official for official in structure.officials}
    for unit in structure.units:
        out.add(
            "Organization",
            entity_id("unit", unit.id),
            name=[n for n in (unit.name_en, unit.name_fa) if n],
            country=_COUNTRY,
            sector=unit.kind.value,
            description=_described(
                unit.description, _sources_text(structure.unit_sources.get(unit.id, {}))
            ),
        )
    for org in structure.organizations:
        out.add(
            "Organization",
            entity_id("org", org.id),
            name=org.name,
            country=org.country,
            sector=org.kind.value,
            description=_described(org.description, _sources_text(org.sources)),
        )
    for official in structure.officials:
        out.add(
            "Person",
            entity_id("official", official.id),
            name=[n for n in (official.name_en, official.name_fa) if n],
            description=_described(
                official.description,
                _sources_text(structure.official_sources.get(official.id, {})),
            ),
        )
    for relation in structure.parents:
        out.add(
            "Membership",
            entity_id("relation", relation.id),
            member=entity_id("unit", relation.unit_id),
            organization=entity_id("unit", relation.parent_id),
            role="subordinate unit",
            description=_described(_period_text(relation.period), _sources_text(relation.sources)),
            **_dates(relation.period),
        )
    org_ids = {org.id for org in structure.organizations}
    for link in structure.org_relations:
        target = entity_id("org" if link.target_id in org_ids else "unit", link.target_id)
        out.add(
            "UnknownLink",
            entity_id("link", link.id),
            subject=entity_id("org", link.org_id),
            object=target,
            role=link.relation,
            description=_described(_period_text(link.period), _sources_text(link.sources)),
            **_dates(link.period),
        )
    for posting in structure.postings:
        posted = units.get(posting.unit_id)
        unit_name = (posted.name_en or posted.name_fa) if posted else posting.unit_id
        position = out.add(
            "Position",
            _position_id(posting.unit_id, posting.title),
            name=f"{posting.title}, {unit_name}",
            organization=entity_id("unit", posting.unit_id),
            country=_COUNTRY,
        )
        out.add(
            "Occupancy",
            entity_id("posting", posting.id),
            holder=entity_id("official", posting.official_id),
            post=position,
            status="commanding" if posting.commands else None,
            description=_described(
                f"rank {posting.rank}." if posting.rank else None,
                _period_text(posting.period),
                _sources_text(posting.sources),
            ),
            **_dates(posting.period),
        )
    _incidents(
        out,
        structure,
        incidents=list(incidents),
        attributions=list(attributions),
        evidence=list(evidence),
        officials=officials,
    )
    return [out.entities[key] for key in sorted(out.entities)]


def _incidents(
    out: _Builder,
    structure: Structure,
    *,
    incidents: list[Incident],
    attributions: list[Attribution],
    evidence: list[EvidenceFile],
    officials: Mapping[str, Any],
) -> None:
    known_units = {unit.id for unit in structure.units}
    files = {entry.item.id: entry for entry in evidence}
    for incident in incidents:
        mine = [a for a in attributions if a.incident_id == incident.id]
        involved = []
        for attribution in mine:
            if attribution.unit_id is not None:
                if attribution.unit_id not in known_units:
                    raise AccountabilityError(
                        f"attribution {attribution.id}: unknown unit {attribution.unit_id!r}"
                    )
                involved.append(entity_id("unit", attribution.unit_id))
            if attribution.official_id is not None:
                if attribution.official_id not in officials:
                    raise AccountabilityError(
                        f"attribution {attribution.id}: unknown official"
                        f" {attribution.official_id!r}"
                    )
                involved.append(entity_id("official", attribution.official_id))
        span = incident.span
        summary = "; ".join(
            f"attributed ({a.confidence} confidence) on claims {', '.join(a.claim_ids)}"
            for a in mine
        )
        event = out.add(
            "Event",
            entity_id("incident", incident.id),
            name=incident.description or f"Incident at {incident.place.name}",
            startDate=ftm_date(span.start),
            endDate=ftm_date(span.end),
            location=incident.place.name,
            country=_COUNTRY,
            involved=involved,
            summary=summary or None,
        )
        for attribution in mine:
            for evidence_id in attribution.evidence_ids:
                entry = files.get(evidence_id)
                if entry is None:
                    continue
                doc = _document(out, entry)
                out.add(
                    "Documentation",
                    entity_id("documentation", f"{incident.id}-{evidence_id}"),
                    document=doc,
                    entity=event,
                    role="evidence",
                )


def _document(out: _Builder, entry: EvidenceFile) -> str:
    item = entry.item
    sha1 = entry.sha1.lower()
    if len(sha1) != 40 or any(c not in "0123456789abcdef" for c in sha1):
        raise AccountabilityError(f"evidence {item.id}: {entry.sha1!r} is not a SHA-1")
    return out.add(
        "Document",
        document_id(item.sha256),
        title=item.original_filename,
        fileName=item.original_filename,
        fileSize=str(item.size),
        mimeType=item.media_type,
        contentHash=sha1,
        retrievedAt=item.received_at.astimezone(dt.UTC).date().isoformat(),
        description=f"Gavah evidence {item.id}; sha256 {item.sha256}",
    )


def validate_entities(entities: Iterable[Entity]) -> int:
    """Check every entity against its FtM schema; return how many were checked.

    Raises:
        AccountabilityError: an entity's schema is unknown or a Sanction, a property is not in
            its schema, a value is invalid, or an entity refers to an id not among them.
    """
    entities = list(entities)
    ids = {entity["id"] for entity in entities}
    for entity in entities:
        name = entity.get("schema")
        schema = model.get(name) if isinstance(name, str) else None
        where = f"FtM entity {entity.get('id')!r}"
        if schema is None:
            raise AccountabilityError(f"{where}: unknown schema {name!r}")
        if any(schema.is_a(forbidden) for forbidden in FORBIDDEN_SCHEMATA):
            raise AccountabilityError(
                f"{where}: a {name} asserts an existing listing; never emit one"
            )
        properties = entity.get("properties", {})
        unknown = sorted(set(properties) - set(schema.properties))
        if unknown:
            raise AccountabilityError(f"{where}: {name} has no property {unknown[0]!r}")
        missing = sorted(p for p in schema.required if not properties.get(p))
        if missing:
            raise AccountabilityError(f"{where}: {name} needs {missing[0]!r}")
        try:
            schema.validate(cast("ValidationData", entity))
        except InvalidData as err:
            raise AccountabilityError(f"{where}: {err} {err.errors}") from None
        for prop_name, values in properties.items():
            prop = schema.properties[prop_name]
            if prop.type.name == "entity":
                for value in values:
                    if value not in ids:
                        raise AccountabilityError(
                            f"{where}: {prop_name} refers to {value!r}, which is not exported"
                        )
    return len(entities)
