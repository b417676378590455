"""Claims and their grades in the workspace: the board, one claim explained, grading again.

Owns ``/{lang}/workspace/claims`` (the claims board of ``gavah claims board``: competing counts
of one quantity side by side, graded under the workspace's policy; ``?competing=1`` keeps the
disagreeing ones), ``/{lang}/workspace/claims/{claim_id}`` (what the claim says, its stored
grade, the rule and each stream of evidence with the reason it counted or not) and
``POST /{lang}/workspace/claims/grade`` (``gavah claims grade --diff``: grade every claim under
the policy, store the run, show the tally and the grades that changed). Seeing is
``view_workspace``, grading ``grade_claims``; source identities (the board's source column,
the streams' names and speakers) are shown only with ``view_restricted``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from gavah.errors import ConfigError
from gavah.store import Store
from gavah.verify import GradingPolicy
from gavah.web.auth import audit, role_of
from gavah.web.context import web_context
from gavah.web.grading import board, claim_view, grade_and_store, workspace_policy
from gavah.web.i18n import Language
from gavah.web.notices import gettext_noop, notice
from gavah.web.permissions import Permission, is_allowed
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["GRADE_LABELS", "router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]

#: The grades as pages show them (translated in the templates).
GRADE_LABELS = {
    "confirmed": gettext_noop("confirmed"),
    "fair": gettext_noop("fair"),
    "weak": gettext_noop("weak"),
    "contested": gettext_noop("contested"),
    "discounted": gettext_noop("discounted"),
}
_NO_STORE = gettext_noop("This server has no workspace.")
_BAD_POLICY = gettext_noop("The workspace's grading policy (gavah.toml, [grading]) is not valid.")


def _day(text: str) -> dt.date | None:
    """A board entry's ``YYYY-MM-DD`` as a date (shown in both calendars), else ``None``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _store_and_policy(
    request: Request, lang: Language
) -> tuple[Store, GradingPolicy] | HTMLResponse:
    """The store and the workspace's grading policy, or the page that says why there are none."""
    context = web_context(request)
    if context.store is None:
        return notice(request, lang, _NO_STORE, 404)
    try:
        return context.store, workspace_policy(context.workspace)
    except ConfigError:
        return notice(request, lang, _BAD_POLICY, 409)


def _may_see_sources(request: Request) -> bool:
    return is_allowed(role_of(request.state.account), Permission.VIEW_RESTRICTED)


@route(router, "/{lang}/workspace/claims", Permission.VIEW_WORKSPACE, response_class=HTMLResponse)
def claims_page(request: Request, lang: Lang, competing: bool = False) -> HTMLResponse:
    """The claims board under the workspace's policy."""
    found = _store_and_policy(request, lang)
    if isinstance(found, HTMLResponse):
        return found
    store, policy = found
    rows = board(store, policy)
    if competing:
        rows = [r for r in rows if r.competing]
    return render(
        request,
        "claims.html",
        lang,
        rows=rows,
        competing=competing,
        policy=policy.name,
        show_sources=_may_see_sources(request),
        grades=GRADE_LABELS,
        parse_day=_day,
    )


@route(
    router,
    "/{lang}/workspace/claims/grade",
    Permission.GRADE_CLAIMS,
    methods=("POST",),
    response_class=HTMLResponse,
)
def grade_now(request: Request, lang: Lang) -> HTMLResponse:
    """Grade every claim now, store the grades, and show what changed."""
    context = web_context(request)
    found = _store_and_policy(request, lang)
    if isinstance(found, HTMLResponse):
        return found
    store, policy = found
    graded = grade_and_store(store, policy, context.clock())
    name = request.state.account.name
    audit(context, name, "grade-claims", policy.name, f"{len(graded.changes)} changed")
    return render(request, "claims_graded.html", lang, graded=graded, grades=GRADE_LABELS)


@route(
    router,
    "/{lang}/workspace/claims/{claim_id}",
    Permission.VIEW_WORKSPACE,
    response_class=HTMLResponse,
)
def claim_page(request: Request, lang: Lang, claim_id: str) -> HTMLResponse:
    """One claim, its grade, and why."""
    back = f"/{lang}/workspace/claims"
    found = _store_and_policy(request, lang)
    if isinstance(found, HTMLResponse):
        return found
    store, policy = found
    view = claim_view(store, claim_id, policy)
    if view is None:
        return notice(request, lang, gettext_noop("There is no such claim."), 404, back)
    return render(
        request,
        "claims_claim.html",
        lang,
        view=view,
        grades=GRADE_LABELS,
        show_sources=_may_see_sources(request),
    )
