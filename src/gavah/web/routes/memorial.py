"""The public memorial: victims approved for publication, a page each.

Owns ``/{lang}/memorial`` (paginated, filtered by province and date range) and
``/{lang}/memorial/{ref}``. Only persons the publication rule lets through appear (see
:mod:`gavah.store.publication`), each with names in both scripts, age, town and province, day
and how many independent sources name them — never which. Pages are served from the
:class:`gavah.web.memorial.MemorialSnapshot` of the current data version, so a page costs a
version check and a bisection.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from gavah.web.i18n import Language
from gavah.web.memorial import MemorialSnapshot, app_snapshot, day_label
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["router", "snapshot_of"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
#: Highest page number accepted (a memorial of 5 million names at 50 a page).
MAX_PAGE = 100_000


def snapshot_of(request: Request) -> MemorialSnapshot:
    """The app's current memorial snapshot (the cache lives on ``app.state``)."""
    return app_snapshot(request.app)


def parse_day(value: str, name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` form field, or ``None`` when empty.

    Raises:
        HTTPException: 400 for anything else.
    """
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD") from None


@route(router, "/{lang}/memorial", Permission.PUBLIC, response_class=HTMLResponse)
def memorial(
    request: Request,
    lang: Lang,
    *,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    province: Annotated[str, Query(max_length=16)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
) -> HTMLResponse:
    """The names of the dead approved for publication, a page at a time."""
    snapshot = snapshot_of(request)
    start, end = parse_day(since, "since"), parse_day(until, "until")
    found = snapshot.page(page, province=province or None, since=start, until=end)
    query = {"province": province, "since": since, "until": until}
    return render(
        request,
        "memorial.html",
        lang,
        day_of=lambda day: day_label(day, lang),
        found=found,
        provinces=snapshot.provinces(),
        query=query,
        link_query=urlencode({k: v for k, v in query.items() if v}),
    )


@route(router, "/{lang}/memorial/{ref}", Permission.PUBLIC, response_class=HTMLResponse)
def memorial_entry(request: Request, lang: Lang, ref: str) -> HTMLResponse:
    """One victim's page.

    Raises:
        HTTPException: 404 when nobody approved for publication has that reference.
    """
    entry = snapshot_of(request).by_ref.get(ref)
    if entry is None:
        raise HTTPException(404, "no published victim has this reference")
    return render(request, "memorial_entry.html", lang, entry=entry)
