"""The public figures: the toll by grade beside the estimate, by province and by day, and the
blackout periods; computed once per data version and cached per app.

Owns :class:`PublicFigures` (and its parts :class:`Toll`, :class:`TollEstimate`,
:class:`ProvinceFigure`, :class:`DayFigure`, :class:`Blackout`), :func:`compute_figures` (reads
the store and counts through :mod:`gavah.services.counting`, the code ``gavah counts`` runs:
same policy — ``[grading]`` of ``gavah.toml``, else the shipped default — same named victims,
same place normaliser, same latest estimate), :func:`blackouts_of` (national outages of the
connectivity data, else the ``[site] blackouts`` of ``gavah.toml``) and :class:`FigureCache`
(the figures are recomputed only when a cheap data-version query changes — rows per table, the
latest grading run and estimate, the connectivity observations — checked at most every
:data:`CHECK_EVERY`, and in any case after :data:`MAX_AGE`).

Only counts leave this module: no name, no source, no witness.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func, select
from starlette.requests import HTTPConnection

from gavah.connectivity.observation import Observation
from gavah.model import PersonStatus
from gavah.services.counting import count_basis, latest_estimate
from gavah.services.grading import policy_in_use
from gavah.store import Store
from gavah.store.codec import from_utc
from gavah.store.connectivity import ConnectivityRepository
from gavah.store.schema_bundle import ConnectivityObservationRow
from gavah.store.schema_claims import GradingRunRow
from gavah.store.schema_estimate import EstimateRow
from gavah.verify import GRADE_ORDER, CountRow, Counts, GradingPolicy, GroupBy, default_policy
from gavah.vocab import load_gazetteer
from gavah.web.context import WebContext

if TYPE_CHECKING:
    from gavah.workspace import Workspace

__all__ = [
    "CHECK_EVERY",
    "MAX_AGE",
    "Blackout",
    "DayFigure",
    "FigureCache",
    "ProvinceFigure",
    "PublicFigures",
    "Range",
    "Toll",
    "TollEstimate",
    "app_figures",
    "blackouts_of",
    "compute_figures",
    "configured_blackouts",
    "data_version",
    "policy_in_use",
    "public_figures",
]

_T = TypeVar("_T")

#: How often the data version is looked at (a few cheap counts).
CHECK_EVERY = dt.timedelta(seconds=5)
#: Figures older than this are recomputed even when the version looks unchanged (an update in
#: place changes no count).
MAX_AGE = dt.timedelta(minutes=10)
#: The status the public toll counts.
STATUS = PersonStatus.KILLED.value


@dataclass(frozen=True, slots=True)
class Range:
    """A documented range: named persons plus unnamed victims of count claims."""

    low: int
    high: int
    named: int


@dataclass(frozen=True, slots=True)
class TollEstimate:
    """The latest statistical estimate of the total, with its interval."""

    estimate: float
    low: float
    high: float
    level: float
    method: str
    lists: int | None
    made: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Toll:
    """The toll by grade (only confirmed, fair and weak add up to ``documented``)."""

    grades: Mapping[str, Range]
    documented: Range
    estimate: TollEstimate | None
    policy: str
    graded: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ProvinceFigure:
    """Documented deaths in one province of the gazetteer."""

    code: str
    persian: str
    english: str
    documented: Range


@dataclass(frozen=True, slots=True)
class DayFigure:
    """Documented deaths on one day."""

    day: dt.date
    documented: Range


@dataclass(frozen=True, slots=True)
class Blackout:
    """A period of internet shutdown to mark on the timeline (days inclusive)."""

    start: dt.date
    end: dt.date
    source: str

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class PublicFigures:
    """Everything the public home, map, timeline and API show."""

    toll: Toll
    provinces: tuple[ProvinceFigure, ...]
    unplaced: Range
    days: tuple[DayFigure, ...]
    undated: Range
    blackouts: tuple[Blackout, ...]
    computed: dt.datetime
    policy: GradingPolicy = field(default_factory=default_policy)
    #: What the pages derive from these figures (drawings, formatted rows), per language: kept
    #: with the figures so that it is made once per data version, not once per request.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, key: Any, make: Callable[[], _T]) -> _T:
        """``make()``, made once for these figures under ``key``."""
        if key not in self.memo:
            self.memo[key] = make()
        found: _T = self.memo[key]
        return found


def _range(row: CountRow | None) -> Range:
    if row is None:
        return Range(0, 0, 0)
    tally = row.documented
    return Range(tally.low, tally.high, tally.named)


def _estimate(store: Store) -> TollEstimate | None:
    latest = latest_estimate(store)
    if latest is None:
        return None
    found = latest.estimate
    return TollEstimate(
        estimate=found.estimate,
        low=found.low,
        high=found.high,
        level=found.level,
        method=found.method,
        lists=latest.lists,
        made=latest.made,
    )


def _merge(periods: Iterable[Blackout]) -> tuple[Blackout, ...]:
    merged: list[Blackout] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if merged and period.start <= merged[-1].end + dt.timedelta(days=1):
            last = merged[-1]
            sources = sorted({*last.source.split(", "), *period.source.split(", ")})
            merged[-1] = Blackout(last.start, max(last.end, period.end), ", ".join(sources))
        else:
            merged.append(period)
    return tuple(merged)


def configured_blackouts(workspace: Workspace | None) -> tuple[Blackout, ...]:
    """The ``[site] blackouts = [{start = "…", end = "…"}]`` periods of ``gavah.toml``.

    Entries that are not two ISO days in order are ignored (the public site must not fail).
    """
    site = None if workspace is None else workspace.config.extra.get("site")
    entries = site.get("blackouts") if isinstance(site, Mapping) else None
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, Mapping):
            continue
        try:
            start = dt.date.fromisoformat(str(entry["start"]))
            end = dt.date.fromisoformat(str(entry["end"]))
        except (KeyError, ValueError):
            continue
        if start <= end:
            found.append(Blackout(start, end, str(entry.get("source") or "gavah.toml")))
    return _merge(found)


def blackouts_of(
    observations: Iterable[Observation], configured: tuple[Blackout, ...], country: str = "IR"
) -> tuple[Blackout, ...]:
    """National outage spans of the connectivity data, merged; else ``configured``."""
    found = [
        Blackout(o.start.astimezone(dt.UTC).date(), o.days()[-1], o.dataset)
        for o in observations
        if o.outage and o.region is None and o.country == country
    ]
    return _merge(found) if found else configured


def compute_figures(
    store: Store, workspace: Workspace | None, *, now: dt.datetime
) -> PublicFigures:
    """Read the store and compute every public figure (what ``gavah counts`` computes).

    Raises:
        StorageError: the database cannot be read.
    """
    policy = policy_in_use(workspace)
    basis = count_basis(store, policy)
    with store.reader() as session:
        observations = ConnectivityRepository(session).observations()
        graded = session.scalar(select(func.max(GradingRunRow.graded_at)))
    estimate = _estimate(store)

    def count(by: GroupBy | None) -> Counts:
        return basis.count(status=STATUS, by=by)

    total = count(None).total
    by_province = {r.key: r for r in count("province").rows}
    by_day = {r.key: r for r in count("date").rows}
    grades_out = {
        g.value: Range(total.tallies[g].low, total.tallies[g].high, total.tallies[g].named)
        for g in GRADE_ORDER
    }
    gazetteer = load_gazetteer()
    provinces = tuple(
        ProvinceFigure(p.code, p.persian, p.latin[0], _range(by_province.get(p.code)))
        for p in sorted(gazetteer.provinces, key=lambda p: p.latin[0])
    )
    codes = {p.code for p in gazetteer.provinces}
    unplaced = _sum(r for k, r in by_province.items() if k not in codes)
    days = []
    for key, row in sorted(by_day.items()):
        try:
            day = dt.date.fromisoformat(key)
        except ValueError:
            continue
        days.append(DayFigure(day, _range(row)))
    undated = _sum(r for k, r in by_day.items() if not _is_day(k))
    toll = Toll(
        grades=grades_out,
        documented=_range(total),
        estimate=estimate,
        policy=policy.name,
        graded=None if graded is None else from_utc(graded),  # SQLite: naive
    )
    return PublicFigures(
        toll=toll,
        provinces=provinces,
        unplaced=unplaced,
        days=tuple(days),
        undated=undated,
        blackouts=blackouts_of(observations, configured_blackouts(workspace)),
        computed=now,
        policy=policy,
    )


def _is_day(key: str) -> bool:
    try:
        dt.date.fromisoformat(key)
    except ValueError:
        return False
    return True


def _sum(rows: Iterable[CountRow]) -> Range:
    low = high = named = 0
    for row in rows:
        tally = row.documented
        low, high, named = low + tally.low, high + tally.high, named + tally.named
    return Range(low, high, named)


def data_version(store: Store) -> tuple[Any, ...]:
    """A cheap fingerprint of everything the figures read: it changes when they may."""
    counts = store.counts()
    with store.reader() as session:
        runs = session.scalar(select(func.max(GradingRunRow.pk)))
        estimates = session.scalar(select(func.max(EstimateRow.id)))
        observations = session.scalar(select(func.count(ConnectivityObservationRow.pk)))
    return (tuple(sorted(counts.items())), runs, estimates, observations)


@dataclass(slots=True)
class FigureCache:
    """The figures of one app, recomputed when the data version changes (thread-safe)."""

    compute: Callable[[dt.datetime], PublicFigures]
    version: Callable[[], tuple[Any, ...]]
    clock: Callable[[], dt.datetime]
    _figures: PublicFigures | None = None
    _version: tuple[Any, ...] | None = None
    _checked: dt.datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self) -> PublicFigures:
        """The current figures (computing them when the data changed or they are old).

        While one request recomputes, the others are served the previous figures rather than
        wait; only the very first computation makes them wait.
        """
        now = self.clock()
        figures, checked = self._figures, self._checked
        if figures is not None and checked is not None and now - checked < CHECK_EVERY:
            return figures
        if figures is None:
            self._lock.acquire()
        elif not self._lock.acquire(blocking=False):
            return figures  # another request is recomputing: serve the previous figures
        try:
            return self._refresh()
        finally:
            self._lock.release()

    def _refresh(self) -> PublicFigures:
        now = self.clock()
        figures, checked = self._figures, self._checked
        if figures is not None and checked is not None and now - checked < CHECK_EVERY:
            return figures
        version = self.version()
        if figures is None or now - figures.computed >= MAX_AGE or version != self._version:
            figures = self.compute(now)
            self._figures, self._version = figures, version
        self._checked = now
        return figures


_CACHE_LOCK = threading.Lock()


def public_figures(connection: HTTPConnection) -> PublicFigures | None:
    """The figures of the app serving ``connection`` (``None`` when it has no store).

    Raises:
        StorageError: the database cannot be read.
    """
    return app_figures(connection.app)


def app_figures(app: Any) -> PublicFigures | None:
    """The figures of ``app`` (a FastAPI app built by ``create_app``; ``None`` without a store).

    The :class:`FigureCache` lives on ``app.state``: one per app, never shared between apps.
    ``create_app(..., warm=True)`` calls this once at start-up, so that no visitor waits for the
    first computation.

    Raises:
        StorageError: the database cannot be read.
    """
    state = app.state
    context = state.gavah
    if not isinstance(context, WebContext):  # pragma: no cover - the factory always sets it
        raise TypeError("the web app was not built by gavah.web.create_app")
    store = context.store
    if store is None:
        return None
    with _CACHE_LOCK:
        cache = getattr(state, "public_figures", None)
        if not isinstance(cache, FigureCache):
            workspace = context.workspace
            cache = FigureCache(
                compute=lambda now: compute_figures(store, workspace, now=now),
                version=lambda: data_version(store),
                clock=context.clock,
            )
            state.public_figures = cache
    return cache.get()
