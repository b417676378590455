"""The private workspace: pages for signed-in accounts, each behind its permission.

Owns ``/{lang}/workspace/`` (what the workspace holds), ``/{lang}/workspace/search`` (search
including unpublished documents), ``/{lang}/workspace/audit`` (the audit log) and
``/{lang}/workspace/accounts`` (the accounts). Later issues add evidence, review, claims,
estimates and exports here, each with its :class:`gavah.web.permissions.Permission`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from gavah.store.accounts import AuditRepository
from gavah.web.auth import account_list
from gavah.web.context import web_context
from gavah.web.i18n import Language
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.search import SearchForm, page_form, run_search
from gavah.web.tables import table_label
from gavah.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
AUDIT_PAGE = 200


@route(router, "/{lang}/workspace/", Permission.VIEW_WORKSPACE, response_class=HTMLResponse)
def workspace(request: Request, lang: Lang) -> HTMLResponse:
    """The workspace's overview."""
    rows = [(table_label(t, lang), n) for t, n in web_context(request).counts().items()]
    return render(request, "workspace.html", lang, rows=rows)


@route(router, "/{lang}/workspace/search", Permission.VIEW_WORKSPACE, response_class=HTMLResponse)
def workspace_search(
    request: Request, lang: Lang, form: Annotated[SearchForm, Depends(page_form)]
) -> HTMLResponse:
    """Search everything in the workspace, published or not, with the filters."""
    hits = run_search(web_context(request), form, public_only=False)
    return render(request, "search.html", lang, query=form.q, form=form, hits=hits, private=True)


@route(router, "/{lang}/workspace/audit", Permission.VIEW_AUDIT, response_class=HTMLResponse)
def audit_log(request: Request, lang: Lang) -> HTMLResponse:
    """The newest lines of the audit log."""
    store = web_context(request).store
    entries = []
    if store is not None:
        with store.reader() as session:
            entries = list(AuditRepository(session).latest(AUDIT_PAGE))
    return render(request, "audit.html", lang, entries=entries)


@route(
    router, "/{lang}/workspace/accounts", Permission.MANAGE_ACCOUNTS, response_class=HTMLResponse
)
def accounts(request: Request, lang: Lang) -> HTMLResponse:
    """The local accounts and their roles (created with ``gavah users add``)."""
    return render(request, "accounts.html", lang, accounts=account_list(web_context(request)))
