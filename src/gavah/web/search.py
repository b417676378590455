"""The search box, public and private: its parameters and one call over :mod:`gavah.store.search`.

Owns :class:`SearchForm` (the name and the filters: province, date range, statuses, grades,
kinds), the two ways of reading it from a request (:func:`page_form`, lenient, for the no-JS
GET form whose empty fields arrive as ``""``; :func:`api_form`, typed, so the OpenAPI schema
documents every parameter), :func:`run_search`, :func:`province_choices` and
:data:`MAX_QUERY_LENGTH`. The caller says whether unpublished documents may be shown
(``public_only``); this module never decides it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from gavah.store.search import GRADES, KINDS, STATUSES, SearchFilter, SearchHit, SearchRepository
from gavah.vocab import load_gazetteer
from gavah.web.context import WebContext
from gavah.web.notices import gettext_noop

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_RESULTS",
    "GradeName",
    "KindName",
    "SearchForm",
    "StatusName",
    "api_form",
    "page_form",
    "province_choices",
    "run_search",
]

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
#: Longest province code (``IR-23``; the column holds 16).
MAX_PROVINCE = 16
PROVINCE_PATTERN = r"^[A-Za-z0-9-]{1,16}$"

StatusName = Literal[
    "killed", "injured", "detained", "disappeared", "sentenced", "executed", "released"
]
GradeName = Literal["confirmed", "fair", "weak", "contested", "discounted"]
KindName = Literal["person", "incident", "source", "evidence", "record"]

#: The filters' values and their labels (English msgids, translated by the template).
STATUS_LABELS = {
    "killed": gettext_noop("killed"),
    "injured": gettext_noop("injured"),
    "detained": gettext_noop("detained"),
    "disappeared": gettext_noop("disappeared"),
    "sentenced": gettext_noop("sentenced"),
    "executed": gettext_noop("executed"),
    "released": gettext_noop("released"),
}
GRADE_LABELS = {
    "confirmed": gettext_noop("confirmed"),
    "fair": gettext_noop("fair"),
    "weak": gettext_noop("weak"),
    "contested": gettext_noop("contested"),
    "discounted": gettext_noop("discounted"),
}
KIND_LABELS = {
    "person": gettext_noop("person"),
    "incident": gettext_noop("incident"),
    "source": gettext_noop("source"),
    "evidence": gettext_noop("evidence"),
    "record": gettext_noop("list record"),
}
#: What the public search can find (sources and evidence are never published).
PUBLIC_KINDS = ("person", "incident")


@dataclass(frozen=True, slots=True)
class SearchForm:
    """What was asked: a name and the filters (empty: no narrowing)."""

    q: str = ""
    province: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def where(self, *, public_only: bool) -> SearchFilter:
        """The store's filter for this form."""
        return SearchFilter(
            public_only=public_only,
            kinds=self.kinds,
            province=self.province,
            since=self.since,
            until=self.until,
            statuses=self.statuses,
            grades=self.grades,
        )

    def choices(self, lang: str, *, private: bool) -> dict[str, tuple[tuple[str, str], ...]]:
        """The form's options: value and label (an English msgid, or a province's name)."""
        kinds = KINDS if private else PUBLIC_KINDS
        return {
            "province": province_choices(lang),
            "status": tuple(STATUS_LABELS.items()),
            "grade": tuple(GRADE_LABELS.items()),
            "kind": tuple((k, KIND_LABELS[k]) for k in kinds),
        }

    @staticmethod
    def labels() -> dict[str, dict[str, str]]:
        """Value → label (an English msgid) of each field, for showing a hit."""
        return {"kind": KIND_LABELS, "status": STATUS_LABELS, "grade": GRADE_LABELS}

    @property
    def filtered(self) -> bool:
        """Whether any filter narrows the search."""
        return bool(
            self.province or self.since or self.until or self.statuses or self.grades or self.kinds
        )


def _day(name: str, value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: not a date (YYYY-MM-DD): {value[:20]!r}") from None


def _choices(name: str, values: list[str], allowed: tuple[str, ...]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v for v in values if v))
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise HTTPException(400, f"{name}: unknown value {unknown[0][:20]!r}")
    return chosen


def page_form(
    *,
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
    province: Annotated[str, Query(max_length=MAX_PROVINCE)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    status: Annotated[list[str] | None, Query(max_length=len(STATUSES))] = None,
    grade: Annotated[list[str] | None, Query(max_length=len(GRADES))] = None,
    kind: Annotated[list[str] | None, Query(max_length=len(KINDS))] = None,
) -> SearchForm:
    """The search form of a page (empty fields mean no filter; a bad value is a 400)."""
    if province and province not in {p for p, _ in province_choices("en")}:
        raise HTTPException(400, f"province: unknown code {province!r}")
    return SearchForm(
        q=q,
        province=province or None,
        since=_day("since", since),
        until=_day("until", until),
        statuses=_choices("status", status or [], STATUSES),
        grades=_choices("grade", grade or [], GRADES),
        kinds=_choices("kind", kind or [], KINDS),
    )


def api_form(
    *,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_QUERY_LENGTH, description="A name, any script.")
    ],
    province: Annotated[
        str | None,
        Query(pattern=PROVINCE_PATTERN, description="Province code, e.g. IR-23 (Tehran)."),
    ] = None,
    since: Annotated[dt.date | None, Query(description="Event on or after this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Event on or before this day.")] = None,
    status: Annotated[
        list[StatusName] | None, Query(description="A person's status (any of them).")
    ] = None,
    grade: Annotated[
        list[GradeName] | None, Query(description="A person's grade (any of them).")
    ] = None,
    kind: Annotated[list[KindName] | None, Query(description="What to find (any of them).")] = None,
) -> SearchForm:
    """The search parameters of the JSON API (validated by FastAPI: a bad value is a 422)."""
    return SearchForm(
        q=q,
        province=province,
        since=since,
        until=until,
        statuses=tuple(dict.fromkeys(status or [])),
        grades=tuple(dict.fromkeys(grade or [])),
        kinds=tuple(dict.fromkeys(kind or [])),
    )


@functools.cache
def province_choices(lang: str) -> tuple[tuple[str, str], ...]:
    """(code, name in ``lang``) of every province, by name."""
    provinces = load_gazetteer().provinces
    named = [(p.code, p.persian if lang == "fa" else p.latin[0]) for p in provinces]
    return tuple(sorted(named, key=lambda pair: pair[1]))


def run_search(
    context: WebContext,
    form: SearchForm | str,
    *,
    public_only: bool,
    limit: int = MAX_RESULTS,
) -> list[SearchHit]:
    """Documents matching ``form`` (none for an empty name or without a store).

    A bare string is a name without filters.
    """
    asked = SearchForm(q=form) if isinstance(form, str) else form
    if not asked.q.strip() or context.store is None:
        return []
    with context.store.reader() as session:
        return SearchRepository(session).find(
            asked.q[:MAX_QUERY_LENGTH], asked.where(public_only=public_only), limit=limit
        )
