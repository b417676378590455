"""Public pages: what anyone may read, without an account.

Owns ``/`` (sends the browser to ``/fa/`` or ``/en/``: by ``?lang=``, else by
``Accept-Language``), the home page, the public search (documents approved for publication
only) and ``/healthz``. Must never show a restricted field: the search is called with
``public_only=True``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from gavah import __version__
from gavah.web.context import web_context
from gavah.web.i18n import Language, as_language, negotiate
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.search import MAX_QUERY_LENGTH, run_search
from gavah.web.tables import table_label
from gavah.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]


@route(router, "/", Permission.PUBLIC)
def root(request: Request, lang: str = "") -> RedirectResponse:
    """Send the browser to its language's home page (``?lang=en`` chooses it outright)."""
    chosen = as_language(lang) or negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"/{chosen}/", status_code=303)


@route(router, "/{lang}/", Permission.PUBLIC, response_class=HTMLResponse)
def home(request: Request, lang: Lang) -> HTMLResponse:
    """The public home page: what the workspace holds, in ``lang``."""
    context = web_context(request)
    rows = [(table_label(table, lang), n) for table, n in context.counts().items()]
    return render(request, "home.html", lang, rows=rows)


@route(router, "/{lang}/search", Permission.PUBLIC, response_class=HTMLResponse)
def search(
    request: Request,
    lang: Lang,
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
) -> HTMLResponse:
    """Search what has been published, by name in either script."""
    hits = run_search(web_context(request), q, public_only=True)
    return render(request, "search.html", lang, query=q, hits=hits, private=False)


@route(router, "/healthz", Permission.PUBLIC)
def healthz() -> JSONResponse:
    """Liveness: the server answers."""
    return JSONResponse({"status": "ok", "version": __version__})
