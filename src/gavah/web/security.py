"""Response security headers and CSRF tokens.

Owns :data:`CONTENT_SECURITY_POLICY` and :data:`SECURITY_HEADERS` (every response: no request
to another origin, no framing, no referrer) and the CSRF scheme: a random cookie
(:data:`CSRF_COOKIE`, HttpOnly, SameSite=Strict) and, in each form, the HMAC-SHA256 of that cookie
under the app's key (OWASP "signed double-submit cookie"). A forged cross-site POST carries
neither the cookie (SameSite) nor a token that matches it (the key never leaves the server).
Pure functions over bytes and strings; the routes call them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SECURITY_HEADERS",
    "csrf_token",
    "is_valid_csrf",
    "new_secret",
]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'"
)

SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=(), interest-cohort=()",
}

CSRF_COOKIE = "gavah_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
#: Bytes of randomness in a CSRF cookie or a session token (256 bits).
TOKEN_BYTES = 32


def new_secret() -> str:
    """A fresh random URL-safe token (for a CSRF cookie or a session)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def csrf_token(key: bytes, cookie: str) -> str:
    """The form token that goes with CSRF ``cookie`` under the app's ``key``."""
    return hmac.new(key, b"gavah-csrf\x00" + cookie.encode("utf-8"), hashlib.sha256).hexdigest()


def is_valid_csrf(key: bytes, cookie: str | None, token: str | None) -> bool:
    """Whether ``token`` is the form token of ``cookie`` (constant time; absent is invalid)."""
    if not cookie or not token:
        return False
    return hmac.compare_digest(csrf_token(key, cookie), token)
