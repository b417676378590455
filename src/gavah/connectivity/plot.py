"""The timeline figure (an adapter: it writes an SVG or PNG file).

Owns drawing a :class:`~gavah.connectivity.timeline.Timeline`: deaths per day as bars above,
connectivity (0 to 1, higher is more connected) as lines below, and every outage shaded across
both panels (each shaded span has the SVG id ``outage-<n>``). Like ``gavah.estimate.plots`` it
uses matplotlib's object API with no global state and fixed metadata, so the same timeline
always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from gavah.connectivity.timeline import Timeline
from gavah.errors import GavahError

__all__ = ["write_timeline"]

_SIZE: Final = (9.0, 5.5)
_OUTAGE: Final = "#c0392b"


def _draw(timeline: Timeline, title: str) -> Figure:
    figure = Figure(figsize=_SIZE)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1))
    days = [dt.datetime.combine(d, dt.time(12), dt.UTC) for d in timeline.days]
    top.bar(days, timeline.deaths, width=0.8, color="#34495e", label="deaths recorded")
    top.set_ylabel("deaths per day")
    top.set_title(title)
    for signal, values in timeline.signals.items():
        points = [(d, v) for d, v in zip(days, values, strict=True) if v is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            bottom.plot(xs, ys, marker=".", linewidth=1.2, label=signal)
    bottom.set_ylim(-0.05, 1.05)
    bottom.set_ylabel("connectivity (1 = normal)")
    for index, outage in enumerate(timeline.outages):
        for axis, suffix in ((top, "a"), (bottom, "b")):
            span = axis.axvspan(
                outage.start,
                outage.end,
                color=_OUTAGE,
                alpha=0.18,
                label=f"outage ({outage.label})" if index == 0 and suffix == "b" else None,
            )
            span.set_gid(f"outage-{index}-{suffix}")
    bottom.legend(fontsize="small", loc="lower left")
    top.legend(fontsize="small", loc="upper left")
    figure.autofmt_xdate()
    return figure


def write_timeline(timeline: Timeline, path: Path, title: str) -> Path:
    """Draw ``timeline`` to ``path`` (``.svg`` or ``.png``).

    Raises:
        GavahError: the timeline is empty, the suffix is neither, or the file cannot be written.
    """
    if not timeline.days:
        raise GavahError("nothing to plot: no deaths and no connectivity data for that region")
    suffix = path.suffix.lower()
    if suffix not in {".svg", ".png"}:
        raise GavahError(f"{path}: the plot must be .svg or .png")
    figure = _draw(timeline, title)
    try:
        if suffix == ".svg":
            FigureCanvasSVG(figure)
            figure.tight_layout()
            with matplotlib.rc_context({"svg.hashsalt": "gavah"}):
                figure.savefig(path, format="svg", metadata={"Date": None})
        else:
            FigureCanvasAgg(figure)
            figure.tight_layout()
            figure.savefig(path, format="png", dpi=120, metadata={"Software": None})
    except OSError as err:
        raise GavahError(f"cannot write {path}: {err.strerror}") from None
    return path
