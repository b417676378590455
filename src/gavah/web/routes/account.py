"""Signing in and out.

Owns ``/{lang}/login`` (the form, and its POST: password, then the TOTP code when the account
has one, rate-limited per name and address), ``/{lang}/logout`` and ``/{lang}/account`` (who am
I). Every attempt, failed or not, goes to the audit log under the name typed; the address is
used for the throttle only and never stored.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gavah.store.accounts import Account, AccountRepository
from gavah.store.schema_web import NAME_LENGTH
from gavah.web.auth import audit, current_account, end_session, start_session
from gavah.web.context import WebContext, web_context
from gavah.web.i18n import Language
from gavah.web.passwords import verify_password, verify_totp
from gavah.web.permissions import Permission
from gavah.web.routing import page_language, route
from gavah.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

Lang = Annotated[Language, Depends(page_language)]
_MAX_PASSWORD = 1024


def _safe_next(target: str, lang: Language) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return f"/{lang}/workspace/"
    return target


@route(router, "/{lang}/login", Permission.PUBLIC, response_class=HTMLResponse)
def login_form(request: Request, lang: Lang, next: str = "") -> HTMLResponse:
    """The sign-in form."""
    return render(request, "login.html", lang, next=_safe_next(next, lang), error=None)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _check(context: WebContext, name: str, password: str, code: str) -> tuple[Account | None, str]:
    """(the account if accepted, the audit detail) for one attempt."""
    account = None
    if context.store is not None:
        with context.store.reader() as session:
            account = AccountRepository(session).get(name)
    ok = verify_password(account.password_hash if account else None, password)
    if not ok or account is None or account.disabled:
        return None, "bad name or password"
    if account.totp_secret and not verify_totp(account.totp_secret, code, now=context.clock()):
        return None, "bad second-factor code"
    return account, "signed in"


@route(router, "/{lang}/login", Permission.PUBLIC, methods=("POST",), response_class=HTMLResponse)
def login(
    request: Request,
    lang: Lang,
    *,
    name: Annotated[str, Form(max_length=NAME_LENGTH)],
    password: Annotated[str, Form(max_length=_MAX_PASSWORD)],
    code: Annotated[str, Form(max_length=16)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Check the password (and code); on success start a session and go on."""
    context = web_context(request)
    address = _client(request)
    now = context.clock()
    if context.throttle.is_blocked(name, address, now=now):
        audit(context, name, "login_refused", "login", "too many failures")
        return render(request, "login.html", lang, 429, next=next, error="throttled")
    account, detail = _check(context, name, password, code)
    if account is None:
        context.throttle.failed(name, address, now=now)
        audit(context, name, "login_failed", "login", detail)
        return render(request, "login.html", lang, 401, next=next, error="failed")
    context.throttle.succeeded(name, address)
    response = RedirectResponse(_safe_next(next, lang), status_code=303)
    start_session(context, response, account)
    audit(context, account.name, "login", "login", detail)
    return response


@route(router, "/{lang}/logout", Permission.SIGNED_IN, methods=("POST",))
def logout(request: Request, lang: Lang) -> RedirectResponse:
    """End the session."""
    account = current_account(request)
    response = RedirectResponse(f"/{lang}/", status_code=303)
    end_session(request, response)
    if account is not None:
        audit(web_context(request), account.name, "logout", "logout")
    return response


@route(router, "/{lang}/account", Permission.SIGNED_IN, response_class=HTMLResponse)
def account_page(request: Request, lang: Lang) -> HTMLResponse:
    """The signed-in account: name, role, what it may do, sign out."""
    return render(request, "account.html", lang)
