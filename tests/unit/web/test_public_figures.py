"""The public figures' pure parts: blackout periods, the cache, the map and the timeline SVG."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from gavah.connectivity.observation import Observation
from gavah.vocab import load_gazetteer
from gavah.web.figures import (
    CHECK_EVERY,
    MAX_AGE,
    Blackout,
    DayFigure,
    FigureCache,
    ProvinceFigure,
    PublicFigures,
    Range,
    Toll,
    blackouts_of,
    configured_blackouts,
)
from gavah.web.figures_svg import (
    chart_window,
    load_boundaries,
    map_classes,
    province_map,
    short_day,
    timeline_chart,
)
from gavah.workspace.config import WorkspaceConfig

T0 = dt.datetime(2026, 1, 8, 6, 0, tzinfo=dt.UTC)


def _outage(start: dt.datetime, hours: float, region: str | None = None) -> Observation:
    return Observation(
        dataset="ioda",
        country="IR",
        region=region,
        region_name=None,
        start=start,
        end=start + dt.timedelta(hours=hours),
        signal="ioda/outage",
        value=None,
        outage=True,
    )


def test_national_outages_are_merged_into_blackout_periods() -> None:
    observations = [
        _outage(T0, 30),
        _outage(T0 + dt.timedelta(days=2), 24),  # adjacent to the first: one period
        _outage(T0 + dt.timedelta(days=10), 2, region="IR-23"),  # regional: not national
        _outage(T0 + dt.timedelta(days=20), 5),
    ]
    found = blackouts_of(observations, ())
    assert found == (
        Blackout(dt.date(2026, 1, 8), dt.date(2026, 1, 11), "ioda"),
        Blackout(dt.date(2026, 1, 28), dt.date(2026, 1, 28), "ioda"),
    )


def test_the_configured_period_is_used_only_without_connectivity_data() -> None:
    configured = (Blackout(dt.date(2026, 1, 8), dt.date(2026, 1, 21), "gavah.toml"),)
    assert blackouts_of([], configured) == configured
    assert blackouts_of([_outage(T0, 2)], configured)[0].source == "ioda"


@dataclass
class _Workspace:
    config: WorkspaceConfig


def _workspace(extra: dict[str, Any]) -> Any:
    config = WorkspaceConfig(
        name="w", created=T0, signing_public_key="k", age_recipients=("r",), extra=extra
    )
    return _Workspace(config)


def test_configured_blackouts_are_read_and_bad_entries_skipped() -> None:
    site = {
        "blackouts": [
            {"start": "2026-01-08", "end": "2026-01-21"},
            {"start": "2026-02-02", "end": "2026-02-01"},  # ends before it starts
            {"start": "soon", "end": "2026-02-01"},
            "not a table",
        ]
    }
    found = configured_blackouts(_workspace({"site": site}))
    assert found == (Blackout(dt.date(2026, 1, 8), dt.date(2026, 1, 21), "gavah.toml"),)
    assert configured_blackouts(_workspace({})) == ()
    assert configured_blackouts(None) == ()


def _figures(now: dt.datetime, documented: int) -> PublicFigures:
    r = Range(documented, documented, documented)
    toll = Toll(grades={}, documented=r, estimate=None, policy="p", graded=None)
    return PublicFigures(toll, (), Range(0, 0, 0), (), Range(0, 0, 0), (), now)


@dataclass
class _Clock:
    now: dt.datetime = T0

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class _Data:
    version: int = 1
    computed: list[dt.datetime] = field(default_factory=list)

    def compute(self, now: dt.datetime) -> PublicFigures:
        self.computed.append(now)
        return _figures(now, self.version)


def test_the_cache_recomputes_when_the_version_changes_and_when_old() -> None:
    clock, data = _Clock(), _Data()
    cache = FigureCache(compute=data.compute, version=lambda: (data.version,), clock=clock)
    assert cache.get().toll.documented.low == 1
    data.version = 2
    assert cache.get().toll.documented.low == 1, "not looked at again yet"
    clock.now += CHECK_EVERY
    assert cache.get().toll.documented.low == 2
    clock.now += CHECK_EVERY
    cache.get()
    assert len(data.computed) == 2, "same version: not recomputed"
    clock.now += MAX_AGE
    cache.get()
    assert len(data.computed) == 3, "recomputed when old"


def test_the_boundaries_have_exactly_the_gazetteer_provinces() -> None:
    shapes = load_boundaries()
    codes = {p.code for p in load_gazetteer().provinces}
    assert len(codes) == 31
    assert set(shapes.paths) == codes
    for code, path in shapes.paths.items():
        assert re.fullmatch(r"(M\d+ \d+(L\d+ \d+)+Z)+", path), code
    raw = files("gavah") / "assets" / "boundaries" / "iran-provinces.json"
    assert json.loads(raw.read_text("utf-8"))["width"] == shapes.width


def test_the_boundaries_build_script_matches_by_name() -> None:
    script = Path(__file__).parents[3] / "scripts" / "build_province_boundaries.py"
    assert "match_province" in script.read_text("utf-8")


@pytest.mark.parametrize(
    ("values", "top_class"), [([0, 0], 0), ([0, 1], 1), ([0, 3, 39], 5), ([100], 5)]
)
def test_map_classes_cover_every_value(values: list[int], top_class: int) -> None:
    classes = map_classes(values)
    assert classes[0].index == 0
    assert classes[-1].index == top_class
    for value in range(1, max(values) + 1):
        assert sum(c.low <= value <= c.high for c in classes[1:]) == 1, value


def _provinces() -> list[ProvinceFigure]:
    return [
        ProvinceFigure(p.code, p.persian, p.latin[0], Range(i, i + 1, i))
        for i, p in enumerate(load_gazetteer().provinces)
    ]


def test_the_map_draws_every_province_with_an_escaped_title() -> None:
    svg = province_map(_provinces(), "en", label="a <map>", title_of=lambda p: f"{p.english} & co")
    assert svg.count("<path ") == 31
    assert svg.count("&amp; co</title>") == 31
    assert 'aria-label="a &lt;map&gt;"' in svg
    assert "<a " not in svg
    linked = province_map(_provinces(), "fa", label="m", title_of=str, link=lambda p: "/fa/map")
    assert linked.count('<a href="/fa/map">') == 31


def test_the_timeline_shades_the_blackout_and_skips_a_stray_day() -> None:
    days = [
        DayFigure(dt.date(2025, 3, 21), Range(1, 1, 1)),  # a stray date, months away
        *(DayFigure(dt.date(2026, 1, d), Range(d, d + 2, d)) for d in range(1, 20)),
    ]
    assert chart_window(days) == (dt.date(2026, 1, 1), dt.date(2026, 1, 19))
    blackout = Blackout(dt.date(2026, 1, 8), dt.date(2026, 1, 21), "x")
    svg = timeline_chart(
        days, [blackout], "fa", label="l", blackout_label="قطع", title_of=lambda d: str(d.day)
    )
    assert svg.count('<rect class="bar"') == 19
    assert svg.count('<rect class="bar-range"') == 19
    assert svg.count('<rect class="blackout"') == 1
    assert "2025-03-21" not in svg
    assert re.search(r"[0-9]</text>", svg) is None, "Persian digits on the axis"
    assert timeline_chart([], [], "en", label="l", blackout_label="b", title_of=str).endswith(
        "</svg>"
    )


def test_short_day_labels() -> None:
    assert short_day(dt.date(2026, 1, 8), "en") == "Jan 8"
    assert short_day(dt.date(2026, 1, 8), "fa") == "۱۰/۱۸"


def test_while_one_request_recomputes_the_others_get_the_previous_figures() -> None:
    clock, data = _Clock(), _Data()
    cache = FigureCache(compute=data.compute, version=lambda: (data.version,), clock=clock)
    first = cache.get()
    data.version = 2
    clock.now += CHECK_EVERY
    with cache._lock:  # another request holds it, recomputing
        assert cache.get() is first
    assert cache.get().toll.documented.low == 2
