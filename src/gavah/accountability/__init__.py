"""gavah.accountability: units, officials and command chains over time; attribution; exports.

Owns the public surface, re-exported here: field-level sourcing (:class:`Sourcing`,
:class:`Confidence`), periods with partial-date coverage (:class:`Period`, :class:`Coverage`), the
structure (:class:`Structure`, :class:`UnitParent`, :class:`Posting`, :class:`Organization`,
:class:`OrgRelation`) and its validation (:func:`find_problems`, :func:`verify_structure`),
:class:`Attribution`, the command-chain queries (:func:`command_chain`,
:func:`incidents_under_command`), matching against a sanctions list (:func:`match_listings`),
narratives (:func:`official_narrative`, :func:`incident_narrative`, :func:`render_html`) with the
claims that cut against an attribution (:func:`contrary_facts`), and imports
(:func:`parse_import`). A pure core: values in, values out; no database, web or command-line
framework, no clock, no file reads. FollowTheMoney entities live in
:mod:`gavah.accountability.ftm`, imported by name: the ``followthemoney`` library takes about a
second to load, which every ``gavah`` command would otherwise pay.
"""

from __future__ import annotations

from gavah.accountability.attribution import Attribution
from gavah.accountability.chain import (
    ChainLevel,
    CommandAnswer,
    CommandLink,
    Holder,
    UnitChain,
    command_chain,
    incident_days,
    incidents_under_command,
    unit_chains,
)
from gavah.accountability.contrary import Contradiction, contradicting_claims, contrary_facts
from gavah.accountability.errors import AccountabilityError, Problem, StructureError
from gavah.accountability.importing import CSV_COLUMNS, RECORD_TYPES, ImportBatch, parse_import
from gavah.accountability.narrative import (
    Fact,
    Narrative,
    incident_narrative,
    official_narrative,
    render_html,
)
from gavah.accountability.periods import Coverage, Period
from gavah.accountability.sanctions import (
    Listing,
    ListingMatch,
    match_listings,
    name_keys,
    parse_ftm_lines,
)
from gavah.accountability.sourcing import Confidence, FieldSources, Sourcing
from gavah.accountability.structure import (
    Organization,
    OrgKind,
    OrgRelation,
    Posting,
    Structure,
    UnitParent,
)
from gavah.accountability.validation import find_problems, verify_structure

__all__ = [
    "CSV_COLUMNS",
    "RECORD_TYPES",
    "AccountabilityError",
    "Attribution",
    "ChainLevel",
    "CommandAnswer",
    "CommandLink",
    "Confidence",
    "Contradiction",
    "Coverage",
    "Fact",
    "FieldSources",
    "Holder",
    "ImportBatch",
    "Listing",
    "ListingMatch",
    "Narrative",
    "OrgKind",
    "OrgRelation",
    "Organization",
    "Period",
    "Posting",
    "Problem",
    "Sourcing",
    "Structure",
    "StructureError",
    "UnitChain",
    "UnitParent",
    "command_chain",
    "contradicting_claims",
    "contrary_facts",
    "find_problems",
    "incident_days",
    "incident_narrative",
    "incidents_under_command",
    "match_listings",
    "name_keys",
    "official_narrative",
    "parse_ftm_lines",
    "parse_import",
    "render_html",
    "unit_chains",
    "verify_structure",
]
