"""The public surface of ``gavah.store`` is deliberate: this pins it."""

from __future__ import annotations

import gavah.store


def test_public_names() -> None:
    assert sorted(gavah.store.__all__) == sorted(
        [
            "ClaimRepository",
            "EstimateRepository",
            "EvidenceRepository",
            "IncidentRepository",
            "MetaRepository",
            "OfficialRepository",
            "PersonRepository",
            "RecordRepository",
            "ReportRepository",
            "SourceRepository",
            "Store",
            "StoredEstimate",
            "TimestampRepository",
            "UnitRepository",
            "UpsertCounts",
            "current_revision",
            "describe_url",
            "head_revision",
            "make_engine",
            "normalise_url",
            "upgrade",
            "verify_current",
        ]
    )
    for name in gavah.store.__all__:
        assert getattr(gavah.store, name) is not None
