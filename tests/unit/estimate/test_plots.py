"""SVG plots of estimates: which files are written and that they are well-formed SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from gavah.estimate import CaptureTable, EstimateOptions, LcmcrSettings, estimate
from gavah.estimate.plots import write_plots

SHORT = LcmcrSettings(burnin=500, iterations=2_000, thin=2, chains=2)


def names(paths: list[Path]) -> set[str]:
    return {p.name for p in paths}


def assert_svg(path: Path) -> None:
    root = ET.parse(path).getroot()  # noqa: S314 - our own output
    assert root.tag.endswith("svg")


def test_lcmcr_gets_trace_posterior_and_overlaps(kosovo: CaptureTable, tmp_path: Path) -> None:
    result = estimate(kosovo, EstimateOptions(lcmcr=SHORT), seed=1, workers=2)
    written = write_plots(result, kosovo, tmp_path / "plots")
    assert names(written) == {"trace.svg", "posterior.svg", "overlaps.svg"}
    for path in written:
        assert_svg(path)
    assert "chain 2" in (tmp_path / "plots" / "trace.svg").read_text(encoding="utf-8")


def test_stratified_loglinear_gets_overlaps_and_strata(
    kosovo: CaptureTable, tmp_path: Path
) -> None:
    half = CaptureTable.from_cells(kosovo.lists, {m: c // 2 for m, c in kosovo.cells})
    rest = CaptureTable.from_cells(kosovo.lists, {m: c - c // 2 for m, c in kosovo.cells})
    result = estimate({"a": half, "b": rest}, EstimateOptions(method="loglinear"), seed=0)
    written = write_plots(result, kosovo, tmp_path)
    assert names(written) == {"overlaps.svg", "strata.svg"}
    for path in written:
        assert_svg(path)


def test_plots_are_reproducible(kosovo: CaptureTable, tmp_path: Path) -> None:
    """No timestamp in the SVG: the same result draws the same bytes."""
    result = estimate(kosovo, EstimateOptions(method="loglinear"), seed=0)
    first = write_plots(result, kosovo, tmp_path / "1")[0].read_bytes()
    second = write_plots(result, kosovo, tmp_path / "2")[0].read_bytes()
    assert first == second
