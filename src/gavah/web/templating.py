"""Jinja2 templates with gettext, one environment per language.

Owns :func:`environment` (autoescaping, the ``i18n`` extension with the language's Babel
catalog installed, the ``number`` and ``day`` filters of :mod:`gavah.web.i18n`) and
:func:`render`, which also hands the page its CSRF token and sets the CSRF cookie when the
browser has none. Templates live in ``gavah/web/templates`` and extend ``base.html``.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from gavah import __version__
from gavah.web.auth import role_of
from gavah.web.context import web_context
from gavah.web.cookies import set_cookie
from gavah.web.i18n import Language, direction, format_day, format_number, translations
from gavah.web.permissions import Permission, is_allowed
from gavah.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, csrf_token, new_secret

__all__ = ["environment", "render"]


@functools.cache
def environment(lang: Language) -> Environment:
    """The template environment of ``lang`` (built once per process)."""
    env = Environment(
        loader=FileSystemLoader(str(files("gavah.web") / "templates")),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = lambda value: format_number(value, lang)
    env.filters["day"] = lambda value: format_day(value, lang)
    return env


def _other_path(path: str, lang: Language) -> str:
    """The same page in the other language (the first path segment is the language)."""
    other = "en" if lang == "fa" else "fa"
    rest = path.split("/", 2)[2] if path.count("/") >= 2 else ""
    return f"/{other}/{rest}"


def render(
    request: Request, template: str, lang: Language, status_code: int = 200, **values: Any
) -> HTMLResponse:
    """Render ``template`` in ``lang`` with ``values`` and the page's common context."""
    context = web_context(request)
    cookie = request.cookies.get(CSRF_COOKIE)
    fresh = cookie is None
    if cookie is None:
        cookie = new_secret()
    # A page shared by every anonymous visitor (gavah.web.pagecache) carries no CSRF token: its
    # forms are GET forms; the sign-in page, which posts, is never shared.
    shared = bool(getattr(request.state, "shared_page", False))
    fresh = fresh and not shared
    account = getattr(request.state, "account", None)
    html = (
        environment(lang)
        .get_template(template)
        .render(
            lang=lang,
            dir=direction(lang),
            other_lang="en" if lang == "fa" else "fa",
            other_path=_other_path(request.url.path, lang),
            path=request.url.path,
            workspace=context.name,
            version=__version__,
            account=account,
            csrf_field=CSRF_FIELD,
            csrf_header=CSRF_HEADER,
            csrf_token="" if shared else csrf_token(context.key, cookie),
            allowed=lambda permission: is_allowed(role_of(account), Permission(permission)),
            **values,
        )
    )
    response = HTMLResponse(html, status_code=status_code)
    if fresh:
        set_cookie(response, CSRF_COOKIE, cookie, context.options, max_age=None)
    return response
