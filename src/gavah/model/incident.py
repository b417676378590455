"""Incidents and the acts within them ("who did what to whom", after HURIDOCS events).

Owns :class:`Place`, :class:`Incident`, :class:`VictimCount` and :class:`Act`. An incident is a
place and a time span; each act in it has a type, a victim (a named person of the register, or a
count with a min–max range when victims are unnamed, or neither when the act has no individual
victim such as a shutdown) and a perpetrator (free text until a unit is known). Attribution and
grading live in ``gavah.accountability`` and ``gavah.verify``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gavah.model.dates import DateSpan
from gavah.model.rules import check_id, check_optional_text, check_text, require
from gavah.model.vocabulary import ActType, LocationPrecision

__all__ = ["Act", "Incident", "Place", "VictimCount"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where something happened.

    Attributes:
        name: the place as described ("Azadi Square, Abdanan").
        lat: WGS 84 latitude of the place or the centre of the area, if known.
        lon: WGS 84 longitude, present exactly when ``lat`` is.
        precision: how precisely the coordinates locate the place.
        province: province code (ISO 3166-2), if known.
    """

    name: str
    lat: float | None = None
    lon: float | None = None
    precision: LocationPrecision | None = None
    province: str | None = None

    def __post_init__(self) -> None:
        check_text("place name", self.name)
        require((self.lat is None) == (self.lon is None), "a place needs both lat and lon or none")
        if self.lat is not None and self.lon is not None:
            require(-90.0 <= self.lat <= 90.0, f"latitude {self.lat} is out of range")
            require(-180.0 <= self.lon <= 180.0, f"longitude {self.lon} is out of range")
            require(self.precision is not None, "coordinates need a location precision")
        require(
            self.precision is None or isinstance(self.precision, LocationPrecision),
            f"unknown location precision {self.precision!r}",
        )
        check_optional_text("place province", self.province)


@dataclass(frozen=True, slots=True)
class Incident:
    """Something that happened at a place over a span of time.

    Attributes:
        id: stable id.
        place: where.
        span: when, each end to its own precision.
        description: free text.
    """

    id: str
    place: Place
    span: DateSpan = field(default_factory=DateSpan)
    description: str | None = None

    def __post_init__(self) -> None:
        check_id("incident id", self.id)
        require(isinstance(self.place, Place), "an incident needs a Place")
        require(isinstance(self.span, DateSpan), "an incident's span must be a DateSpan")
        check_optional_text("incident description", self.description)


@dataclass(frozen=True, slots=True)
class VictimCount:
    """A number of unnamed victims: at least ``low``, at most ``high`` (``None``: unbounded)."""

    low: int
    high: int | None = None

    def __post_init__(self) -> None:
        require(isinstance(self.low, int) and not isinstance(self.low, bool), "count must be whole")
        require(self.low >= 0, f"a victim count cannot be negative ({self.low})")
        if self.high is not None:
            require(
                isinstance(self.high, int) and not isinstance(self.high, bool),
                "count must be whole",
            )
            require(
                self.high >= self.low,
                f"a victim count's maximum ({self.high}) is below its minimum ({self.low})",
            )

    @property
    def is_exact(self) -> bool:
        """Whether the range is a single number."""
        return self.high == self.low


@dataclass(frozen=True, slots=True)
class Act:
    """One act within an incident.

    Attributes:
        id: stable id.
        incident_id: the incident it belongs to.
        act_type: what was done.
        victim_person_id: the named victim (a person of the register), if any.
        victims: the number of unnamed victims, if the act has such; never with a named victim.
        perpetrator: who did it, as free text, until a unit is known.
        perpetrator_unit_id: the unit held responsible, if known.
        description: free text.
    """

    id: str
    incident_id: str
    act_type: ActType
    victim_person_id: str | None = None
    victims: VictimCount | None = None
    perpetrator: str | None = None
    perpetrator_unit_id: str | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        check_id("act id", self.id)
        check_id("act incident id", self.incident_id)
        require(isinstance(self.act_type, ActType), f"unknown act type {self.act_type!r}")
        if self.victim_person_id is not None:
            check_id("act victim id", self.victim_person_id)
        require(
            self.victims is None or isinstance(self.victims, VictimCount),
            "an act's victims must be a VictimCount",
        )
        require(
            self.victim_person_id is None or self.victims is None,
            "an act names one victim or counts unnamed victims, not both",
        )
        check_optional_text("act perpetrator", self.perpetrator)
        if self.perpetrator_unit_id is not None:
            check_id("act perpetrator unit id", self.perpetrator_unit_id)
        check_optional_text("act description", self.description)
