"""The public surface of gavah.accountability is deliberate: this test pins it."""

from __future__ import annotations

import subprocess
import sys

import gavah.accountability


def test_public_names_are_pinned_and_importable() -> None:
    assert sorted(gavah.accountability.__all__) == sorted(
        [
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
    )
    for name in gavah.accountability.__all__:
        assert getattr(gavah.accountability, name) is not None


def test_the_core_does_not_load_followthemoney_unless_asked() -> None:
    code = "import sys, gavah.accountability; print('followthemoney' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
