"""Signing in and out: cookies, sessions, second factor, throttling, the audit log."""

from __future__ import annotations

import hashlib

import pyotp
from sqlalchemy import select

from gavah.store.accounts import AuditRepository
from gavah.store.schema_web import WebSessionRow
from gavah.web import Role
from gavah.web.security import CSRF_FIELD
from gavah.web.throttle import MAX_FAILURES
from tests.integration.web.conftest import PASSWORD, WebApp, add_account, csrf_of

SESSION = "__Host-gavah_session"


def _login(web: WebApp, name: str, password: str = PASSWORD, **extra: str) -> tuple[int, str]:
    client = web.client()
    form = {"name": name, "password": password, CSRF_FIELD: csrf_of(client, "/fa/login"), **extra}
    response = client.post("/fa/login", data=form)
    return response.status_code, response.headers.get("set-cookie", "")


def _actions(web: WebApp) -> list[tuple[str, str, str]]:
    with web.store.reader() as session:
        return [(e.actor, e.action, e.target) for e in AuditRepository(session).latest()]


def test_signing_in_sets_a_secure_httponly_strict_cookie(web: WebApp) -> None:
    status, cookies = _login(web, "analyst")
    assert status == 303
    session_cookie = next(c for c in cookies.split(", ") if c.startswith(SESSION))
    flags = session_cookie.lower()
    assert "httponly" in flags
    assert "secure" in flags
    assert "samesite=strict" in flags
    assert "path=/" in flags
    assert "domain" not in flags


def test_the_database_keeps_only_the_digest_of_a_session_token(web: WebApp) -> None:
    client = web.signed_in(Role.ANALYST)
    token = client.cookies[SESSION]
    with web.store.reader() as session:
        stored = list(session.scalars(select(WebSessionRow.token_hash)))
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in stored


def test_a_wrong_password_or_unknown_name_is_refused_alike(web: WebApp) -> None:
    assert _login(web, "analyst", "wrong password!!")[0] == 401
    assert _login(web, "nobody-here")[0] == 401
    assert ("analyst", "login_failed", "login") in _actions(web)


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(web: WebApp) -> None:
    client = web.client()
    token = csrf_of(client, "/fa/login")
    for target, expected in [
        ("/fa/workspace/audit", "/fa/workspace/audit"),
        ("https://evil.example/", "/fa/workspace/"),
        ("//evil.example/x", "/fa/workspace/"),
    ]:
        form = {"name": "admin", "password": PASSWORD, CSRF_FIELD: token, "next": target}
        response = client.post("/fa/login", data=form)
        assert response.headers["location"] == expected
        token = csrf_of(client, "/fa/login")


def test_logins_are_throttled_per_name_and_address(web: WebApp) -> None:
    for _ in range(MAX_FAILURES):
        assert _login(web, "viewer", "not the password")[0] == 401
    assert _login(web, "viewer")[0] == 429, "even the right password waits"
    assert _login(web, "analyst")[0] == 303, "another name is not locked"
    web.clock.advance(minutes=16)
    assert _login(web, "viewer")[0] == 303


def test_an_account_with_totp_needs_the_current_code(web: WebApp) -> None:
    secret = pyotp.random_base32()
    add_account(web.store, "نگار", Role.DOCUMENTER, totp=secret)
    assert _login(web, "نگار")[0] == 401
    assert _login(web, "نگار", code="000000")[0] == 401
    code = pyotp.TOTP(secret).at(web.clock.now)
    assert _login(web, "نگار", code=code)[0] == 303
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert _login(web, "نگار", code=persian)[0] == 303, "Persian digits are accepted"


def test_signing_out_ends_the_session_in_the_database(web: WebApp) -> None:
    client = web.signed_in(Role.ANALYST)
    token = client.cookies[SESSION]
    assert client.get("/fa/workspace/").status_code == 200
    response = client.post("/fa/logout", data={CSRF_FIELD: csrf_of(client, "/fa/account")})
    assert response.status_code == 303
    assert client.get("/fa/workspace/").status_code == 303
    replay = web.client()
    replay.cookies.set(SESSION, token, domain="testserver")
    assert replay.get("/fa/workspace/").status_code == 303, "a stolen cookie is dead too"


def test_a_session_expires(web: WebApp) -> None:
    client = web.signed_in(Role.ANALYST)
    web.clock.advance(hours=11)
    assert client.get("/fa/workspace/").status_code == 200
    web.clock.advance(hours=2)
    assert client.get("/fa/workspace/").status_code == 303


def test_the_audit_log_records_who_saw_and_was_refused_what(web: WebApp) -> None:
    web.signed_in(Role.ANALYST).get("/fa/workspace/search", params={"q": "حسینی"})
    web.signed_in(Role.DOCUMENTER).get("/en/workspace/audit")
    actions = _actions(web)
    assert ("analyst", "login", "login") in actions
    assert ("analyst", "view", "/fa/workspace/search") in actions
    assert ("documenter", "refused", "/en/workspace/audit") in actions
    admin = web.signed_in(Role.ADMIN)
    page = admin.get("/fa/workspace/audit").text
    assert "/fa/workspace/search" in page


def test_a_disabled_role_name_in_the_database_fails_closed(web: WebApp) -> None:
    add_account(web.store, "ghost", "superuser")
    client = web.client()
    form = {"name": "ghost", "password": PASSWORD, CSRF_FIELD: csrf_of(client, "/fa/login")}
    assert client.post("/fa/login", data=form).status_code == 303
    assert client.get("/fa/workspace/").status_code == 403
    assert client.get("/fa/account").status_code == 403
