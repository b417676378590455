"""The public surface of gavah.synth is deliberate: pin it."""

from __future__ import annotations

import gavah.synth


def test_exported_members() -> None:
    assert set(gavah.synth.__all__) == {
        "MAX_EVIDENCE",
        "MAX_LISTS",
        "MAX_PERSONS",
        "MIN_LISTS",
        "OUTPUT_NAMES",
        "ProgressCallback",
        "Scenario",
        "ScenarioParams",
        "SynthList",
        "check_output",
        "generate_scenario",
        "write_scenario",
    }
    for name in gavah.synth.__all__:
        assert hasattr(gavah.synth, name), name
