"""The routes of the web application, one module per area.

Each module exposes ``router``; :func:`gavah.web.app.create_app` includes them all, in the order
of :data:`ROUTERS`. Public: ``public`` (home, map, timeline, methodology), ``memorial`` and
``incidents``. Accounts: ``account``. Private workspace: ``private`` (overview, search, audit,
accounts), ``publication``, ``evidence``, ``uploads``, ``exports``, ``lists``, ``review``,
``claims``, ``estimates``. JSON: ``api`` (search), ``api_public``, ``api_memorial``.
"""

from __future__ import annotations

from gavah.web.routes import (
    account,
    api,
    api_memorial,
    api_public,
    claims,
    estimates,
    evidence,
    exports,
    incidents,
    lists,
    memorial,
    private,
    public,
    publication,
    review,
    uploads,
)

__all__ = ["ROUTERS"]

ROUTERS = (
    public.router,
    memorial.router,
    incidents.router,
    account.router,
    private.router,
    publication.router,
    evidence.router,
    uploads.router,
    exports.router,
    lists.router,
    review.router,
    claims.router,
    estimates.router,
    api.router,
    api_public.router,
    api_memorial.router,
)
