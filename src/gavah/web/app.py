"""The FastAPI application factory.

Owns :func:`create_app`: it builds the :class:`gavah.web.context.WebContext`, mounts the static
assets (``gavah/web/static`` and the Vazirmatn fonts of ``gavah/assets/fonts``), includes the
routers of :mod:`gavah.web.routes`, adds the security headers of :mod:`gavah.web.security` to
every response (and ``Cache-Control: no-store`` to every page, so no proxy keeps a private one)
and turns the auth signals into responses: 303 to the sign-in page (401 for the API) when not
signed in, 403 when the role forbids it or the CSRF token is wrong. Interactive API docs are off
(they would load scripts from a CDN); the schema is at ``/api/openapi.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

import gavah
from gavah import __version__
from gavah.store import Store
from gavah.store.search import SearchRepository
from gavah.web.auth import CsrfRejected, Forbidden, NotSignedIn, session_cookie
from gavah.web.context import WebContext, WebOptions
from gavah.web.i18n import DEFAULT_LANGUAGE, as_language
from gavah.web.pagecache import PageCache, is_shareable
from gavah.web.routes import ROUTERS
from gavah.web.security import SECURITY_HEADERS
from gavah.web.templating import render

if TYPE_CHECKING:
    from gavah.workspace import Workspace

__all__ = ["FONTS_DIR", "OPENAPI_URL", "create_app", "workspace_app"]

OPENAPI_URL = "/api/openapi.json"
#: Shared with other packages that draw Persian text (plots, dossiers).
FONTS_DIR = Path(gavah.__file__).parent / "assets" / "fonts"
#: Static assets are versioned by the package; a day is safe and helps slow links.
_STATIC_CACHE = "public, max-age=86400"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _language_of(request: Request) -> str:
    first = request.url.path.strip("/").split("/", 1)[0]
    return as_language(first) or DEFAULT_LANGUAGE


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_handlers(app: FastAPI) -> None:
    async def not_signed_in(request: Request, _: Exception) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        lang = _language_of(request)
        target = quote(request.url.path, safe="/")
        return RedirectResponse(f"/{lang}/login?next={target}", status_code=303)

    async def forbidden(request: Request, _: Exception) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "your role does not allow this"}, status_code=403)
        lang = as_language(_language_of(request)) or DEFAULT_LANGUAGE
        return render(request, "error.html", lang, 403, problem="forbidden")

    async def csrf(request: Request, _: Exception) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "missing or wrong CSRF token"}, status_code=403)
        lang = as_language(_language_of(request)) or DEFAULT_LANGUAGE
        return render(request, "error.html", lang, 403, problem="csrf")

    app.add_exception_handler(NotSignedIn, not_signed_in)
    app.add_exception_handler(Forbidden, forbidden)
    app.add_exception_handler(CsrfRejected, csrf)


@contextlib.asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Compute the public figures and the memorial before serving, so no visitor waits."""
    from gavah.web.figures import app_figures  # noqa: PLC0415 - imports the grading core
    from gavah.web.memorial import app_snapshot  # noqa: PLC0415

    await asyncio.to_thread(app_figures, app)
    await asyncio.to_thread(app_snapshot, app)
    yield


def create_app(
    counts: Callable[[], Mapping[str, int]],
    *,
    name: str,
    store: Store | None = None,
    options: WebOptions | None = None,
    clock: Callable[[], dt.datetime] = _utc_now,
    key: bytes | None = None,
    workspace: Workspace | None = None,
    warm: bool = False,
) -> FastAPI:
    """Build the web app for workspace ``name``.

    ``counts`` gives rows per table for the home page; ``store`` (migrated) holds accounts,
    sessions, the audit log and the search index (without it nobody can sign in and search finds
    nothing); ``key`` signs CSRF tokens (random per process when not given).

    Raises:
        StorageError: the search index cannot be prepared in ``store``.
    """
    app = FastAPI(
        lifespan=_warm_up if warm and store is not None else None,
        title="Gavah",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        description="The public and private JSON API of a Gavah workspace.",
    )
    app.state.gavah = WebContext(
        name=name,
        counts=counts,
        store=store,
        clock=clock,
        key=key or secrets.token_bytes(32),
        options=options or WebOptions(),
        workspace=workspace,
    )
    if store is not None:
        with store.session() as session:
            SearchRepository(session).ensure_index()
    app.mount("/static/fonts", StaticFiles(directory=str(FONTS_DIR)), "fonts")
    app.mount("/static", StaticFiles(directory=str(files("gavah.web") / "static")), "static")
    for router in ROUTERS:
        app.include_router(router)
    _install_handlers(app)

    cache = (
        PageCache(functools.partial(_data_version, store), clock=lambda: clock().timestamp())
        if store is not None
        else None
    )
    cookie_name = session_cookie(app.state.gavah.options)

    @app.middleware("http")
    async def _headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        shared = cache is not None and is_shareable(
            request.method, request.url.path, signed_in=cookie_name in request.cookies
        )
        if cache is not None and shared:
            response = await _shared_response(request, call_next, cache)
        else:
            response = await call_next(request)
            if cache is not None and request.method not in _SAFE_METHODS:
                cache.clear()  # this worker changed the data: nobody gets the old pages here
        response.headers.update(SECURITY_HEADERS)
        if request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = _STATIC_CACHE
        elif shared:
            response.headers["Cache-Control"] = "no-cache"  # the same for all: revalidate by ETag
        else:
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


def _data_version(store: Store) -> tuple[object, ...]:
    """What the public responses depend on: the figures' data and the publication decisions."""
    from gavah.store.publication import PublicationRepository  # noqa: PLC0415
    from gavah.web.figures import data_version  # noqa: PLC0415 - imports the grading core

    with store.reader() as session:
        published = PublicationRepository(session).version()
    return (data_version(store), published)


async def _shared_response(
    request: Request, call_next: Callable[[Request], Awaitable[Response]], cache: PageCache
) -> Response:
    """Answer an anonymous public ``GET`` from ``cache``, or render it once and keep it."""
    key = f"{request.url.path}?{request.url.query}"
    kept = cache.get(key)
    if kept is None:
        request.state.shared_page = True  # render without a CSRF cookie or token
        response = await call_next(request)
        if response.status_code != 200 or "set-cookie" in response.headers:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        headers = [(k, v) for k, v in response.headers.items() if k != "content-length"]
        etag = cache.put(key, response.status_code, headers, body)
        fresh = Response(body, status_code=response.status_code, headers=dict(headers))
        fresh.headers["ETag"] = etag
        return fresh
    if request.headers.get("if-none-match") == kept.etag:
        return Response(status_code=304, headers={"ETag": kept.etag})
    served = Response(kept.body, status_code=kept.status, headers=dict(kept.headers))
    served.headers["ETag"] = kept.etag
    return served


def workspace_app(workspace: Workspace, *, options: WebOptions | None = None) -> FastAPI:
    """The app serving an open ``workspace`` (what ``gavah serve`` and ``gavah demo`` run)."""
    store = workspace.store()
    return create_app(
        store.counts,
        name=workspace.config.name,
        store=store,
        options=options,
        workspace=workspace,
        warm=True,
    )
