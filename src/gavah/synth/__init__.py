"""The synthetic scenario: a true population of the dead, the overlapping lists that document it
in the ways real lists are hard, the ground truth, and sources, incidents and evidence for the
demo.

The core (:func:`generate_scenario`) is pure: vocabulary and parameters in, values out. The
writer (:func:`write_scenario`) puts them on disk atomically. Nothing here prints or reads the
environment; no real person's data is used, ever.
"""

from __future__ import annotations

from gavah.synth.scenario import (
    MAX_EVIDENCE,
    MAX_LISTS,
    MAX_PERSONS,
    MIN_LISTS,
    Scenario,
    ScenarioParams,
    SynthList,
    generate_scenario,
)
from gavah.synth.writer import OUTPUT_NAMES, ProgressCallback, check_output, write_scenario

__all__ = [
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
]
