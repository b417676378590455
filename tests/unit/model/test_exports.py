"""The public surface of ``gavah.model`` is deliberate: this pins it."""

from __future__ import annotations

import subprocess
import sys

import gavah.model


def test_public_names() -> None:
    assert sorted(gavah.model.__all__) == sorted(
        [
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
    )
    for name in gavah.model.__all__:
        assert getattr(gavah.model, name) is not None


def test_the_model_imports_no_database_or_web_framework() -> None:
    code = (
        "import sys, gavah.model; "
        "bad = [m for m in ('sqlalchemy', 'alembic', 'fastapi', 'typer') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
