"""The memorial's data as the public may see it, cached per data version.

Owns :class:`MemorialEntry` (one victim approved for publication: names in both scripts, age,
town and province by the gazetteer, day, how many independent sources — a number, never who),
:class:`MemorialPage`, :class:`MemorialSnapshot` (every public entry, indexed by province and
sorted by day so a filtered page costs a bisection, not a scan) and :func:`memorial_snapshot`
(built once per :meth:`gavah.store.publication.PublicationRepository.version`, and at most
:data:`SNAPSHOT_TTL` old), plus :func:`candidate_grades` (the grade each person's lists and
claims earn, for the review page) and :func:`workspace_policy`.

Who is public is decided by :mod:`gavah.store.publication`; this module only shapes what the
rule lets through, and never reads a name, note or verbatim of a record.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select

from gavah.errors import ConfigError
from gavah.model import ClaimKind, ClaimStance
from gavah.store import ClaimRepository, ReportRepository, SourceRepository, Store
from gavah.store.publication import PublicationRepository, PublicPerson
from gavah.store.schema import ClaimRow
from gavah.store.schema_claims import ClaimGradeRow
from gavah.text import normalize_persian, persian_to_latin
from gavah.verify import Grade, GradingPolicy, StreamIndex, Witness, default_policy, parse_policy
from gavah.verify.grading import assess, claim_witness
from gavah.vocab import Gazetteer, load_gazetteer
from gavah.web.context import WebContext
from gavah.web.i18n import Language, format_day

__all__ = [
    "PAGE_SIZE",
    "SNAPSHOT_TTL",
    "MemorialEntry",
    "MemorialPage",
    "MemorialSnapshot",
    "app_snapshot",
    "candidate_grades",
    "day_label",
    "entry_of",
    "latin_form",
    "memorial_snapshot",
    "persian_form",
    "workspace_policy",
]

T = TypeVar("T")

#: Entries per memorial page.
PAGE_SIZE = 50
#: A snapshot is rebuilt after this many seconds even when the version is unchanged (a backstop
#: for a change outside decisions and links, e.g. a record corrected in place).
SNAPSHOT_TTL = 30.0


@dataclass(frozen=True, slots=True)
class MemorialEntry:
    """One victim on the memorial."""

    ref: str
    name_fa: str | None
    name_latin: str | None
    age: int | None
    province: str | None
    province_fa: str | None
    province_en: str | None
    city_fa: str | None
    city_en: str | None
    day: dt.date | None
    sources: int


@dataclass(frozen=True, slots=True)
class MemorialPage:
    """One page of the memorial under a filter."""

    entries: tuple[MemorialEntry, ...]
    total: int
    page: int
    pages: int


def _sort_key(entry: MemorialEntry) -> tuple[bool, dt.date, str]:
    return (entry.day is None, entry.day or dt.date.min, entry.ref)


@dataclass(slots=True)
class MemorialSnapshot:
    """Every public entry, by reference, and sorted by day within each province."""

    version: str
    made: float
    by_ref: dict[str, MemorialEntry] = field(default_factory=dict)
    ordered: dict[str | None, list[MemorialEntry]] = field(default_factory=dict)
    days: dict[str | None, list[dt.date]] = field(default_factory=dict)

    @classmethod
    def of(cls, version: str, entries: Sequence[MemorialEntry]) -> MemorialSnapshot:
        """Index ``entries`` (``None`` in :attr:`ordered` holds all provinces)."""
        snapshot = cls(version, time.monotonic())
        snapshot.by_ref = {e.ref: e for e in entries}
        groups: dict[str | None, list[MemorialEntry]] = {None: list(entries)}
        for entry in entries:
            if entry.province:
                groups.setdefault(entry.province, []).append(entry)
        for key, group in groups.items():
            group.sort(key=_sort_key)
            snapshot.ordered[key] = group
            snapshot.days[key] = [e.day for e in group if e.day is not None]
        return snapshot

    def provinces(self) -> list[MemorialEntry]:
        """One entry per province present (for the filter's labels), by code."""
        return [group[0] for key, group in sorted(self.ordered.items(), key=_by_code) if key]

    def page(
        self,
        page: int,
        *,
        province: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        size: int = PAGE_SIZE,
    ) -> MemorialPage:
        """Page ``page`` (from 1) of the entries of ``province`` between ``since`` and ``until``.

        With a date bound, entries without a day are left out.
        """
        group = self.ordered.get(province or None, [])
        start, stop = 0, len(group)
        if since is not None or until is not None:
            days = self.days.get(province or None, [])
            start = 0 if since is None else bisect.bisect_left(days, since)
            stop = len(days) if until is None else bisect.bisect_right(days, until)
        total = max(0, stop - start)
        pages = max(1, -(-total // size))
        page = min(max(1, page), pages)
        first = start + (page - 1) * size
        return MemorialPage(tuple(group[first : min(first + size, stop)]), total, page, pages)


def _by_code(item: tuple[str | None, list[MemorialEntry]]) -> str:
    return item[0] or ""


def _most_common(values: Sequence[T]) -> T | None:
    """The most frequent value, the first seen on a tie (a person has a few records: no Counter)."""
    if len(values) <= 1:
        return values[0] if values else None
    return max(values, key=values.count)


@functools.lru_cache(maxsize=4096)
def day_label(day: dt.date, lang: Language) -> str:
    """:func:`gavah.web.i18n.format_day`, remembered: a page shows the same days many times,
    and Babel's formatting is the slowest part of rendering it."""
    return format_day(day, lang)


@functools.lru_cache(maxsize=65_536)
def persian_form(name: str | None) -> str | None:
    """A name as the Persian pages show it: Persian letter forms, digits and spacing."""
    return normalize_persian(name).strip() or None if name else None


@functools.lru_cache(maxsize=65_536)
def latin_form(name_latin: str | None, name_fa: str | None) -> str | None:
    """A name as the English pages show it: the register's Latin form (else a transliteration
    of the Persian one), each word capitalised."""
    text = name_latin or (persian_to_latin(name_fa) if name_fa else "")
    words = [w[:1].upper() + w[1:] for w in text.split()]
    return " ".join(words) or None


class _Places:
    """The gazetteer's provinces by code and its town matches, remembered (names repeat)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.provinces = {p.code: p for p in gazetteer.provinces}
        self._towns: dict[tuple[str, str | None], tuple[str, str | None] | None] = {}

    def town(self, name: str, code: str | None) -> tuple[str, str | None] | None:
        """(Persian, Latin) of the gazetteer's town called ``name`` in province ``code``."""
        key = (name, code)
        if key not in self._towns:
            match = self.gazetteer.match_city(name, code)
            city = None if match is None else match[1]
            self._towns[key] = (
                None if city is None else (city.persian, next(iter(city.latin), None))
            )
        return self._towns[key]


def entry_of(
    person: PublicPerson, index: StreamIndex, gazetteer: Gazetteer | _Places
) -> MemorialEntry:
    """The memorial entry of a public person: names, age, place, day, independent sources.

    Each fact is the one the person's records agree on most (the first record that has it on a
    tie); a town is shown only when the gazetteer knows it (never as a list wrote it).
    """
    places = gazetteer if isinstance(gazetteer, _Places) else _Places(gazetteer)
    provinces = places.provinces
    records = person.records
    code = _most_common([r.province for r in records if r.province in provinces])
    province = provinces.get(code) if code else None
    city_fa = city_en = None
    for record in records:
        if record.city and (code is None or record.province == code):
            town = places.town(record.city, code)
            if town is not None:
                city_fa, city_en = town
                break
    day = _most_common([r.day for r in records if r.day is not None and r.precision == "day"])
    streams = {index.root(r.source_id) for r in records}
    return MemorialEntry(
        ref=person.ref,
        name_fa=persian_form(person.name_fa),
        name_latin=latin_form(person.name_latin, person.name_fa),
        age=_most_common([r.age for r in records if r.age is not None]),
        province=code,
        province_fa=province.persian if province else None,
        province_en=province.latin[0] if province and province.latin else None,
        city_fa=city_fa,
        city_en=city_en,
        day=day,
        sources=len(streams),
    )


_LOCK = threading.Lock()


def memorial_snapshot(context: WebContext, cache: dict[str, MemorialSnapshot]) -> MemorialSnapshot:
    """The current snapshot of ``context``'s store.

    A new version (a decision, a relink) is rebuilt before answering, so a withheld victim is
    never shown again; a snapshot merely older than :data:`SNAPSHOT_TTL` is still served while
    one background thread rebuilds it. ``cache`` is the app's own (kept on ``app.state``).
    """
    store = context.store
    if store is None:
        return MemorialSnapshot.of("", [])
    with store.reader() as session:
        version = PublicationRepository(session).version()
    held = cache.get("memorial")
    if held is not None and held.version == version:
        if time.monotonic() - held.made >= SNAPSHOT_TTL and _LOCK.acquire(blocking=False):
            held.made = time.monotonic()  # one refresh at a time

            def refresh() -> None:
                try:
                    cache["memorial"] = build_snapshot(store, version)
                finally:
                    _LOCK.release()

            threading.Thread(target=refresh, name="memorial-snapshot", daemon=True).start()
        return held
    with _LOCK:
        held = cache.get("memorial")
        if held is not None and held.version == version:
            return held  # another request has just rebuilt it
        snapshot = build_snapshot(store, version)
        cache["memorial"] = snapshot
        return snapshot


def app_snapshot(app: Any) -> MemorialSnapshot:
    """The current snapshot of ``app`` (built by ``create_app``); its cache lives on ``app.state``.

    ``create_app(..., warm=True)`` calls this once at start-up, so no visitor waits for it.
    """
    state = app.state
    context = state.gavah
    if not isinstance(context, WebContext):  # pragma: no cover - the factory always sets it
        raise TypeError("the web app was not built by gavah.web.create_app")
    cache = getattr(state, "memorial_cache", None)
    if cache is None:
        cache = {}
        state.memorial_cache = cache
    return memorial_snapshot(context, cache)


def build_snapshot(store: Store, version: str) -> MemorialSnapshot:
    """Read every public person and shape the entries (the heavy part, once per version)."""
    with store.reader() as session:
        persons = PublicationRepository(session).public_persons()
        index = StreamIndex(SourceRepository(session).list())
    places = _Places(load_gazetteer())
    return MemorialSnapshot.of(version, [entry_of(p, index, places) for p in persons])


def workspace_policy(context: WebContext) -> GradingPolicy:
    """The workspace's grading policy (``[grading]`` of gavah.toml), else the shipped default.

    An invalid table falls back to the default: the review page must still open.
    """
    workspace = context.workspace
    table = None if workspace is None else workspace.config.extra.get("grading")
    if isinstance(table, Mapping):
        try:
            return parse_policy(table)
        except ConfigError:  # `gavah claims grade` reports it; the page must still open
            return default_policy()
    return default_policy()


def candidate_grades(
    store: Store, sources_of: Mapping[str, Sequence[str]], policy: GradingPolicy
) -> dict[str, Grade]:
    """Person id → the grade its lists (one witness per record) and status claims earn.

    ``sources_of`` maps each person to the sources of its records. As ``gavah counts`` grades a
    named person: a contested claim about them makes them contested; a denial supports nothing.
    """
    ids = sorted(sources_of)
    if not ids:
        return {}
    with store.reader() as session:
        index = StreamIndex(SourceRepository(session).list())
        claim_ids = list(
            session.scalars(
                select(ClaimRow.id).where(
                    ClaimRow.person_id.in_(ids), ClaimRow.kind == ClaimKind.PERSON_STATUS.value
                )
            )
        )
        claims = [c for c in (ClaimRepository(session).get(i) for i in claim_ids) if c]
        reports = {c.report_id: ReportRepository(session).get(c.report_id) for c in claims}
        contested = set(
            session.scalars(
                select(ClaimGradeRow.claim_id).where(
                    ClaimGradeRow.claim_id.in_(claim_ids),
                    ClaimGradeRow.grade == Grade.CONTESTED.value,
                )
            )
        )
    grades: dict[str, Grade] = {}
    for person_id in ids:
        witnesses = [
            Witness(label=f"record {n}", source_id=s) for n, s in enumerate(sources_of[person_id])
        ]
        about = [c for c in claims if c.person_id == person_id]
        witnesses += [
            claim_witness(c, reports.get(c.report_id))
            for c in about
            if c.stance is not ClaimStance.DENIES
        ]
        grade = assess(witnesses, index, policy).grade
        if any(c.id in contested for c in about):
            grade = Grade.CONTESTED
        grades[person_id] = grade
    return grades
