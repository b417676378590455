"""Perpetrator structure: units and officials.

Owns :class:`Unit` (an IRGC corps, a Basij base, a police special unit, a court branch, a prison)
and :class:`Official` (a person holding posts in them): names and kinds only. Parent units over
time, postings, field-level sourcing and attribution live in :mod:`gavah.accountability`.
"""

from __future__ import annotations

from dataclasses import dataclass

from gavah.model.rules import check_id, check_optional_text, require
from gavah.model.vocabulary import UnitKind

__all__ = ["Official", "Unit"]


@dataclass(frozen=True, slots=True)
class Unit:
    """A security, judicial or detention unit.

    Attributes:
        id: stable id.
        name_fa: name in Persian script.
        name_en: name in English / Latin script.
        kind: broad family of the unit.
        description: free text.
    """

    id: str
    name_fa: str | None = None
    name_en: str | None = None
    kind: UnitKind = UnitKind.OTHER
    description: str | None = None

    def __post_init__(self) -> None:
        check_id("unit id", self.id)
        check_optional_text("unit Persian name", self.name_fa)
        check_optional_text("unit English name", self.name_en)
        require(self.name_fa is not None or self.name_en is not None, "a unit needs a name")
        require(isinstance(self.kind, UnitKind), f"unknown unit kind {self.kind!r}")
        check_optional_text("unit description", self.description)


@dataclass(frozen=True, slots=True)
class Official:
    """A person who holds or held posts in units.

    Attributes:
        id: stable id.
        name_fa: name in Persian script.
        name_en: name in Latin script.
        description: free text.
    """

    id: str
    name_fa: str | None = None
    name_en: str | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        check_id("official id", self.id)
        check_optional_text("official Persian name", self.name_fa)
        check_optional_text("official Latin name", self.name_en)
        require(self.name_fa is not None or self.name_en is not None, "an official needs a name")
        check_optional_text("official description", self.description)
