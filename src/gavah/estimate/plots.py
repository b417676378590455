"""SVG and PNG figures of an estimate for reports and the web (an adapter: it writes files).

Owns drawing and writing: the trace of N for each chain, the posterior of N, the overlaps
between lists, and the estimates by stratum with their intervals (strata left out are named
under the figure). It uses matplotlib's object API with the SVG or Agg canvas directly (no
global backend, no pyplot state), so it is safe in a server; the bytes carry no date or version,
so the same result always gives the same file. It computes nothing that the result does not
already hold, apart from table counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from gavah.estimate.result import EstimateResult
from gavah.estimate.table import CaptureTable

__all__ = ["FORMATS", "write_plots"]

FORMATS: Final = ("svg", "png")
_SIZE: Final = (7.0, 4.0)  # inches
_NAMED: Final = 3  # left-out strata named in the title of the strata figure; the rest counted
_DPI: Final = 150  # PNG: sharp enough for print at the figure size, small enough for the web


def _save(figure: Figure, path: Path) -> Path:
    png = path.suffix == ".png"
    if png:
        FigureCanvasAgg(figure)
    else:
        FigureCanvasSVG(figure)
    figure.tight_layout()
    if png:
        # no "Software" text chunk: the bytes do not depend on the matplotlib version string
        figure.savefig(path, format="png", dpi=_DPI, metadata={"Software": None})
        return path
    # no timestamp and fixed element ids: the same result always gives the same bytes
    with matplotlib.rc_context({"svg.hashsalt": "gavah"}):
        figure.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
    return path


def _trace(result: EstimateResult, path: Path) -> Path:
    if result.draws is None:
        raise ValueError("a trace needs posterior draws")
    figure = Figure(figsize=_SIZE)
    ax = figure.add_subplot()
    for index, chain in enumerate(result.draws):
        ax.plot(chain, linewidth=0.6, label=f"chain {index + 1} (median {np.median(chain):,.0f})")
    ax.set_xlabel("kept draw")
    ax.set_ylabel("N")
    ax.set_title(f"Trace of N by chain: {result.verdict}")
    ax.legend(fontsize="small")
    return _save(figure, path)


def _posterior(result: EstimateResult, path: Path) -> Path:
    if result.draws is None:
        raise ValueError("a posterior plot needs posterior draws")
    figure = Figure(figsize=_SIZE)
    ax = figure.add_subplot()
    ax.hist(result.draws.ravel(), bins=60, color="#5b7aa8")
    ax.axvline(result.estimate, color="black", label=f"median {result.estimate:,.0f}")
    for bound in (result.lower, result.upper):
        ax.axvline(bound, color="black", linestyle="--")
    ax.axvline(result.observed, color="#b03a2e", label=f"observed {result.observed:,}")
    ax.set_xlabel("N")
    ax.set_ylabel("draws")
    ax.set_title(f"Posterior of N, {result.level:.0%} interval dashed")
    ax.legend(fontsize="small")
    return _save(figure, path)


def _overlaps(table: CaptureTable, path: Path) -> Path:
    k = table.k
    grid = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            grid[i, j] = table.overlap(i, j) if i != j else table.list_totals()[i]
    figure = Figure(figsize=(max(4.0, 0.5 * k + 2.0), max(3.5, 0.5 * k + 1.5)))
    ax = figure.add_subplot()
    image = ax.imshow(grid, cmap="Blues")
    ax.set_xticks(range(k), table.lists, rotation=90, fontsize="small")
    ax.set_yticks(range(k), table.lists, fontsize="small")
    if k <= 12:  # numbers stay legible up to about a dozen lists
        for i in range(k):
            for j in range(k):
                ax.text(j, i, f"{grid[i, j]:.0f}", ha="center", va="center", fontsize="x-small")
    figure.colorbar(image, ax=ax, label="people")
    ax.set_title("List totals (diagonal) and overlaps")
    return _save(figure, path)


def _strata(result: EstimateResult, path: Path) -> Path:
    names = [s.name or "" for s in result.strata]
    mids = np.array([s.estimate for s in result.strata])
    lows = np.array([s.lower for s in result.strata])
    highs = np.array([s.upper if np.isfinite(s.upper) else s.estimate for s in result.strata])
    figure = Figure(figsize=(_SIZE[0], max(2.5, 0.4 * len(names) + 1.5)))
    ax = figure.add_subplot()
    rows = np.arange(len(names))
    ax.errorbar(mids, rows, xerr=[mids - lows, highs - mids], fmt="o", capsize=3)
    ax.scatter([s.observed for s in result.strata], rows, marker="|", color="#b03a2e", zorder=3)
    ax.set_yticks(rows, names)
    ax.set_xlabel(f"N (dot: estimate; bar: {result.level:.0%} interval; red tick: observed)")
    title = "Estimates by stratum"
    if result.skipped:
        shown = [f"{s.name} ({s.observed:,} observed)" for s in result.skipped[:_NAMED]]
        more = len(result.skipped) - _NAMED
        title += "\nleft out, cannot be estimated: " + ", ".join(shown)
        title += f" and {more} more" if more > 0 else ""
    ax.set_title(title, fontsize="medium")
    return _save(figure, path)


def write_plots(
    result: EstimateResult, table: CaptureTable, directory: Path, fmt: str = "svg"
) -> list[Path]:
    """Write the figures that apply to ``result`` in ``directory`` as SVG or PNG (``fmt``).

    ``table`` is the pooled table (for the overlaps). LCMCR results get ``trace`` and
    ``posterior``; every result gets ``overlaps``; stratified ones ``strata``.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
        OSError: the directory cannot be created or written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown plot format {fmt!r}: choose one of {', '.join(FORMATS)}")
    directory.mkdir(parents=True, exist_ok=True)
    written = [_overlaps(table, directory / f"overlaps.{fmt}")]
    if result.draws is not None:
        written.append(_trace(result, directory / f"trace.{fmt}"))
        written.append(_posterior(result, directory / f"posterior.{fmt}"))
    if result.strata:
        written.append(_strata(result, directory / f"strata.{fmt}"))
    return written
