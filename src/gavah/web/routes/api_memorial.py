"""The public JSON API of the memorial and the incidents, described in the OpenAPI schema.

Owns ``/api/v1/memorial`` (a page of victims approved for publication, filtered by province and
date range), ``/api/v1/memorial/{ref}``, ``/api/v1/incidents`` and ``/api/v1/incidents/{id}``,
with their pydantic response models. The same data as the HTML pages (the memorial snapshot of
:mod:`gavah.web.memorial`, the reads of :mod:`gavah.store.public_incidents`), so the models are
the whole of what the public may see: no source, witness, note or unpublished name has a field.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from gavah.store.public_incidents import IncidentFacts, incident_page
from gavah.web.context import web_context
from gavah.web.memorial import MemorialEntry
from gavah.web.permissions import Permission
from gavah.web.routes.incidents import PAGE_SIZE as INCIDENT_PAGE_SIZE
from gavah.web.routes.incidents import incident_or_404
from gavah.web.routes.memorial import MAX_PAGE, snapshot_of
from gavah.web.routing import route

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["memorial"])

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
Province = Annotated[
    str | None, Query(max_length=16, description="ISO 3166-2 province code, e.g. IR-23.")
]


class Victim(BaseModel):
    """A victim approved for publication."""

    ref: str = Field(description="Stable reference of the memorial entry.")
    name_fa: str | None = Field(description="Name in Persian script.")
    name_latin: str | None = Field(description="Name in Latin script.")
    age: int | None
    province: str | None = Field(description="ISO 3166-2 province code.")
    province_fa: str | None
    province_en: str | None
    city_fa: str | None
    city_en: str | None
    day: dt.date | None = Field(description="Day of death (Gregorian).")
    sources: int = Field(description="How many independent sources name them (never which).")


class VictimPage(BaseModel):
    """One page of the memorial."""

    total: int
    page: int
    pages: int
    victims: list[Victim]


class Act(BaseModel):
    """What was done in an incident."""

    act_type: str
    victims_low: int | None
    victims_high: int | None


class GradedCount(BaseModel):
    """The count claims about an incident under one grade: their range and number."""

    grade: str
    low: int
    high: int | None = Field(description="None: no upper bound was stated.")
    claims: int


class Incident(BaseModel):
    """The public facts of an incident."""

    id: str
    place: str
    province: str | None
    start: dt.date | None
    end: dt.date | None
    description: str | None
    acts: list[Act]
    counts: list[GradedCount]


class IncidentPage(BaseModel):
    """One page of incidents, newest first."""

    total: int
    page: int
    pages: int
    incidents: list[Incident]


def _victim(entry: MemorialEntry) -> Victim:
    return Victim(
        ref=entry.ref,
        name_fa=entry.name_fa,
        name_latin=entry.name_latin,
        age=entry.age,
        province=entry.province,
        province_fa=entry.province_fa,
        province_en=entry.province_en,
        city_fa=entry.city_fa,
        city_en=entry.city_en,
        day=entry.day,
        sources=entry.sources,
    )


def _incident(found: IncidentFacts) -> Incident:
    return Incident(
        id=found.id,
        place=found.place,
        province=found.province,
        start=found.start,
        end=found.end,
        description=found.description,
        acts=[
            Act(act_type=a.act_type, victims_low=a.victims_low, victims_high=a.victims_high)
            for a in found.acts
        ],
        counts=[
            GradedCount(grade=c.grade, low=c.low, high=c.high, claims=c.claims)
            for c in found.counts
        ],
    )


@route(router, "/memorial", Permission.PUBLIC, response_model=VictimPage)
def memorial(
    request: Request,
    page: Page = 1,
    province: Province = None,
    since: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD.")] = None,
) -> VictimPage:
    """Victims approved for publication, by day of death, 50 a page."""
    found = snapshot_of(request).page(page, province=province, since=since, until=until)
    return VictimPage(
        total=found.total,
        page=found.page,
        pages=found.pages,
        victims=[_victim(e) for e in found.entries],
    )


@route(
    router,
    "/memorial/{ref}",
    Permission.PUBLIC,
    response_model=Victim,
    responses={404: {"description": "Nobody approved for publication has this reference."}},
)
def memorial_entry(request: Request, ref: str) -> Victim:
    """One victim approved for publication."""
    entry = snapshot_of(request).by_ref.get(ref)
    if entry is None:
        raise HTTPException(404, "no published victim has this reference")
    return _victim(entry)


@route(router, "/incidents", Permission.PUBLIC, response_model=IncidentPage)
def incidents(request: Request, page: Page = 1, province: Province = None) -> IncidentPage:
    """Documented incidents, newest first, 50 a page."""
    store = web_context(request).store
    total, found = 0, list[IncidentFacts]()
    if store is not None:
        with store.reader() as session:
            total, found = incident_page(
                session,
                offset=(page - 1) * INCIDENT_PAGE_SIZE,
                limit=INCIDENT_PAGE_SIZE,
                province=province,
            )
    return IncidentPage(
        total=total,
        page=page,
        pages=max(1, -(-total // INCIDENT_PAGE_SIZE)),
        incidents=[_incident(i) for i in found],
    )


@route(
    router,
    "/incidents/{incident_id}",
    Permission.PUBLIC,
    response_model=Incident,
    responses={404: {"description": "No such incident."}},
)
def incident(request: Request, incident_id: str) -> Incident:
    """The public facts of one incident."""
    found = incident_or_404(request, incident_id)
    return _incident(found)
