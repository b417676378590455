"""The publication review page: who may be named on the public memorial.

Owns ``/{lang}/workspace/publication`` (GET: a page of candidates — persons of the register
with a status, killed by default — with the grade their lists and claims earn and their
decision; POST: approve or withhold every record of one person, with a reason). Behind
:data:`Permission.GRADE_CLAIMS`; every decision is written to the audit log and brings the
memorial's search documents up to date. The rule itself lives in
:mod:`gavah.store.publication`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from gavah.errors import StorageError
from gavah.model import PersonStatus
from gavah.store.publication import (
    APPROVED,
    WITHHELD,
    Candidate,
    PublicationRepository,
    sync_search,
)
from gavah.verify import Grade
from gavah.web.auth import audit, current_account
from gavah.web.context import web_context
from gavah.web.i18n import Language
from gavah.web.memorial import candidate_grades, latin_form, persian_form, workspace_policy
from gavah.web.permissions import Permission
from gavah.web.routes.incidents import GRADE_LABELS
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["PAGE_SIZE", "router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
#: Candidates per page.
PAGE_SIZE = 50
MAX_PAGE = 100_000
MAX_REASON = 500
_STATUSES = frozenset(s.value for s in PersonStatus)


@route(
    router, "/{lang}/workspace/publication", Permission.GRADE_CLAIMS, response_class=HTMLResponse
)
def publication(
    request: Request,
    lang: Lang,
    *,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    status: Annotated[str, Query(max_length=32)] = "killed",
) -> HTMLResponse:
    """Candidates for the memorial, with their grade and decision.

    Raises:
        HTTPException: 400 for an unknown status.
    """
    if status and status not in _STATUSES:
        raise HTTPException(400, f"unknown status {status!r}")
    context = web_context(request)
    total, candidates, grades = 0, list[Candidate](), dict[str, Grade]()
    if context.store is not None:
        with context.store.reader() as session:
            total, candidates = PublicationRepository(session).candidates(
                status=status or None, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
            )
        grades = candidate_grades(
            context.store,
            {c.person_id: [r.source_id for r in c.records] for c in candidates},
            workspace_policy(context),
        )
    return render(
        request,
        "publication.html",
        lang,
        candidates=candidates,
        grades=grades,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        status=status,
        grade_labels=GRADE_LABELS,
        names={
            c.person_id: {
                "name_fa": persian_form(c.name_fa),
                "name_latin": latin_form(c.name_latin, c.name_fa),
            }
            for c in candidates
        },
    )


@route(
    router,
    "/{lang}/workspace/publication",
    Permission.GRADE_CLAIMS,
    methods=("POST",),
    response_class=RedirectResponse,
)
def decide(
    request: Request,
    lang: Lang,
    *,
    person_id: Annotated[str, Form(max_length=64)] = "",
    decision: Annotated[str, Form(max_length=16)] = "",
    reason: Annotated[str, Form(max_length=MAX_REASON)] = "",
    page: Annotated[int, Form(ge=1, le=MAX_PAGE)] = 1,
) -> RedirectResponse:
    """Approve or withhold every record of ``person_id``; back to the page it came from.

    Raises:
        HTTPException: 400 for a missing person or decision, 404 for an unknown person.
    """
    if decision not in {APPROVED, WITHHELD} or not person_id:
        raise HTTPException(400, "say which person, and approved or withheld")
    context = web_context(request)
    account = current_account(request)
    if context.store is None or account is None:  # pragma: no cover - the route needs both
        raise HTTPException(404, "no workspace")
    try:
        with context.store.session() as session:
            made = PublicationRepository(session).decide_person(
                person_id,
                decision,
                by=account.name,
                at=context.clock(),
                reason=reason.strip() or None,
            )
            sync_search(session, [person_id])
    except StorageError as err:
        raise HTTPException(404, str(err)) from None
    records = ", ".join(f"{d.source_id}:{d.record_id}" for d in made)
    detail = f"records {records}" + (f"; reason: {reason.strip()}" if reason.strip() else "")
    audit(context, account.name, f"publication.{decision}", f"person {person_id}", detail)
    return RedirectResponse(f"/{lang}/workspace/publication?page={page}", status_code=303)
