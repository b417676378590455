"""Sources and reports."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.model import Report, Source, SourceKind


def test_a_source_needs_a_name_and_cannot_derive_from_itself() -> None:
    with pytest.raises(InvariantError, match="needs a name"):
        Source("s-1", "  ")
    with pytest.raises(InvariantError, match="derive from itself"):
        Source("s-1", "NGO", origin_id="s-1")
    assert Source("s-2", "Media", SourceKind.MEDIA, origin_id="s-1").origin_id == "s-1"


def test_source_kinds_are_the_issue_vocabulary() -> None:
    assert {kind.value for kind in SourceKind} == {
        "witness",
        "family",
        "medical",
        "morgue",
        "official",
        "ngo",
        "media",
        "open_source_video",
        "leaked_document",
        "list",
        "other",
    }


def test_a_report_cites_each_evidence_item_once() -> None:
    with pytest.raises(InvariantError, match="repeats"):
        Report("r-1", "s-1", "title", evidence_ids=("e-1", "e-1"))
    with pytest.raises(InvariantError, match="tuple"):
        Report("r-1", "s-1", "title", evidence_ids=["e-1"])  # type: ignore[arg-type]
