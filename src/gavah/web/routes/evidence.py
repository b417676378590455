"""Browsing evidence: the list, one item with its custody history, and checking its proof.

Owns ``/{lang}/workspace/evidence`` (paginated, newest first), ``/{lang}/workspace/evidence/
{item_id}`` (metadata and custody history), ``/{lang}/workspace/evidence/{item_id}/proof`` (the
item's RFC 9162 inclusion proof built and verified on the server against the latest signed head,
with the key from ``gavah.toml``) — all ``view_workspace`` — and ``/api/v1/workspace/evidence/
{item_id}/proof`` (the proof document as a JSON download, ``view_restricted``: its entry names the
source). Who sees restricted fields is decided by :mod:`gavah.web.evidence_view`.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from gavah.errors import GavahError
from gavah.store import EvidenceRepository, Store
from gavah.web.auth import current_account, role_of
from gavah.web.context import web_context
from gavah.web.evidence_view import evidence_detail, evidence_page
from gavah.web.i18n import Language
from gavah.web.permissions import Permission, is_allowed
from gavah.web.routing import page_language, route
from gavah.web.templating import render
from gavah.web.vault_access import ProofCheck, check_proof, item_proof, workspace_verifier

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]


def _may_see_restricted(request: Request) -> bool:
    return is_allowed(role_of(current_account(request)), Permission.VIEW_RESTRICTED)


def _store(request: Request) -> Store:
    store = web_context(request).store
    if store is None:
        raise HTTPException(status_code=404)
    return store


@route(router, "/{lang}/workspace/evidence", Permission.VIEW_WORKSPACE, response_class=HTMLResponse)
def evidence_list(
    request: Request, lang: Lang, page: Annotated[int, Query(ge=1, le=1_000_000)] = 1
) -> HTMLResponse:
    """The evidence in the vault, newest first, a page at a time."""
    store = web_context(request).store
    restricted = _may_see_restricted(request)
    found = None if store is None else evidence_page(store, page, restricted=restricted)
    return render(request, "evidence.html", lang, found=found, restricted=restricted)


@route(
    router,
    "/{lang}/workspace/evidence/{item_id}",
    Permission.VIEW_WORKSPACE,
    response_class=HTMLResponse,
)
def evidence_item(request: Request, lang: Lang, item_id: str) -> HTMLResponse:
    """One item: what it is, its extracted metadata and its custody history."""
    restricted = _may_see_restricted(request)
    detail = evidence_detail(_store(request), item_id, restricted=restricted)
    if detail is None:
        return render(request, "evidence_missing.html", lang, 404, item_id=item_id)
    return render(
        request,
        "evidence_item.html",
        lang,
        detail=detail,
        restricted=restricted,
        uploaded=request.query_params.get("uploaded") == "1",
    )


def _check(request: Request, item_id: str) -> tuple[ProofCheck | None, str]:
    """The proof check of ``item_id`` (``None`` when there is no such item) and its id."""
    context = web_context(request)
    store = _store(request)
    with store.reader() as session:
        item = EvidenceRepository(session).get(item_id)
    if item is None:
        return None, item_id
    if context.workspace is None:
        return ProofCheck(
            ok=False, reason="no workspace is open: no log key to check with"
        ), item_id
    return check_proof(store, workspace_verifier(context.workspace), item), item.id


@route(
    router,
    "/{lang}/workspace/evidence/{item_id}/proof",
    Permission.VIEW_WORKSPACE,
    response_class=HTMLResponse,
)
def evidence_proof(request: Request, lang: Lang, item_id: str) -> HTMLResponse:
    """Check the item's inclusion proof against the signed head, on the server."""
    result, found_id = _check(request, item_id)
    if result is None:
        return render(request, "evidence_missing.html", lang, 404, item_id=item_id)
    return render(
        request,
        "evidence_proof.html",
        lang,
        item_id=found_id,
        check=result,
        restricted=_may_see_restricted(request),
    )


@route(router, "/api/v1/workspace/evidence/{item_id}/proof", Permission.VIEW_RESTRICTED)
def evidence_proof_document(request: Request, item_id: str) -> Response:
    """The inclusion proof document (``gavah ledger proof ITEM --json``), as a download.

    Check it anywhere with ``python -m gavah.ledger.verify proof.json VKEY``.
    """
    context = web_context(request)
    store = _store(request)
    with store.reader() as session:
        item = EvidenceRepository(session).get(item_id)
    if item is None or context.workspace is None:
        raise HTTPException(status_code=404, detail="no such evidence item")
    try:
        document = item_proof(store, workspace_verifier(context.workspace), item)
    except GavahError as err:
        raise HTTPException(status_code=409, detail=str(err)) from None
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="proof-{item.id}.json"'},
    )
