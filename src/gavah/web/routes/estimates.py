"""Estimates of the total in the workspace: the stored runs, their diagnostics, running one.

Owns ``/{lang}/workspace/estimates`` (the stored runs of ``gavah estimate list``, the form to
run one for roles with ``run_estimates``), ``POST /{lang}/workspace/estimates`` (the run as a
background job, :mod:`gavah.web.estimating`), ``/{lang}/workspace/estimates/jobs/{job_id}`` (its
progress: LCMCR sweeps done out of planned), ``/{lang}/workspace/estimates/{estimate_id}`` (one
run as ``gavah estimate show``: estimate and interval, verdict, R-hat, ESS, chain medians or
the log-linear model, strata and the strata left out, warnings, a chart of the intervals drawn
as inline SVG) and ``/{lang}/workspace/estimates/{estimate_id}/plots/{name}.png`` (the CLI's
PNG figures of a run made by this server process, kept in memory with its job).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gavah.web.auth import audit
from gavah.web.context import web_context
from gavah.web.estimating import (
    METHODS,
    STRATA_FIELDS,
    RunRequest,
    run_estimate,
    stored,
    stored_one,
)
from gavah.web.i18n import Language
from gavah.web.jobs import JobBoard, Progress, job_board
from gavah.web.notices import gettext_noop, notice
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
KIND = "estimate"
_NO_STORE = gettext_noop("This server has no workspace.")
_NO_ESTIMATE = gettext_noop("There is no such stored estimate.")
#: LCMCR run lengths on the form: sweeps kept per chain after burn-in.
ITERATIONS = (2_000, 20_000, 200_000)
_CHART_WIDTH = 600
_ROW_HEIGHT = 28
_LABEL_WIDTH = 150


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One line of the interval chart: a label, and x positions in the SVG."""

    label: str
    y: int
    observed: float
    estimate: float
    low: float
    high: float


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _chart(result: Mapping[str, Any]) -> tuple[list[ChartRow], int, float]:
    """The interval chart of a result: the total, then each stratum (observed, estimate, CI)."""
    lines = [("total", result)] + [(str(s["stratum"]), s) for s in result.get("strata", [])]
    values = []
    for label, part in lines:
        low, high = [*part.get("interval", [None, None]), None, None][:2]
        estimate, observed = _number(part.get("estimate")), _number(part.get("observed"))
        if estimate is None or observed is None:
            continue
        values.append(
            (label, observed, estimate, _number(low) or estimate, _number(high) or estimate)
        )
    top = max((v[4] for v in values), default=1.0) or 1.0
    scale = (_CHART_WIDTH - _LABEL_WIDTH - 10) / top
    rows = [
        ChartRow(
            label=label,
            y=10 + n * _ROW_HEIGHT,
            observed=_LABEL_WIDTH + observed * scale,
            estimate=_LABEL_WIDTH + estimate * scale,
            low=_LABEL_WIDTH + low * scale,
            high=_LABEL_WIDTH + high * scale,
        )
        for n, (label, observed, estimate, low, high) in enumerate(values)
    ]
    return rows, 20 + len(rows) * _ROW_HEIGHT, top


def _plots_of(board: JobBoard, estimate_id: int) -> dict[str, bytes]:
    for job in board.of_kind(KIND):
        if job.result.get("id") == estimate_id:
            plots: dict[str, bytes] = dict(job.result.get("plots", {}))
            return plots
    return {}


@route(
    router, "/{lang}/workspace/estimates", Permission.VIEW_WORKSPACE, response_class=HTMLResponse
)
def estimates_page(request: Request, lang: Lang) -> HTMLResponse:
    """The stored estimates, newest first, and the form to run one."""
    store = web_context(request).store
    if store is None:
        return notice(request, lang, _NO_STORE, 404)
    return render(
        request,
        "estimates.html",
        lang,
        estimates=stored(store),
        jobs=job_board(request).of_kind(KIND)[:10],
        methods=METHODS,
        strata_fields=STRATA_FIELDS,
        iterations=ITERATIONS,
    )


def _int(text: str, low: int, high: int) -> int | None:
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if low <= value <= high else None


@route(
    router,
    "/{lang}/workspace/estimates",
    Permission.RUN_ESTIMATES,
    methods=("POST",),
    response_class=HTMLResponse,
)
def start_estimate(
    request: Request,
    lang: Lang,
    *,
    method: Annotated[str, Form()] = "",
    strata: Annotated[str, Form()] = "",
    seed: Annotated[str, Form()] = "",
    iterations: Annotated[str, Form()] = str(ITERATIONS[-1]),
) -> Response:
    """Run an estimate over the register in the background, then show its progress."""
    context = web_context(request)
    back = f"/{lang}/workspace/estimates"
    if context.store is None:
        return notice(request, lang, _NO_STORE, 404)
    if method not in METHODS:
        return notice(request, lang, gettext_noop("Choose log-linear or LCMCR."), 400, back)
    if strata and strata not in STRATA_FIELDS:
        return notice(
            request, lang, gettext_noop("Choose a stratum field from the list."), 400, back
        )
    chosen_seed = _int(seed, 0, 2**32 - 1) if seed.strip() else None
    if seed.strip() and chosen_seed is None:
        return notice(request, lang, gettext_noop("The seed must be a whole number."), 400, back)
    sweeps = _int(iterations, 1, ITERATIONS[-1])
    if sweeps not in ITERATIONS:
        return notice(request, lang, gettext_noop("Choose a run length from the list."), 400, back)
    run = RunRequest(
        method=method,
        strata=strata or None,
        seed=chosen_seed,
        iterations=sweeps,
        burnin=min(10_000, max(500, sweeps // 20)),
        chains=4,
    )
    store, clock = context.store, context.clock

    def work(progress: Progress) -> dict[str, Any]:
        return run_estimate(store, run, clock, progress)

    account = request.state.account
    job = job_board(request).start(KIND, account.name, work)
    audit(context, account.name, "estimate", method, strata or None)
    return RedirectResponse(f"/{lang}/workspace/estimates/jobs/{job.id}", status_code=303)


@route(
    router,
    "/{lang}/workspace/estimates/jobs/{job_id}",
    Permission.VIEW_WORKSPACE,
    response_class=HTMLResponse,
)
def estimate_job(request: Request, lang: Lang, job_id: str, fragment: bool = False) -> HTMLResponse:
    """An estimate job: sweeps done out of planned, then a link to the stored run."""
    job = job_board(request).get(job_id, KIND)
    if job is None:
        back = f"/{lang}/workspace/estimates"
        return notice(request, lang, gettext_noop("There is no such estimate job."), 404, back)
    template = "estimates_job_status.html" if fragment else "estimates_job.html"
    return render(request, template, lang, job=job)


@route(
    router,
    "/{lang}/workspace/estimates/{estimate_id}",
    Permission.VIEW_WORKSPACE,
    response_class=HTMLResponse,
)
def estimate_page(request: Request, lang: Lang, estimate_id: str) -> HTMLResponse:
    """One stored estimate with its diagnostics and chart."""
    store = web_context(request).store
    back = f"/{lang}/workspace/estimates"
    if store is None:
        return notice(request, lang, _NO_STORE, 404)
    number = _int(estimate_id, 1, 2**31)
    found = None if number is None else stored_one(store, number)
    if found is None or number is None:
        return notice(request, lang, _NO_ESTIMATE, 404, back)
    rows, height, top = _chart(found.result)
    return render(
        request,
        "estimates_show.html",
        lang,
        stored=found,
        result=found.result,
        diagnostics=found.result.get("diagnostics", {}),
        chart=rows,
        chart_height=height,
        chart_width=_CHART_WIDTH,
        chart_top=top,
        chart_left=_LABEL_WIDTH,
        plots=sorted(_plots_of(job_board(request), number)),
    )


@route(
    router,
    "/{lang}/workspace/estimates/{estimate_id}/plots/{name}.png",
    Permission.VIEW_WORKSPACE,
)
def estimate_plot(request: Request, lang: Lang, estimate_id: str, name: str) -> Response:
    """A PNG figure of a run made by this server process."""
    number = _int(estimate_id, 1, 2**31)
    plot = None if number is None else _plots_of(job_board(request), number).get(name)
    if plot is None:
        back = f"/{lang}/workspace/estimates"
        return notice(request, lang, gettext_noop("There is no such figure."), 404, back)
    return Response(
        plot, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"}
    )
