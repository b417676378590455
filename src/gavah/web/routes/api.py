"""The JSON API, described by FastAPI's OpenAPI schema at ``/api/openapi.json``.

Owns ``/api/v1/search`` (published documents only) and ``/api/v1/workspace/search`` (signed-in
accounts that may view the workspace: unpublished documents too). Anonymous calls to a private
endpoint get 401, forbidden ones 403, as JSON. Both take the name ``q`` and the filters of
:func:`gavah.web.search.api_form` (province, since, until, status, grade, kind; the last three
repeatable) and ``limit``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from gavah.store.search import SearchHit
from gavah.web.context import web_context
from gavah.web.permissions import Permission
from gavah.web.routing import route
from gavah.web.search import MAX_RESULTS, SearchForm, api_form, run_search

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["search"])

Form = Annotated[SearchForm, Depends(api_form)]
Limit = Annotated[int, Query(ge=1, le=MAX_RESULTS, description="How many hits at most.")]


class Hit(BaseModel):
    """One search result."""

    kind: str
    ref: str
    title: str
    province: str | None
    day: dt.date | None
    status: str | None
    grade: str | None


class Hits(BaseModel):
    """Search results, best first."""

    query: str
    hits: list[Hit]


def _hits(query: str, found: list[SearchHit]) -> Hits:
    return Hits(
        query=query,
        hits=[
            Hit(
                kind=h.kind,
                ref=h.ref,
                title=h.title,
                province=h.province,
                day=h.day,
                status=h.status,
                grade=h.grade,
            )
            for h in found
        ],
    )


@route(router, "/search", Permission.PUBLIC, response_model=Hits)
def public_search(request: Request, form: Form, limit: Limit = 20) -> Hits:
    """Published persons and incidents whose name matches ``q`` in any script and spelling."""
    return _hits(form.q, run_search(web_context(request), form, public_only=True, limit=limit))


@route(router, "/workspace/search", Permission.VIEW_WORKSPACE, response_model=Hits)
def workspace_search(request: Request, form: Form, limit: Limit = 20) -> Hits:
    """Persons, incidents, sources and evidence whose name matches ``q``, published or not."""
    return _hits(form.q, run_search(web_context(request), form, public_only=False, limit=limit))
