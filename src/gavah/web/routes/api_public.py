"""The public figures as JSON: the toll, the provinces (the map) and the days (the timeline).

Owns ``/api/v1/toll``, ``/api/v1/provinces`` and ``/api/v1/timeline`` (no account needed),
documented in the OpenAPI schema by their pydantic response models. They serve the same cached
:class:`gavah.web.figures.PublicFigures` as the pages, so page and API always agree. Counts
only: no name, no source, no witness. 404 when the app serves no workspace store.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from gavah.web.figures import PublicFigures, Range, public_figures
from gavah.web.permissions import Permission
from gavah.web.routing import route

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["public figures"])


class Documented(BaseModel):
    """A documented range: named persons plus unnamed victims of graded count claims."""

    low: int = Field(description="Lower end: named plus the claims' minimums.")
    high: int = Field(description="Upper end: named plus the claims' maximums.")
    named: int = Field(description="Named persons of the register among them.")


class TollEstimateOut(BaseModel):
    """The latest statistical estimate of the total killed."""

    estimate: float
    interval: tuple[float, float]
    level: float = Field(description="Coverage of the interval, e.g. 0.95.")
    method: str = Field(description="Estimation method (e.g. loglinear, lcmcr).")
    lists: int | None = Field(description="How many lists the estimate combines.")
    made: dt.datetime | None


class TollOut(BaseModel):
    """The toll of the killed: documented by grade beside the estimate, never a bare number."""

    status: str
    grades: dict[str, Documented] = Field(
        description="confirmed, fair, weak (added up), contested and discounted (not added)."
    )
    documented: Documented
    estimate: TollEstimateOut | None
    policy: str = Field(description="Name of the grading policy in use.")
    graded: dt.datetime | None = Field(description="When claims were last graded and stored.")
    computed: dt.datetime


class ProvinceOut(BaseModel):
    """Documented deaths in one province (gazetteer code, ISO 3166-2 as revised in 2020)."""

    code: str
    name_fa: str
    name_en: str
    documented: Documented


class ProvincesOut(BaseModel):
    """The map's figures: every province, and the deaths whose province is not known."""

    provinces: list[ProvinceOut]
    unplaced: Documented
    computed: dt.datetime


class DayOut(BaseModel):
    """Documented deaths on one day."""

    day: dt.date
    documented: Documented
    blackout: bool = Field(description="Whether the day falls in an internet blackout.")


class BlackoutOut(BaseModel):
    """A period of internet shutdown (days inclusive) and where it comes from."""

    start: dt.date
    end: dt.date
    source: str


class TimelineOut(BaseModel):
    """The timeline's figures: documented deaths per day and the blackout periods."""

    days: list[DayOut]
    undated: Documented
    blackouts: list[BlackoutOut]
    computed: dt.datetime


def _figures(request: Request) -> PublicFigures:
    figures = public_figures(request)
    if figures is None:
        raise HTTPException(status_code=404, detail="this site serves no workspace")
    return figures


def _documented(r: Range) -> Documented:
    return Documented(low=r.low, high=r.high, named=r.named)


@route(router, "/toll", Permission.PUBLIC, response_model=TollOut)
def toll(request: Request) -> TollOut:
    """The toll of the killed: documented by grade, and the estimated total with its interval."""
    figures = _figures(request)
    return figures.derived("api-toll", lambda: _toll(figures))


def _toll(figures: PublicFigures) -> TollOut:
    t = figures.toll
    e = t.estimate
    return TollOut(
        status="killed",
        grades={g: _documented(r) for g, r in t.grades.items()},
        documented=_documented(t.documented),
        estimate=None
        if e is None
        else TollEstimateOut(
            estimate=e.estimate,
            interval=(e.low, e.high),
            level=e.level,
            method=e.method,
            lists=e.lists,
            made=e.made,
        ),
        policy=t.policy,
        graded=t.graded,
        computed=figures.computed,
    )


@route(router, "/provinces", Permission.PUBLIC, response_model=ProvincesOut)
def provinces(request: Request) -> ProvincesOut:
    """Documented deaths by province (what the map shows)."""
    figures = _figures(request)
    return figures.derived("api-provinces", lambda: _provinces(figures))


def _provinces(figures: PublicFigures) -> ProvincesOut:
    return ProvincesOut(
        provinces=[
            ProvinceOut(
                code=p.code,
                name_fa=p.persian,
                name_en=p.english,
                documented=_documented(p.documented),
            )
            for p in sorted(figures.provinces, key=lambda p: p.code)
        ],
        unplaced=_documented(figures.unplaced),
        computed=figures.computed,
    )


@route(router, "/timeline", Permission.PUBLIC, response_model=TimelineOut)
def timeline(request: Request) -> TimelineOut:
    """Documented deaths by day and the internet blackout periods (what the timeline shows)."""
    figures = _figures(request)
    return figures.derived("api-timeline", lambda: _timeline(figures))


def _timeline(figures: PublicFigures) -> TimelineOut:
    return TimelineOut(
        days=[
            DayOut(
                day=d.day,
                documented=_documented(d.documented),
                blackout=any(b.covers(d.day) for b in figures.blackouts),
            )
            for d in figures.days
        ],
        undated=_documented(figures.undated),
        blackouts=[
            BlackoutOut(start=b.start, end=b.end, source=b.source) for b in figures.blackouts
        ],
        computed=figures.computed,
    )
