"""Who is asking: sessions, the permission check of every route, CSRF checks and the audit log.

Owns the session cookie (:func:`session_cookie`; ``__Host-`` prefixed when Secure), signing in
and out (:func:`start_session`, :func:`end_session`), :func:`current_account`, the route
dependencies :func:`requires` (permission, and an audit line for every private page seen) and
:func:`verify_csrf` (every POST), the exceptions they raise (:class:`NotSignedIn`,
:class:`Forbidden`, :class:`CsrfRejected`) and :func:`audit`. The database keeps only the
SHA-256 of a session token. Decisions come from :mod:`gavah.web.permissions`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from fastapi import Request
from starlette.responses import Response

from gavah.errors import StorageError
from gavah.store.accounts import (
    Account,
    AccountRepository,
    AuditEntry,
    AuditRepository,
    WebSessionRepository,
)
from gavah.web.context import WebContext, WebOptions, web_context
from gavah.web.cookies import clear_cookie, set_cookie
from gavah.web.permissions import Permission, Role, is_allowed
from gavah.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, is_valid_csrf, new_secret

__all__ = [
    "ANONYMOUS",
    "CsrfRejected",
    "Forbidden",
    "NotSignedIn",
    "account_list",
    "audit",
    "current_account",
    "end_session",
    "requires",
    "role_of",
    "session_cookie",
    "start_session",
    "verify_csrf",
]

ANONYMOUS = "anonymous"


class NotSignedIn(Exception):  # noqa: N818 - a signal to the exception handler, not an error
    """The route needs an account and the request has none."""


class Forbidden(Exception):  # noqa: N818
    """The account's role does not allow the route."""


class CsrfRejected(Exception):  # noqa: N818
    """A state-changing request without a valid CSRF token."""


def session_cookie(options: WebOptions) -> str:
    """The session cookie's name (``__Host-`` needs Secure, so plain HTTP uses a plain name)."""
    return "__Host-gavah_session" if options.secure_cookies else "gavah_session"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def role_of(account: Account | None) -> Role | None:
    """The role of ``account`` (an unknown stored role counts as no role: fail closed)."""
    if account is None:
        return None
    try:
        return Role(account.role)
    except ValueError:
        return None


def audit(
    context: WebContext, actor: str, action: str, target: str, detail: str | None = None
) -> None:
    """Append one line to the audit log (nothing without a store)."""
    if context.store is None:
        return
    with context.store.session() as session:
        AuditRepository(session).append(AuditEntry(context.clock(), actor, action, target, detail))


def current_account(request: Request) -> Account | None:
    """The signed-in account of ``request`` (looked up once per request)."""
    if hasattr(request.state, "account"):
        account: Account | None = request.state.account
        return account
    context = web_context(request)
    token = request.cookies.get(session_cookie(context.options))
    account = None
    if token and context.store is not None:
        with context.store.reader() as session:
            account = WebSessionRepository(session).account_of(_digest(token), now=context.clock())
    request.state.account = account
    return account


def start_session(context: WebContext, response: Response, account: Account) -> None:
    """Sign ``account`` in: a new random token in the cookie, its digest in the database.

    Raises:
        StorageError: there is no store to keep the session in.
    """
    if context.store is None:
        raise StorageError("sessions need a database")
    token = new_secret()
    now = context.clock()
    with context.store.session() as session:
        sessions = WebSessionRepository(session)
        sessions.remove_expired(now=now)
        sessions.add(
            _digest(token), account.id, now=now, expires_at=now + context.options.session_lifetime
        )
    lifetime = int(context.options.session_lifetime.total_seconds())
    set_cookie(response, session_cookie(context.options), token, context.options, max_age=lifetime)
    # A new CSRF cookie with every sign-in, so a token seen before it is worthless after.
    set_cookie(response, CSRF_COOKIE, new_secret(), context.options, max_age=None)


def end_session(request: Request, response: Response) -> None:
    """Sign out: forget the session in the database and in the browser."""
    context = web_context(request)
    name = session_cookie(context.options)
    token = request.cookies.get(name)
    if token and context.store is not None:
        with context.store.session() as session:
            WebSessionRepository(session).remove(_digest(token))
    clear_cookie(response, name, context.options)


def requires(permission: Permission) -> Callable[[Request], None]:
    """A route dependency: refuse the request unless its account has ``permission``.

    Private pages seen (GET) are written to the audit log with the account's name.
    """

    def check(request: Request) -> None:
        account = current_account(request)
        if permission is Permission.PUBLIC:
            return
        if account is None:
            raise NotSignedIn
        if not is_allowed(role_of(account), permission):
            audit(web_context(request), account.name, "refused", request.url.path)
            raise Forbidden
        if request.method == "GET":
            query = str(request.url.query) or None
            audit(web_context(request), account.name, "view", request.url.path, query)

    return check


async def verify_csrf(request: Request) -> None:
    """A route dependency for every POST: the form field or header must match the cookie.

    Raises:
        CsrfRejected: it does not.
    """
    context = web_context(request)
    token = request.headers.get(CSRF_HEADER)
    if token is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    if not is_valid_csrf(context.key, request.cookies.get(CSRF_COOKIE), token):
        raise CsrfRejected


def account_list(context: WebContext) -> list[Account]:
    """Every account (for the admin page)."""
    if context.store is None:
        return []
    with context.store.reader() as session:
        return AccountRepository(session).all()
