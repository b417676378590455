"""The FastAPI application factory and its security headers.

Owns routes and response headers. Every asset ships in the package: the Content-Security-Policy
forbids any request to another origin, so a page can never leak a reader to a third party.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from gavah import __version__
from gavah.text.digits import to_persian_digits

__all__ = ["SECURITY_HEADERS", "create_app"]

SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}

_LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Gavah — witness",
        "lead": "What this workspace holds. The full site (counts with uncertainty, map, "
        "timeline, memorial) arrives with the web application.",
        "table": "Table",
        "rows": "Rows",
        "other": "فارسی",
    },
    "fa": {
        "title": "گواه",
        "lead": "آنچه این فضای کار در بر دارد. پایگاه کامل (شمار با عدم قطعیت، نقشه، "
        "گاه‌شمار، یادمان) با برنامهٔ وب می‌آید.",
        "table": "جدول",
        "rows": "ردیف‌ها",
        "other": "English",
    },
}


_TABLE_LABELS: Mapping[str, tuple[str, str]] = {
    "sources": ("Sources", "منبع‌ها"),
    "reports": ("Reports", "گزارش‌ها"),
    "evidence_items": ("Evidence items", "مدرک‌ها"),
    "records": ("List records", "ردیف‌های فهرست‌ها"),
    "persons": ("Persons in the register", "افراد در دفتر ثبت"),
    "incidents": ("Incidents", "رویدادها"),
    "acts": ("Acts", "کنش‌ها"),
    "claims": ("Claims", "ادعاها"),
    "units": ("Units", "یگان‌ها"),
    "officials": ("Officials", "مقام‌ها"),
}


def _table_label(table: str, lang: str) -> str:
    en, fa = _TABLE_LABELS.get(table, (table, table))
    return fa if lang == "fa" else en


def create_app(counts: Callable[[], Mapping[str, int]], *, name: str) -> FastAPI:
    """Build the web app over a ``counts`` callable (table → rows) for workspace ``name``."""
    app = FastAPI(title="Gavah", version=__version__, docs_url=None, redoc_url=None)
    templates = Environment(
        loader=FileSystemLoader(str(files("gavah.web") / "templates")),
        autoescape=select_autoescape(["html"]),
    )
    app.mount("/static", StaticFiles(directory=str(files("gavah.web") / "static")), "static")

    @app.middleware("http")
    async def _security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", response_class=HTMLResponse)
    def home(lang: str = "fa") -> HTMLResponse:
        lang = lang if lang in _LABELS else "fa"
        rows: list[dict[str, Any]] = [
            {
                "table": _table_label(table, lang),
                "rows": to_persian_digits(str(n)) if lang == "fa" else str(n),
            }
            for table, n in counts().items()
        ]
        html = templates.get_template("home.html").render(
            lang=lang,
            dir="rtl" if lang == "fa" else "ltr",
            other_lang="en" if lang == "fa" else "fa",
            t=_LABELS[lang],
            name=name,
            rows=rows,
            version=__version__,
        )
        return HTMLResponse(html)

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    return app
