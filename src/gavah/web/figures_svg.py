"""Inline SVG drawings of the public figures: the province map and the timeline bar chart.

Owns :func:`province_map` (a choropleth of Iran's 31 provinces from the boundaries shipped in
``gavah/assets/boundaries/iran-provinces.json``, each province a ``<path>`` with a ``<title>``),
:func:`map_classes` (the colour classes and their legend), :func:`timeline_chart` (documented
deaths per day as bars, blackout periods as shaded bands) and :func:`load_boundaries`.
Presentation only: colours come from ``gavah.css`` classes (no inline style: the CSP forbids
it), numbers and dates are formatted for the page's language, every text is escaped. The
drawings need no JavaScript; the pages also show the same figures as tables.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files

from markupsafe import Markup, escape

from gavah.text import to_jalali, to_persian_digits
from gavah.web.figures import Blackout, DayFigure, ProvinceFigure
from gavah.web.i18n import Language, format_number

__all__ = [
    "Boundaries",
    "MapClass",
    "chart_window",
    "load_boundaries",
    "map_classes",
    "province_map",
    "short_day",
    "timeline_chart",
]

#: Colour classes of the choropleth (``.choro-0`` … ``.choro-5`` in gavah.css); 0 is "none".
CLASSES = 6


@dataclass(frozen=True, slots=True)
class Boundaries:
    """Projected province outlines: SVG path data by gazetteer code, in a ``width``×``height``
    box."""

    width: int
    height: int
    paths: dict[str, str]
    source: str


@functools.cache
def load_boundaries() -> Boundaries:
    """The shipped province outlines (read once per process)."""
    text = (files("gavah") / "assets" / "boundaries" / "iran-provinces.json").read_text("utf-8")
    data = json.loads(text)
    return Boundaries(
        width=int(data["width"]),
        height=int(data["height"]),
        paths={str(k): str(v) for k, v in data["provinces"].items()},
        source=str(data["source"]),
    )


@dataclass(frozen=True, slots=True)
class MapClass:
    """One colour class of the map: its index and the range of documented deaths it covers."""

    index: int
    low: int
    high: int


def map_classes(values: Sequence[int]) -> tuple[MapClass, ...]:
    """Class 0 for none, then up to five classes of equal width on a square-root scale."""
    top = max(values, default=0)
    if top <= 0:
        return (MapClass(0, 0, 0),)
    bounds: list[int] = []
    for i in range(1, CLASSES):
        edge = math.ceil((math.sqrt(top) * i / (CLASSES - 1)) ** 2)
        if not bounds or edge > bounds[-1]:
            bounds.append(edge)
    out = [MapClass(0, 0, 0)]
    low = 1
    for index, high in enumerate(bounds, start=1):
        if high >= low:
            out.append(MapClass(index, low, high))
            low = high + 1
    return tuple(out)


def _class_of(value: int, classes: Sequence[MapClass]) -> int:
    for found in classes:
        if found.low <= value <= found.high:
            return found.index
    return classes[-1].index


def province_map(
    provinces: Sequence[ProvinceFigure],
    lang: Language,
    *,
    label: str,
    title_of: Callable[[ProvinceFigure], str],
    link: Callable[[ProvinceFigure], str] | None = None,
) -> Markup:
    """The choropleth: one path per province, coloured by its documented minimum."""
    shapes = load_boundaries()
    classes = map_classes([p.documented.low for p in provinces])
    parts = [
        f'<svg class="province-map" viewBox="0 0 {shapes.width} {shapes.height}" role="img"'
        f' aria-label="{escape(label)}">'
    ]
    for province in provinces:
        path = shapes.paths.get(province.code)
        if path is None:
            continue
        shape = (
            f'<path class="choro-{_class_of(province.documented.low, classes)}"'
            f' data-code="{escape(province.code)}" d="{path}">'
            f"<title>{escape(title_of(province))}</title></path>"
        )
        if link is not None:
            shape = f'<a href="{escape(link(province))}">{shape}</a>'
        parts.append(shape)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def short_day(day: dt.date, lang: Language) -> str:
    """A short axis label: ``Jan 8`` in English, ``۱۸ دی``-like ``۱۰/۱۸`` (Solar Hijri) in
    Persian."""
    if lang == "fa":
        _, month, d = to_jalali(day)
        return to_persian_digits(f"{month}/{d}")
    return f"{day:%b} {day.day}"


_CHART_W = 720
_CHART_H = 240
_TOP = 28
_BOTTOM = 36
_LEFT = 44
_RIGHT = 8


def timeline_chart(
    days: Sequence[DayFigure],
    blackouts: Sequence[Blackout],
    lang: Language,
    *,
    label: str,
    blackout_label: str,
    title_of: Callable[[DayFigure], str],
) -> Markup:
    """Bars of documented deaths per day (minimum; the range's top as a lighter cap), with the
    blackout periods shaded behind them. Time runs left to right in both languages."""
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {_CHART_W} {_CHART_H}" role="img"'
        f' aria-label="{escape(label)}" direction="ltr">'
    ]
    if not days:
        parts.append("</svg>")
        return Markup("".join(parts))  # noqa: S704 - escaped
    first, last = chart_window(days)
    days = [d for d in days if first <= d.day <= last]
    span = (last - first).days + 1
    plot_w = _CHART_W - _LEFT - _RIGHT
    plot_h = _CHART_H - _TOP - _BOTTOM
    step = plot_w / span
    top = max(d.documented.high for d in days) or 1

    def x_of(day: dt.date) -> float:
        return _LEFT + (day - first).days * step

    def y_of(value: int) -> float:
        return _TOP + plot_h - plot_h * value / top

    for period in blackouts:
        start, end = max(period.start, first), min(period.end, last)
        if start > end:
            continue
        x = x_of(start)
        w = ((end - start).days + 1) * step
        parts.append(
            f'<rect class="blackout" x="{x:.1f}" y="{_TOP - 18}" width="{w:.1f}"'
            f' height="{plot_h + 18}"><title>{escape(blackout_label)}</title></rect>'
            f'<text class="blackout-label" x="{x + 3:.1f}" y="{_TOP - 6}">'
            f"{escape(blackout_label)}</text>"
        )
    baseline = _TOP + plot_h
    parts.append(
        f'<line class="axis" x1="{_LEFT}" y1="{baseline}" x2="{_CHART_W - _RIGHT}"'
        f' y2="{baseline}"/>'
        f'<text class="tick" x="{_LEFT - 4}" y="{_TOP + 4}" text-anchor="end">'
        f"{escape(format_number(top, lang))}</text>"
        f'<text class="tick" x="{_LEFT - 4}" y="{baseline}" text-anchor="end">'
        f"{escape(format_number(0, lang))}</text>"
    )
    bar_w = max(step * 0.8, 1.0)
    for figure in days:
        x = x_of(figure.day) + (step - bar_w) / 2
        low, high = figure.documented.low, figure.documented.high
        title = f"<title>{escape(title_of(figure))}</title>"
        if high > low:
            parts.append(
                f'<rect class="bar-range" x="{x:.1f}" y="{y_of(high):.1f}" width="{bar_w:.1f}"'
                f' height="{y_of(low) - y_of(high):.1f}">{title}</rect>'
            )
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y_of(low):.1f}" width="{bar_w:.1f}"'
            f' height="{baseline - y_of(low):.1f}">{title}</rect>'
        )
    ticks = _ticks(first, last)
    for day in ticks:
        x = x_of(day) + step / 2
        parts.append(
            f'<line class="tick-line" x1="{x:.1f}" y1="{baseline}" x2="{x:.1f}"'
            f' y2="{baseline + 4}"/>'
            f'<text class="tick" x="{x:.1f}" y="{baseline + 18}" text-anchor="middle">'
            f"{escape(short_day(day, lang))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


#: Days further than this from every other dated day start a new run (a stray date).
GAP = dt.timedelta(days=31)


def chart_window(days: Sequence[DayFigure]) -> tuple[dt.date, dt.date]:
    """The first and last day the chart draws: the run of days (no gap over :data:`GAP`)
    holding the most documented deaths, so that a stray date does not squash the chart. Days
    outside it are still in the table below the chart."""
    runs: list[list[DayFigure]] = []
    for figure in sorted(days, key=lambda d: d.day):
        if runs and figure.day - runs[-1][-1].day <= GAP:
            runs[-1].append(figure)
        else:
            runs.append([figure])
    best = max(runs, key=lambda run: sum(d.documented.high for d in run))
    return best[0].day, best[-1].day


def _ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    span = (last - first).days + 1
    every = max(1, math.ceil(span / 8))
    return [first + dt.timedelta(days=i) for i in range(0, span, every)]
