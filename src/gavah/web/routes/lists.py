"""Lists of persons in the workspace: what was imported, and importing a list with progress.

Owns ``/{lang}/workspace/lists`` (the imported list files: source, file, rows, when, revision;
the upload form for roles with ``ingest_evidence``), ``POST /{lang}/workspace/lists`` (starts the
import of ``gavah lists import`` as a background job, :mod:`gavah.web.list_import`) and
``/{lang}/workspace/lists/jobs/{job_id}`` (the job's progress, then its summary and the rows not
imported by line; ``?fragment=1`` is the part htmx polls every second).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from gavah.web.auth import audit
from gavah.web.context import web_context
from gavah.web.i18n import Language
from gavah.web.jobs import Progress, job_board
from gavah.web.list_import import MAX_LIST_BYTES, MAX_MAPPING_BYTES, import_list, imported_lists
from gavah.web.notices import gettext_noop, notice
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
KIND = "list-import"
_SUFFIXES = (".csv", ".xlsx")
_SHOWN_PROBLEMS = 200


def _page(request: Request, lang: Language, error: str | None = None, status: int = 200) -> Any:
    store = web_context(request).store
    lists = [] if store is None else imported_lists(store)
    jobs = job_board(request).of_kind(KIND)[:10]
    return render(
        request, "lists.html", lang, status_code=status, lists=lists, jobs=jobs, error=error
    )


@route(router, "/{lang}/workspace/lists", Permission.VIEW_WORKSPACE, response_class=HTMLResponse)
def lists_page(request: Request, lang: Lang) -> HTMLResponse:
    """The imported lists, the recent import jobs and (for importers) the upload form."""
    page: HTMLResponse = _page(request, lang)
    return page


async def _read(upload: Any, limit: int) -> bytes | None:
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    return await upload.read(limit + 1)


@route(
    router,
    "/{lang}/workspace/lists",
    Permission.INGEST_EVIDENCE,
    methods=("POST",),
    response_class=HTMLResponse,
)
async def start_import(request: Request, lang: Lang) -> Response:
    """Check the form, then import the list in a background job and show its progress."""
    context = web_context(request)
    async with request.form(max_files=2, max_fields=10) as form:
        upload = form.get("file")
        source = str(form.get("source") or "").strip()
        data = await _read(upload, MAX_LIST_BYTES)
        mapping = await _read(form.get("mapping"), MAX_MAPPING_BYTES)
        filename = upload.filename if isinstance(upload, UploadFile) and upload.filename else ""
    error = None
    if context.store is None:
        error = gettext_noop("This server has no workspace to import into.")
    elif not data or not filename:
        error = gettext_noop("Choose a list file (CSV or XLSX).")
    elif not filename.casefold().endswith(_SUFFIXES):
        error = gettext_noop("A list must be a CSV (UTF-8) or XLSX file.")
    elif len(data) > MAX_LIST_BYTES:
        error = gettext_noop("The list file is too large.")
    elif mapping is not None and len(mapping) > MAX_MAPPING_BYTES:
        error = gettext_noop("The mapping file is too large.")
    elif not source or len(source) > 200:
        error = gettext_noop("Name the source the list comes from (at most 200 characters).")
    if error is not None or context.store is None or data is None:
        page: HTMLResponse = _page(request, lang, error=error, status=400)
        return page
    store, clock = context.store, context.clock
    account = request.state.account

    def work(progress: Progress) -> dict[str, Any]:
        return import_list(
            store,
            data,
            filename,
            source_name=source,
            mapping=mapping,
            progress=progress,
            clock=clock,
        )

    job = job_board(request).start(KIND, account.name, work)
    audit(context, account.name, "list-import", source, filename)
    return RedirectResponse(f"/{lang}/workspace/lists/jobs/{job.id}", status_code=303)


@route(
    router,
    "/{lang}/workspace/lists/jobs/{job_id}",
    Permission.VIEW_WORKSPACE,
    response_class=HTMLResponse,
)
def import_job(request: Request, lang: Lang, job_id: str, fragment: bool = False) -> HTMLResponse:
    """An import job: its progress while it runs, then its summary and refused rows."""
    board = job_board(request)
    found = board.get(job_id, KIND)
    if found is None:
        back = f"/{lang}/workspace/lists"
        return notice(request, lang, gettext_noop("There is no such import job."), 404, back)
    with board.lock:
        values: dict[str, Any] = {
            "job": found,
            "problems": list(found.result.get("refused", []))[:_SHOWN_PROBLEMS],
            "more": max(0, len(found.result.get("refused", [])) - _SHOWN_PROBLEMS),
        }
    template = "lists_job_status.html" if fragment else "lists_job.html"
    return render(request, template, lang, **values)
