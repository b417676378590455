"""The timeline: deaths per day beside connectivity for one region, with outages marked.

Owns choosing the observations that speak for a region (the region's own, and those of the
whole country, since OONI and many outage reports are national), turning them into one daily
value per signal on a common "higher is more connected" scale from 0 to 1 (IODA signals: the
day's mean over the series' best day; OONI: the share of measurements without interference),
and the outage spans to mark. No I/O, no plotting.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gavah.connectivity.observation import Observation

__all__ = ["Outage", "Timeline", "build_timeline", "speaks_for"]


@dataclass(frozen=True, slots=True)
class Outage:
    """An outage to mark: its span and who reported it."""

    start: dt.datetime
    end: dt.datetime
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Daily deaths and connectivity for one region (or everywhere, when ``region`` is None)."""

    region: str | None
    days: tuple[dt.date, ...]
    deaths: tuple[int, ...]
    signals: Mapping[str, tuple[float | None, ...]]
    outages: tuple[Outage, ...]


def speaks_for(observation: Observation, region: str | None, country: str) -> bool:
    """Whether ``observation`` describes ``region`` (its own, or its whole country's)."""
    if region is None:
        return True
    if observation.region is None:
        return observation.country == country
    return observation.region == region


def _daily(observations: Iterable[Observation]) -> dict[str, dict[dt.date, float]]:
    sums: dict[str, dict[dt.date, list[float]]] = defaultdict(lambda: defaultdict(list))
    for obs in observations:
        if obs.outage or obs.value is None:
            continue
        sums[obs.signal][obs.start.astimezone(dt.UTC).date()].append(obs.value)
    daily: dict[str, dict[dt.date, float]] = {}
    for signal, by_day in sums.items():
        means = {day: sum(v) / len(v) for day, v in by_day.items()}
        if signal.startswith("ooni/"):
            daily[signal] = {day: 1.0 - share for day, share in means.items()}
        else:
            best = max(means.values())
            daily[signal] = {day: (m / best if best > 0 else 0.0) for day, m in means.items()}
    return daily


def build_timeline(
    deaths: Mapping[dt.date, int],
    observations: Iterable[Observation],
    region: str | None,
    *,
    country: str = "IR",
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> Timeline:
    """Lay deaths per day and connectivity on the same days.

    The days run from ``first`` (default: the earliest death or observation) to ``last``.
    """
    chosen = [o for o in observations if speaks_for(o, region, country)]
    outages = sorted(
        (
            Outage(o.start, o.end or o.start + dt.timedelta(days=1), o.dataset)
            for o in chosen
            if o.outage
        ),
        key=lambda o: (o.start, o.end, o.label),
    )
    daily = _daily(chosen)
    known = [*deaths, *(day for series in daily.values() for day in series)]
    known += [o.start.astimezone(dt.UTC).date() for o in outages]
    known += [o.end.astimezone(dt.UTC).date() for o in outages]
    if not known and (first is None or last is None):
        return Timeline(region, (), (), {}, ())
    start = first or min(known)
    end = last or max(known)
    days = tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return Timeline(
        region,
        days,
        tuple(deaths.get(day, 0) for day in days),
        {
            signal: tuple(series.get(day) for day in days)
            for signal, series in sorted(daily.items())
        },
        tuple(o for o in outages if o.end.date() >= start and o.start.date() <= end),
    )
