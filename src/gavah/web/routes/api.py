"""The JSON API, described by FastAPI's OpenAPI schema at ``/api/openapi.json``.

Owns ``/api/v1/search`` (published documents only) and ``/api/v1/workspace/search`` (signed-in
accounts that may view the workspace: unpublished documents too). Anonymous calls to a private
endpoint get 401, forbidden ones 403, as JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from gavah.store.search import SearchHit
from gavah.web.context import web_context
from gavah.web.permissions import Permission
from gavah.web.routing import route
from gavah.web.search import MAX_QUERY_LENGTH, run_search

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["search"])

Q = Annotated[str, Query(min_length=1, max_length=MAX_QUERY_LENGTH, description="A name.")]


class Hit(BaseModel):
    """One search result."""

    kind: str
    ref: str
    title: str
    province: str | None
    day: dt.date | None


class Hits(BaseModel):
    """Search results, best first."""

    query: str
    hits: list[Hit]


def _hits(query: str, found: list[SearchHit]) -> Hits:
    return Hits(
        query=query,
        hits=[
            Hit(kind=h.kind, ref=h.ref, title=h.title, province=h.province, day=h.day)
            for h in found
        ],
    )


@route(router, "/search", Permission.PUBLIC, response_model=Hits)
def public_search(request: Request, q: Q) -> Hits:
    """Published persons, incidents and sources whose name matches ``q`` in any script."""
    return _hits(q, run_search(web_context(request), q, public_only=True))


@route(router, "/workspace/search", Permission.VIEW_WORKSPACE, response_model=Hits)
def workspace_search(request: Request, q: Q) -> Hits:
    """Everything in the workspace whose name matches ``q``, published or not."""
    return _hits(q, run_search(web_context(request), q, public_only=False))
