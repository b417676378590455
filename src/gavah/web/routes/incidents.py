"""Public incident pages: where and when, what was done, and the victim counts by grade.

Owns ``/{lang}/incidents`` (paginated, newest first, by province) and ``/{lang}/incidents/{id}``.
What they show comes from :mod:`gavah.store.public_incidents`, which reads only public facts:
never a claim's text or source, a witness, or the name of a victim not approved for publication.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from gavah.store.public_incidents import IncidentFacts, incident_facts, incident_page
from gavah.verify import GRADE_ORDER
from gavah.vocab import load_gazetteer
from gavah.web.context import web_context
from gavah.web.i18n import Language
from gavah.web.memorial import day_label
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["ACT_LABELS", "GRADE_LABELS", "PAGE_SIZE", "incident_or_404", "province_names", "router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
#: Incidents per page.
PAGE_SIZE = 50
MAX_PAGE = 100_000
_RANK = {g.value: i for i, g in enumerate(GRADE_ORDER)}


def gettext_noop(message: str) -> str:
    """Mark ``message`` for ``pybabel extract``; templates translate it when shown."""
    return message


#: What an act was, in words to translate (``gavah.model.ActType`` values).
ACT_LABELS = {
    "killing": gettext_noop("Killing"),
    "injury": gettext_noop("Injury"),
    "arrest": gettext_noop("Arrest"),
    "torture": gettext_noop("Torture"),
    "enforced_disappearance": gettext_noop("Enforced disappearance"),
    "death_sentence": gettext_noop("Death sentence"),
    "execution": gettext_noop("Execution"),
    "body_withheld": gettext_noop("Body withheld"),
    "internet_shutdown": gettext_noop("Internet shutdown"),
    "phone_shutdown": gettext_noop("Phone shutdown"),
    "other": gettext_noop("Other act"),
}
#: The grades, in words to translate (``gavah.verify.Grade`` values).
GRADE_LABELS = {
    "confirmed": gettext_noop("confirmed"),
    "fair": gettext_noop("fair"),
    "weak": gettext_noop("weak"),
    "contested": gettext_noop("contested"),
    "discounted": gettext_noop("discounted"),
}


def province_names(lang: Language) -> dict[str, str]:
    """Province code → its name in ``lang``."""
    return {
        p.code: p.persian if lang == "fa" else (p.latin[0] if p.latin else p.persian)
        for p in load_gazetteer().provinces
    }


@route(router, "/{lang}/incidents", Permission.PUBLIC, response_class=HTMLResponse)
def incidents(
    request: Request,
    lang: Lang,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    province: Annotated[str, Query(max_length=16)] = "",
) -> HTMLResponse:
    """Documented incidents, newest first."""
    store = web_context(request).store
    total, found = 0, list[IncidentFacts]()
    if store is not None:
        with store.reader() as session:
            total, found = incident_page(
                session, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, province=province or None
            )
    pages = max(1, -(-total // PAGE_SIZE))
    return render(
        request,
        "incidents.html",
        lang,
        day_of=lambda day: day_label(day, lang),
        incidents=found,
        total=total,
        page=page,
        pages=pages,
        provinces=province_names(lang),
        province=province,
        link_query=urlencode({"province": province}) if province else "",
        rank=_RANK,
        acts=ACT_LABELS,
        grades=GRADE_LABELS,
    )


def incident_or_404(request: Request, incident_id: str) -> IncidentFacts:
    """The public facts of one incident (pages and API alike).

    Raises:
        HTTPException: 404 for an unknown incident (or a server without a workspace).
    """
    store = web_context(request).store
    found = None
    if store is not None:
        with store.reader() as session:
            found = incident_facts(session, incident_id)
    if found is None:
        raise HTTPException(404, "no such incident")
    return found


@route(router, "/{lang}/incidents/{incident_id}", Permission.PUBLIC, response_class=HTMLResponse)
def incident(request: Request, lang: Lang, incident_id: str) -> HTMLResponse:
    """One incident's public facts.

    Raises:
        HTTPException: 404 for an unknown incident.
    """
    found = incident_or_404(request, incident_id)
    return render(
        request,
        "incident.html",
        lang,
        day_of=lambda day: day_label(day, lang),
        incident=found,
        provinces=province_names(lang),
        rank=_RANK,
        acts=ACT_LABELS,
        grades=GRADE_LABELS,
    )
