"""The perpetrator structure over time: parent units, postings, organisations and their links.

Owns :class:`UnitParent` (unit A was under unit B for a period), :class:`Posting` (an official
held a title in a unit for a period; a commanding post has one holder at a time),
:class:`OrgKind`, :class:`Organization` (a company or other body that enables repression),
:class:`OrgRelation` (an organisation's link to a unit or another organisation, such as supplying
surveillance technology) and :class:`Structure` (all of it, with the units and officials of
:mod:`gavah.model`). Every record carries field-level :class:`~gavah.accountability.Sourcing`.
Whether a structure holds together is :mod:`gavah.accountability.validation`'s business. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol, TypeVar

from gavah.accountability.periods import Period
from gavah.accountability.sourcing import FieldSources, freeze_sources
from gavah.model import Official, Unit
from gavah.model.rules import check_id, check_optional_text, check_text, require

__all__ = [
    "OrgKind",
    "OrgRelation",
    "Organization",
    "Posting",
    "Structure",
    "UnitParent",
    "merge",
]


def _sources(value: FieldSources) -> FieldSources:
    return freeze_sources(value)


@dataclass(frozen=True, slots=True)
class UnitParent:
    """Unit ``unit_id`` was under ``parent_id`` during ``period``.

    Attributes:
        id: stable id.
        unit_id: the subordinate unit.
        parent_id: the unit it answered to.
        period: when.
        sources: field name (``parent``, ``start``, ``end``) → sourcing.
    """

    id: str
    unit_id: str
    parent_id: str
    period: Period = field(default_factory=Period)
    sources: FieldSources = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        check_id("relation id", self.id)
        check_id("unit id", self.unit_id)
        check_id("parent unit id", self.parent_id)
        require(isinstance(self.period, Period), "a relation's period must be a Period")
        object.__setattr__(self, "sources", _sources(self.sources))


@dataclass(frozen=True, slots=True)
class Posting:
    """Official ``official_id`` held ``title`` in unit ``unit_id`` during ``period``.

    Attributes:
        id: stable id.
        official_id: who.
        unit_id: where.
        title: the post ("commander", "فرمانده").
        rank: military or police rank, if any.
        commands: whether the post commands the unit; such a post has one holder at a time.
        period: when.
        sources: field name (``title``, ``rank``, ``start``, ``end``, ``unit``) → sourcing.
    """

    id: str
    official_id: str
    unit_id: str
    title: str
    rank: str | None = None
    commands: bool = False
    period: Period = field(default_factory=Period)
    sources: FieldSources = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        check_id("posting id", self.id)
        check_id("official id", self.official_id)
        check_id("unit id", self.unit_id)
        check_text("posting title", self.title)
        check_optional_text("posting rank", self.rank)
        require(isinstance(self.commands, bool), "commands must be true or false")
        require(isinstance(self.period, Period), "a posting's period must be a Period")
        object.__setattr__(self, "sources", _sources(self.sources))


class OrgKind(StrEnum):
    """What kind of organisation (not a security unit) it is."""

    COMPANY = "company"
    STATE_BODY = "state_body"
    FOUNDATION = "foundation"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Organization:
    """A company or other body that enables repression (a surveillance supplier, say).

    Attributes:
        id: stable id.
        name: its name (any script).
        kind: what it is.
        country: ISO 3166-1 alpha-2 code of its jurisdiction, lowercase, if known.
        description: free text.
        sources: field name → sourcing.
    """

    id: str
    name: str
    kind: OrgKind = OrgKind.COMPANY
    country: str | None = None
    description: str | None = None
    sources: FieldSources = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        check_id("organisation id", self.id)
        check_text("organisation name", self.name)
        require(isinstance(self.kind, OrgKind), f"unknown organisation kind {self.kind!r}")
        if self.country is not None:
            require(
                len(self.country) == 2 and self.country.isascii() and self.country.isalpha(),
                f"country must be a two-letter code, not {self.country!r}",
            )
        check_optional_text("organisation description", self.description)
        object.__setattr__(self, "sources", _sources(self.sources))


@dataclass(frozen=True, slots=True)
class OrgRelation:
    """Organisation ``org_id`` stood in ``relation`` to ``target_id`` (a unit or organisation).

    Attributes:
        id: stable id.
        org_id: the organisation.
        target_id: a unit id or organisation id.
        relation: what the link is ("supplier of surveillance technology", "owned by").
        period: when.
        sources: field name → sourcing.
    """

    id: str
    org_id: str
    target_id: str
    relation: str
    period: Period = field(default_factory=Period)
    sources: FieldSources = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        check_id("relation id", self.id)
        check_id("organisation id", self.org_id)
        check_id("relation target id", self.target_id)
        check_text("relation", self.relation)
        require(isinstance(self.period, Period), "a relation's period must be a Period")
        object.__setattr__(self, "sources", _sources(self.sources))


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


def merge(mine: tuple[_R, ...], theirs: tuple[_R, ...]) -> tuple[_R, ...]:
    """``mine`` with ``theirs`` added; a record of ``theirs`` replaces one of ``mine`` by id."""
    replaced = {item.id for item in theirs}
    return tuple(item for item in mine if item.id not in replaced) + theirs


def _freeze_map(value: Mapping[str, FieldSources]) -> Mapping[str, FieldSources]:
    return MappingProxyType({key: freeze_sources(item) for key, item in value.items()})


@dataclass(frozen=True, slots=True)
class Structure:
    """Units, officials, organisations and how they were linked over time.

    ``unit_sources`` and ``official_sources`` give the field-level sourcing of the
    :mod:`gavah.model` units and officials (which carry none themselves), by id.
    """

    units: tuple[Unit, ...] = ()
    officials: tuple[Official, ...] = ()
    parents: tuple[UnitParent, ...] = ()
    postings: tuple[Posting, ...] = ()
    organizations: tuple[Organization, ...] = ()
    org_relations: tuple[OrgRelation, ...] = ()
    unit_sources: Mapping[str, FieldSources] = field(default_factory=lambda: MappingProxyType({}))
    official_sources: Mapping[str, FieldSources] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def __post_init__(self) -> None:
        for name in ("units", "officials", "parents", "postings", "organizations", "org_relations"):
            require(isinstance(getattr(self, name), tuple), f"a structure's {name} must be a tuple")
        object.__setattr__(self, "unit_sources", _freeze_map(self.unit_sources))
        object.__setattr__(self, "official_sources", _freeze_map(self.official_sources))

    def unit(self, unit_id: str) -> Unit | None:
        """The unit with ``unit_id``, or ``None``."""
        return next((unit for unit in self.units if unit.id == unit_id), None)

    def official(self, official_id: str) -> Official | None:
        """The official with ``official_id``, or ``None``."""
        return next((person for person in self.officials if person.id == official_id), None)

    def merged(self, other: Structure) -> Structure:
        """This structure with ``other``'s records added (records with a known id replaced)."""

        return Structure(
            units=merge(self.units, other.units),
            officials=merge(self.officials, other.officials),
            parents=merge(self.parents, other.parents),
            postings=merge(self.postings, other.postings),
            organizations=merge(self.organizations, other.organizations),
            org_relations=merge(self.org_relations, other.org_relations),
            unit_sources={**self.unit_sources, **other.unit_sources},
            official_sources={**self.official_sources, **other.official_sources},
        )
