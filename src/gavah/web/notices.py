"""Short messages of the analysis pages (lists, review, claims, estimates) and their page.

Owns :func:`gettext_noop` (marks an English msgid for ``pybabel extract``; the template
translates it) and :func:`notice` (a page with one such message and a status, e.g. 404 for a
job, pair, claim or estimate that does not exist, 400 for a form that cannot be used).
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from gavah.web.i18n import Language
from gavah.web.templating import render

__all__ = ["gettext_noop", "notice"]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


def notice(
    request: Request, lang: Language, message: str, status_code: int, back: str | None = None
) -> HTMLResponse:
    """A page saying ``message`` (a msgid) with ``status_code``, and a link ``back``."""
    return render(
        request,
        "analysis_message.html",
        lang,
        status_code=status_code,
        message=message,
        back=back,
    )
