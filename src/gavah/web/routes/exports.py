"""Exports: start one of the command line's exports from the browser and download the result.

Owns ``/{lang}/workspace/exports`` (GET: the form and the finished exports; POST: run a BagIt bag
of chosen evidence or of a case, a FollowTheMoney file, or a dossier about an incident or an
official) and ``/{lang}/workspace/exports/{export_id}/download`` (the ZIP), all behind
``export``, and ``/{lang}/workspace/exports/{export_id}/delete`` (POST). Each export, download
and deletion is written to the audit log. The work is
:mod:`gavah.web.export_jobs`'s, which calls the command line's own builders; exports run
synchronously (fast at demo sizes).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from gavah.errors import GavahError
from gavah.store.incidents import IncidentRepository
from gavah.web.auth import audit, current_account
from gavah.web.context import web_context
from gavah.web.evidence_view import evidence_page
from gavah.web.export_jobs import (
    ExportKind,
    delete_export,
    is_export_id,
    list_exports,
    run_export,
    zip_path,
)
from gavah.web.i18n import Language
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render
from gavah.web.vault_access import vault_of

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
_FIELD_LIMIT = 200
_MAX_ITEMS = 1000


def _page(
    request: Request, lang: Language, status: int = 200, error: str | None = None
) -> HTMLResponse:
    vault = getattr(request.app.state, "gavah_vault", None)
    store = web_context(request).store
    evidence = None if store is None else evidence_page(store, 1, restricted=False)
    incidents = []
    if store is not None:
        with store.reader() as session:
            incidents = IncidentRepository(session).list()[:_FIELD_LIMIT]
    return render(
        request,
        "exports.html",
        lang,
        status,
        error=error,
        ready=vault is not None,
        exports=[] if vault is None else list_exports(vault),
        evidence=evidence,
        incidents=incidents,
        done=request.query_params.get("done"),
    )


@route(router, "/{lang}/workspace/exports", Permission.EXPORT, response_class=HTMLResponse)
def exports(request: Request, lang: Lang) -> HTMLResponse:
    """Start an export; download the ones made before."""
    return _page(request, lang)


def _text(value: object) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    return text[:_FIELD_LIMIT] or None


@route(
    router,
    "/{lang}/workspace/exports",
    Permission.EXPORT,
    methods=("POST",),
    response_class=HTMLResponse,
)
async def start_export(request: Request, lang: Lang) -> Response:
    """Run the export chosen in the form, then show it ready for download."""
    form = await request.form()
    try:
        kind = ExportKind(str(form.get("kind") or ""))
    except ValueError:
        return _page(request, lang, 400, "no_kind")
    items = [v for v in form.getlist("item") if isinstance(v, str) and v][:_MAX_ITEMS]
    vault = vault_of(request)
    account = current_account(request)
    actor = account.name if account is not None else "anonymous"
    try:
        record = await run_in_threadpool(
            lambda: run_export(
                vault,
                kind,
                actor,
                items=items,
                case=_text(form.get("case")),
                recipient=_text(form.get("recipient")),
                incident=_text(form.get("incident")),
                official=_text(form.get("official")),
            )
        )
    except GavahError as err:
        audit(web_context(request), actor, "export refused", kind.value, str(err))
        return _page(request, lang, 400, str(err))
    audit(web_context(request), actor, "export", record.id, f"{kind.value}: {record.summary}")
    return RedirectResponse(f"/{lang}/workspace/exports?done={record.id}", status_code=303)


@route(router, "/{lang}/workspace/exports/{export_id}/download", Permission.EXPORT)
def download_export(request: Request, lang: Lang, export_id: str) -> Response:
    """The ZIP of a finished export."""
    del lang  # the same file in both languages
    path = zip_path(vault_of(request), export_id) if is_export_id(export_id) else None
    if path is None:
        raise HTTPException(status_code=404, detail="no such export")
    account = current_account(request)
    audit(web_context(request), account.name if account else "anonymous", "download", export_id)
    return FileResponse(path, media_type="application/zip", filename=f"gavah-{export_id}.zip")


@route(
    router,
    "/{lang}/workspace/exports/{export_id}/delete",
    Permission.EXPORT,
    methods=("POST",),
)
def remove_export(request: Request, lang: Lang, export_id: str) -> Response:
    """Delete a finished export once it has been handed over (a bag holds decrypted originals)."""
    if not is_export_id(export_id) or not delete_export(vault_of(request), export_id):
        raise HTTPException(status_code=404, detail="no such export")
    account = current_account(request)
    audit(web_context(request), account.name if account else "anonymous", "delete", export_id)
    return RedirectResponse(f"/{lang}/workspace/exports", status_code=303)
