"""The linkage review queue: uncertain pairs, why they scored so, and reviewers' decisions.

Owns ``/{lang}/workspace/review`` (the queue of ``gavah review list`` less the pairs decided since
the last link, which are listed apart), ``/{lang}/workspace/review/pair?left=…&right=…`` (two
records side by side by their uids; for a queued pair each comparison's level and match weight,
the prior and the match probability; earlier decisions; the decision form — any two records
may be decided, e.g. to split a person the link made), ``POST /{lang}/workspace/review/decide``
(same / different / unsure with a reason, recorded with the account's name as reviewer in the
decision log that ``gavah link`` respects, and in the audit log),
``POST /{lang}/workspace/review/relink`` (runs the link as a background job) and
``/{lang}/workspace/review/jobs/{job_id}`` (its progress). All behind ``review_linkage``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gavah.linkage import Judgement, split_uid
from gavah.web.auth import audit
from gavah.web.context import web_context
from gavah.web.i18n import Language
from gavah.web.jobs import Progress, job_board
from gavah.web.linking import (
    decide,
    find_pair,
    open_pairs,
    record_count,
    relink,
)
from gavah.web.notices import gettext_noop, notice
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["JUDGEMENT_LABELS", "router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
KIND = "relink"
MAX_REASON = 2000
#: The judgements as pages show them (translated in the templates).
JUDGEMENT_LABELS = {
    "same": gettext_noop("same"),
    "different": gettext_noop("different"),
    "unsure": gettext_noop("unsure"),
}
_NO_STORE = gettext_noop("This server has no workspace.")
_NO_PAIR = gettext_noop("There is no such pair of records in the register.")


def _label(uid: str, names: dict[str, str]) -> str:
    source_id, record_id = split_uid(uid)
    return f"{names.get(source_id, source_id)} / {record_id}"


def _pair_link(lang: Language, left: str, right: str) -> str:
    return f"/{lang}/workspace/review/pair?" + urlencode({"left": left, "right": right})


@route(router, "/{lang}/workspace/review", Permission.REVIEW_LINKAGE, response_class=HTMLResponse)
def review_queue(request: Request, lang: Lang, decided: str = "") -> HTMLResponse:
    """The pairs waiting for review, most uncertain first, and those decided since the link."""
    store = web_context(request).store
    if store is None:
        return notice(request, lang, _NO_STORE, 404)
    queue = open_pairs(store)
    names = queue.sources
    waiting = [
        (p, _label(p.left, names), _label(p.right, names), _pair_link(lang, p.left, p.right))
        for p in queue.waiting
    ]
    done = [(p, d, _label(p.left, names), _label(p.right, names)) for p, d in queue.decided]
    jobs = job_board(request).of_kind(KIND)[:5]
    return render(
        request,
        "review.html",
        lang,
        waiting=waiting,
        done=done,
        jobs=jobs,
        just_decided=decided in {j.value for j in Judgement},
    )


@route(
    router, "/{lang}/workspace/review/pair", Permission.REVIEW_LINKAGE, response_class=HTMLResponse
)
def review_pair(request: Request, lang: Lang, left: str = "", right: str = "") -> HTMLResponse:
    """Two records side by side and, for a queued pair, why it scored as it did."""
    store = web_context(request).store
    back = f"/{lang}/workspace/review"
    if store is None:
        return notice(request, lang, _NO_STORE, 404)
    detail = find_pair(store, left, right)
    if detail is None:
        return notice(request, lang, _NO_PAIR, 404, back)
    names = detail.sources
    return render(
        request,
        "review_pair.html",
        lang,
        detail=detail,
        left_label=_label(detail.left, names),
        right_label=_label(detail.right, names),
        judgements=[j.value for j in Judgement],
        max_reason=MAX_REASON,
    )


@route(
    router,
    "/{lang}/workspace/review/decide",
    Permission.REVIEW_LINKAGE,
    methods=("POST",),
    response_class=HTMLResponse,
)
def review_decide(
    request: Request,
    lang: Lang,
    *,
    left: Annotated[str, Form()] = "",
    right: Annotated[str, Form()] = "",
    judgement: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Record a decision on a pair of records; the next link respects it."""
    context = web_context(request)
    back = f"/{lang}/workspace/review"
    if context.store is None:
        return notice(request, lang, _NO_STORE, 404)
    if judgement not in {j.value for j in Judgement}:
        return notice(request, lang, gettext_noop("Choose same, different or unsure."), 400, back)
    if len(reason) > MAX_REASON:
        return notice(request, lang, gettext_noop("The reason is too long."), 400, back)
    pair = find_pair(context.store, left, right)
    if pair is None:
        return notice(request, lang, _NO_PAIR, 404, back)
    reviewer = request.state.account.name
    decision = decide(
        context.store,
        pair,
        judgement=Judgement(judgement),
        reviewer=reviewer,
        at=context.clock(),
        reason=reason.strip(),
    )
    names = pair.sources
    target = f"{_label(pair.left, names)} ~ {_label(pair.right, names)}"
    audit(context, reviewer, "review-decide", target, decision.judgement.value)
    return RedirectResponse(f"{back}?decided={decision.judgement.value}", status_code=303)


@route(
    router,
    "/{lang}/workspace/review/relink",
    Permission.REVIEW_LINKAGE,
    methods=("POST",),
    response_class=HTMLResponse,
)
def review_relink(request: Request, lang: Lang) -> Response:
    """Run ``gavah link`` in the background (decisions apply), then show its progress."""
    context = web_context(request)
    if context.store is None:
        return notice(request, lang, _NO_STORE, 404)
    store, clock = context.store, context.clock
    if record_count(store) < 2:
        message = gettext_noop("The register has no records to link yet: import lists first.")
        return notice(request, lang, message, 400, f"/{lang}/workspace/review")
    running = [j for j in job_board(request).of_kind(KIND) if j.running]
    if running:
        return RedirectResponse(f"/{lang}/workspace/review/jobs/{running[0].id}", 303)

    def work(progress: Progress) -> dict[str, Any]:
        return relink(store, clock, progress)

    account = request.state.account
    job = job_board(request).start(KIND, account.name, work)
    audit(context, account.name, "relink", "register")
    return RedirectResponse(f"/{lang}/workspace/review/jobs/{job.id}", status_code=303)


@route(
    router,
    "/{lang}/workspace/review/jobs/{job_id}",
    Permission.REVIEW_LINKAGE,
    response_class=HTMLResponse,
)
def relink_job(request: Request, lang: Lang, job_id: str, fragment: bool = False) -> HTMLResponse:
    """A link job: its progress while it runs, then how many persons and pairs it found."""
    board = job_board(request)
    job = board.get(job_id, KIND)
    if job is None:
        back = f"/{lang}/workspace/review"
        return notice(request, lang, gettext_noop("There is no such link job."), 404, back)
    template = "review_job_status.html" if fragment else "review_job.html"
    return render(request, template, lang, job=job)
