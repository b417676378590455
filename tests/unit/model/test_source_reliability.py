"""Sources carry an assessed reliability; reports may relay another source."""

from __future__ import annotations

import pytest

from gavah.errors import InvariantError
from gavah.model import Report, Source, SourceKind
from gavah.model.source import Reliability


def test_reliability_defaults_to_unknown_and_must_be_a_member() -> None:
    assert Source("s", "شبکه", SourceKind.NGO).reliability is Reliability.UNKNOWN
    with pytest.raises(InvariantError, match="unknown reliability"):
        Source("s", "x", SourceKind.NGO, reliability="good")  # type: ignore[arg-type]


def test_a_report_relays_another_source_never_its_own() -> None:
    assert Report("r", "media", "t", relays_source_id="ngo").relays_source_id == "ngo"
    with pytest.raises(InvariantError, match="cannot relay its own source"):
        Report("r", "media", "t", relays_source_id="media")
    with pytest.raises(InvariantError, match="evidence_verified"):
        Report("r", "media", "t", evidence_verified="yes")  # type: ignore[arg-type]
