"""The domain types of Gavah: sources, reports, claims, evidence, records, persons, incidents, acts,
units and officials.

Owns the public surface of ``gavah.model`` (re-exported here, pinned by a test). Types are frozen
dataclasses that check their invariants on construction and raise
:class:`gavah.errors.InvariantError`. This package must not import a database, web or command-line
framework, do I/O, or read the clock, the environment or global randomness: ids come from a factory
(:mod:`gavah.model.ids`) or from the caller.
"""

from __future__ import annotations

from gavah.model.claim import Claim, SubjectValue
from gavah.model.dates import Calendar, DatePrecision, DateSpan, PartialDate
from gavah.model.evidence import EvidenceItem
from gavah.model.ids import IdFactory, hex_ids, ulid_ids
from gavah.model.incident import Act, Incident, Place, VictimCount
from gavah.model.perpetrator import Official, Unit
from gavah.model.person import Person, StatusEvent
from gavah.model.record import Record, RecordKey
from gavah.model.source import Report, Source
from gavah.model.vocabulary import (
    ActType,
    ClaimKind,
    ClaimRelation,
    ClaimStance,
    LocationPrecision,
    PersonStatus,
    Sex,
    SourceKind,
    UnitKind,
)

__all__ = [
    "Act",
    "ActType",
    "Calendar",
    "Claim",
    "ClaimKind",
    "ClaimRelation",
    "ClaimStance",
    "DatePrecision",
    "DateSpan",
    "EvidenceItem",
    "IdFactory",
    "Incident",
    "LocationPrecision",
    "Official",
    "PartialDate",
    "Person",
    "PersonStatus",
    "Place",
    "Record",
    "RecordKey",
    "Report",
    "Sex",
    "Source",
    "SourceKind",
    "StatusEvent",
    "SubjectValue",
    "Unit",
    "UnitKind",
    "VictimCount",
    "hex_ids",
    "ulid_ids",
]
