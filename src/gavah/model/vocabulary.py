"""Controlled vocabularies of the domain model, as string enums.

Owns the closed word lists that records, sources, acts and claims use. The values are stable
identifiers (they are stored in the database and exchanged in files); the Persian and English
labels for display belong to the presentation layer, not here. Must not import anything outside the
standard library.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActType",
    "ClaimKind",
    "ClaimRelation",
    "ClaimStance",
    "LocationPrecision",
    "PersonStatus",
    "Sex",
    "SourceKind",
    "UnitKind",
]


class SourceKind(StrEnum):
    """What kind of source a statement or a list comes from (issue 6: sources and independence)."""

    WITNESS = "witness"
    FAMILY = "family"
    MEDICAL = "medical"
    MORGUE = "morgue"
    OFFICIAL = "official"
    NGO = "ngo"
    MEDIA = "media"
    OPEN_SOURCE_VIDEO = "open_source_video"
    LEAKED_DOCUMENT = "leaked_document"
    LIST = "list"
    OTHER = "other"


class PersonStatus(StrEnum):
    """What happened to a person, as a list row reports it or as the register records it."""

    KILLED = "killed"
    INJURED = "injured"
    DETAINED = "detained"
    DISAPPEARED = "disappeared"
    SENTENCED = "sentenced"
    EXECUTED = "executed"
    RELEASED = "released"


class Sex(StrEnum):
    """Sex as a list records it; unknown is ``None`` on the field, not a member."""

    MALE = "male"
    FEMALE = "female"


class ActType(StrEnum):
    """What was done in an incident (HURIDOCS "did what"; ACLED-like where the terms fit)."""

    KILLING = "killing"
    INJURY = "injury"
    ARREST = "arrest"
    TORTURE = "torture"
    ENFORCED_DISAPPEARANCE = "enforced_disappearance"
    DEATH_SENTENCE = "death_sentence"
    EXECUTION = "execution"
    BODY_WITHHELD = "body_withheld"
    INTERNET_SHUTDOWN = "internet_shutdown"
    PHONE_SHUTDOWN = "phone_shutdown"
    OTHER = "other"


class ClaimKind(StrEnum):
    """What a claim asserts (issue 6: structured assertions a report makes)."""

    ACT_OCCURRED = "act_occurred"
    PERSON_STATUS = "person_status"
    COUNT = "count"
    NATIONAL_COUNT = "national_count"
    ATTRIBUTION = "attribution"
    OTHER = "other"


class ClaimStance(StrEnum):
    """Whether a claim affirms what it states or denies it.

    An affirming claim by an authority or perpetrator is an admission against interest; a denial
    by one is self-serving and is graded as an ordinary stream (see ``docs/claims.md``).
    """

    AFFIRMS = "affirms"
    DENIES = "denies"


class ClaimRelation(StrEnum):
    """How one claim bears on another."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


class LocationPrecision(StrEnum):
    """How precisely a place is known; coordinates stand for the centre of the area named."""

    EXACT = "exact"
    NEIGHBOURHOOD = "neighbourhood"
    CITY = "city"
    COUNTY = "county"
    PROVINCE = "province"
    COUNTRY = "country"


class UnitKind(StrEnum):
    """Broad family of a perpetrator unit (issue 7); finer structure lives in the hierarchy."""

    IRGC = "irgc"
    BASIJ = "basij"
    POLICE = "police"
    INTELLIGENCE = "intelligence"
    ARMY = "army"
    JUDICIARY = "judiciary"
    PRISON = "prison"
    OTHER = "other"
