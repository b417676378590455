"""Public pages: what anyone may read, without an account.

Owns ``/`` (sends the browser to ``/fa/`` or ``/en/``: by ``?lang=``, else by
``Accept-Language``), the home page (the toll by grade beside the estimate, with a small map and
timeline), ``/{lang}/map`` (documented deaths by province), ``/{lang}/timeline`` (by day, the
blackout marked), ``/{lang}/methodology`` (grades, the estimate, linkage, what is never
published), the public search (documents approved for publication only) and ``/healthz``.
Figures come from :func:`gavah.web.figures.public_figures` (cached per data version) and are
counts only; the search is called with ``public_only=True``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from markupsafe import Markup

from gavah import __version__
from gavah.web.context import web_context
from gavah.web.figures import (
    DayFigure,
    ProvinceFigure,
    PublicFigures,
    policy_in_use,
    public_figures,
)
from gavah.web.figures_svg import chart_window, map_classes, province_map, timeline_chart
from gavah.web.i18n import (
    Language,
    as_language,
    format_day,
    format_number,
    negotiate,
    translations,
)
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.search import SearchForm, page_form, run_search
from gavah.web.tables import table_label
from gavah.web.templating import render

__all__ = ["province_name", "router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]


@route(router, "/", Permission.PUBLIC)
def root(request: Request, lang: str = "") -> RedirectResponse:
    """Send the browser to its language's home page (``?lang=en`` chooses it outright)."""
    chosen = as_language(lang) or negotiate(request.headers.get("accept-language"))
    return RedirectResponse(f"/{chosen}/", status_code=303)


def province_name(province: ProvinceFigure, lang: Language) -> str:
    """The province's name in the page's language."""
    return province.persian if lang == "fa" else province.english


def _range_text(low: int, high: int, lang: Language) -> str:
    text = format_number(low, lang)
    return text if high == low else f"{text}–{format_number(high, lang)}"


def _map(figures: PublicFigures, lang: Language, *, linked: bool) -> Markup:
    gettext = translations(lang).gettext

    def title(province: ProvinceFigure) -> str:
        found = _range_text(province.documented.low, province.documented.high, lang)
        return gettext("%(province)s: %(num)s documented deaths") % {
            "province": province_name(province, lang),
            "num": found,
        }

    return province_map(
        figures.provinces,
        lang,
        label=gettext("Map of Iran by province: documented deaths"),
        title_of=title,
        link=(lambda _: f"/{lang}/map") if linked else None,
    )


def _chart(figures: PublicFigures, lang: Language) -> Markup:
    gettext = translations(lang).gettext

    def title(figure: DayFigure) -> str:
        found = _range_text(figure.documented.low, figure.documented.high, lang)
        return gettext("%(day)s: %(num)s documented deaths") % {
            "day": format_day(figure.day, lang),
            "num": found,
        }

    return timeline_chart(
        figures.days,
        figures.blackouts,
        lang,
        label=gettext("Documented deaths by day, with the internet blackout shaded"),
        blackout_label=gettext("Internet blackout"),
        title_of=title,
    )


@dataclass(frozen=True, slots=True)
class Row:
    """One formatted row of the map's or the timeline's table."""

    key: str
    label: str
    documented: str
    named: str
    blackout: bool = False


def _province_rows(figures: PublicFigures, lang: Language) -> list[Row]:
    ranked = sorted(figures.provinces, key=lambda p: (-p.documented.low, p.code))
    return [
        Row(
            p.code,
            province_name(p, lang),
            _range_text(p.documented.low, p.documented.high, lang),
            format_number(p.documented.named, lang),
        )
        for p in ranked
    ]


def _day_rows(figures: PublicFigures, lang: Language) -> list[Row]:
    return [
        Row(
            d.day.isoformat(),
            format_day(d.day, lang),
            _range_text(d.documented.low, d.documented.high, lang),
            format_number(d.documented.named, lang),
            any(b.covers(d.day) for b in figures.blackouts),
        )
        for d in figures.days
    ]


@route(router, "/{lang}/", Permission.PUBLIC, response_class=HTMLResponse)
def home(request: Request, lang: Lang) -> HTMLResponse:
    """The public home page: the toll by grade beside the estimate, a small map and timeline."""
    figures = public_figures(request)
    if figures is None:  # an app without a store: what the workspace holds
        context = web_context(request)
        rows = [(table_label(table, lang), n) for table, n in context.counts().items()]
        return render(request, "home.html", lang, rows=rows, figures=None)
    return render(
        request,
        "home.html",
        lang,
        figures=figures,
        toll=figures.toll,
        map_svg=figures.derived(("map", lang, True), lambda: _map(figures, lang, linked=True)),
        chart_svg=figures.derived(("chart", lang), lambda: _chart(figures, lang)),
    )


@route(router, "/{lang}/map", Permission.PUBLIC, response_class=HTMLResponse)
def province_map_page(request: Request, lang: Lang) -> HTMLResponse:
    """Documented deaths by province: a choropleth (inline SVG) and the same figures as a table."""
    figures = public_figures(request)
    if figures is None:
        raise HTTPException(status_code=404, detail="this site serves no workspace")
    return render(
        request,
        "map.html",
        lang,
        figures=figures,
        map_svg=figures.derived(("map", lang, False), lambda: _map(figures, lang, linked=False)),
        classes=map_classes([p.documented.low for p in figures.provinces]),
        provinces=figures.derived(("province-rows", lang), lambda: _province_rows(figures, lang)),
    )


@route(router, "/{lang}/timeline", Permission.PUBLIC, response_class=HTMLResponse)
def timeline(request: Request, lang: Lang) -> HTMLResponse:
    """Documented deaths by day (inline SVG bars and a table), the blackout periods marked."""
    figures = public_figures(request)
    if figures is None:
        raise HTTPException(status_code=404, detail="this site serves no workspace")
    outside = []
    if figures.days:
        first, last = chart_window(figures.days)
        outside = [d.day for d in figures.days if not first <= d.day <= last]
    return render(
        request,
        "timeline.html",
        lang,
        figures=figures,
        chart_svg=figures.derived(("chart", lang), lambda: _chart(figures, lang)),
        rows=figures.derived(("day-rows", lang), lambda: _day_rows(figures, lang)),
        blackouts=figures.derived(
            ("blackouts", lang),
            lambda: [
                (format_day(b.start, lang), format_day(b.end, lang), b.source)
                for b in figures.blackouts
            ],
        ),
        outside=outside,
    )


@route(router, "/{lang}/methodology", Permission.PUBLIC, response_class=HTMLResponse)
def methodology(request: Request, lang: Lang) -> HTMLResponse:
    """How the grades, the documented counts and the estimate are made; what is never shown."""
    context = web_context(request)
    policy = policy_in_use(context.workspace)
    figures = public_figures(request)
    return render(
        request,
        "methodology.html",
        lang,
        policy=policy,
        estimate=None if figures is None else figures.toll.estimate,
    )


@route(router, "/{lang}/search", Permission.PUBLIC, response_class=HTMLResponse)
def search(
    request: Request, lang: Lang, form: Annotated[SearchForm, Depends(page_form)]
) -> HTMLResponse:
    """Search what has been published, by name in either script, with the filters."""
    hits = run_search(web_context(request), form, public_only=True)
    return render(request, "search.html", lang, query=form.q, form=form, hits=hits, private=False)


@route(router, "/healthz", Permission.PUBLIC)
def healthz() -> JSONResponse:
    """Liveness: the server answers."""
    return JSONResponse({"status": "ok", "version": __version__})
