"""Sources and their reports.

Owns :class:`Source` (who speaks: an organisation, a family, a morgue list, a media outlet) and
:class:`Report` (what a source said at a time, possibly citing evidence items). Independence
between sources is expressed by ``Source.origin_id``: a source that derives from another (a media
article citing an NGO) names it, so that both count as one stream; a single report may also name
the source it relays (``Report.relays_source_id``) when only that report derives from another
source. :class:`Reliability` is the analyst's assessment of a source. Grading them is
``gavah.verify``'s business, not this module's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gavah.model.dates import PartialDate, check_date
from gavah.model.rules import check_id, check_optional_text, check_text, require, unique
from gavah.model.vocabulary import SourceKind

__all__ = ["Reliability", "Report", "Source"]


class Reliability(StrEnum):
    """An analyst's assessment of a source's reliability (after the Admiralty scale's A-F)."""

    RELIABLE = "reliable"
    USUALLY_RELIABLE = "usually_reliable"
    UNKNOWN = "unknown"
    DOUBTFUL = "doubtful"
    UNRELIABLE = "unreliable"


@dataclass(frozen=True, slots=True)
class Source:
    """A source of lists, reports or evidence.

    Attributes:
        id: stable id.
        name: unique short name the user types (``--source NAME``).
        kind: what kind of source it is.
        origin_id: id of the source this one derives from, if any (same stream for grading).
        reliability: the assessed reliability (``UNKNOWN`` until someone assesses it).
        reliability_note: free-text reasons for the assessment.
        description: free text.
    """

    id: str
    name: str
    kind: SourceKind = SourceKind.OTHER
    origin_id: str | None = None
    reliability_note: str | None = None
    description: str | None = None
    reliability: Reliability = Reliability.UNKNOWN

    def __post_init__(self) -> None:
        check_id("source id", self.id)
        check_text("source name", self.name)
        require(self.name.strip() != "", "a source needs a name")
        require(len(self.name) <= 200, "a source name must be at most 200 characters")
        require(isinstance(self.kind, SourceKind), f"unknown source kind {self.kind!r}")
        if self.origin_id is not None:
            check_id("source origin id", self.origin_id)
            require(self.origin_id != self.id, f"source {self.name!r} cannot derive from itself")
        require(
            isinstance(self.reliability, Reliability), f"unknown reliability {self.reliability!r}"
        )
        check_optional_text("reliability note", self.reliability_note)
        check_optional_text("source description", self.description)


@dataclass(frozen=True, slots=True)
class Report:
    """What a source stated at a time: an article, a statement, a testimony, a list release.

    Attributes:
        id: stable id.
        source_id: the source that made it.
        title: short title.
        reported_on: when it was published or given, to a precision.
        url: where it was published, if public.
        text: its text or a summary.
        evidence_ids: evidence items (vault) it cites, in order, without repeats.
        relays_source_id: the source this report repeats or quotes (a media article citing an
            NGO), if any; the report then belongs to that source's stream.
        evidence_verified: whether an analyst verified the evidence the report rests on
            (geolocation, chronolocation, the Berkeley Protocol's verification phase).
    """

    id: str
    source_id: str
    title: str
    reported_on: PartialDate | None = None
    url: str | None = None
    text: str | None = None
    evidence_ids: tuple[str, ...] = ()
    relays_source_id: str | None = None
    evidence_verified: bool = False

    def __post_init__(self) -> None:
        check_id("report id", self.id)
        check_id("report source id", self.source_id)
        check_text("report title", self.title)
        check_date("report date", self.reported_on)
        check_optional_text("report url", self.url)
        check_optional_text("report text", self.text)
        require(isinstance(self.evidence_ids, tuple), "report evidence ids must be a tuple")
        for evidence_id in self.evidence_ids:
            check_id("cited evidence id", evidence_id)
        unique("report evidence ids", self.evidence_ids)
        if self.relays_source_id is not None:
            check_id("relayed source id", self.relays_source_id)
            require(
                self.relays_source_id != self.source_id,
                f"report {self.id} cannot relay its own source",
            )
        require(isinstance(self.evidence_verified, bool), "evidence_verified must be a bool")
