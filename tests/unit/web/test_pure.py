"""The pure parts of the web package: permissions, CSRF tokens, throttle, formats, passwords."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest

from gavah.web.i18n import format_day, format_number, negotiate
from gavah.web.passwords import (
    PasswordError,
    hash_password,
    needs_rehash,
    totp_uri,
    verify_password,
    verify_totp,
)
from gavah.web.permissions import MATRIX, Permission, Role, is_allowed
from gavah.web.security import csrf_token, is_valid_csrf, new_secret
from gavah.web.throttle import LoginThrottle

NOW = dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC)


def test_only_admins_manage_accounts_and_read_the_audit_log() -> None:
    for role in Role:
        assert is_allowed(role, Permission.MANAGE_ACCOUNTS) == (role is Role.ADMIN)
        assert is_allowed(role, Permission.VIEW_AUDIT) == (role is Role.ADMIN)


def test_no_account_may_only_read_public_pages() -> None:
    assert [p for p in Permission if is_allowed(None, p)] == [Permission.PUBLIC]


def test_a_viewer_sees_nothing_private_and_a_documenter_no_witness() -> None:
    assert MATRIX[Role.VIEWER] == {Permission.SIGNED_IN}
    assert not is_allowed(Role.DOCUMENTER, Permission.VIEW_RESTRICTED)
    assert is_allowed(Role.ANALYST, Permission.VIEW_RESTRICTED)


def test_csrf_tokens_bind_the_cookie_to_the_key() -> None:
    key, cookie = b"k" * 32, new_secret()
    token = csrf_token(key, cookie)
    assert is_valid_csrf(key, cookie, token)
    assert not is_valid_csrf(b"x" * 32, cookie, token)
    assert not is_valid_csrf(key, new_secret(), token)
    assert not is_valid_csrf(key, None, token)
    assert not is_valid_csrf(key, cookie, None)
    assert not is_valid_csrf(key, cookie, "")


def test_the_throttle_slides_its_window() -> None:
    throttle = LoginThrottle(max_failures=2, window=dt.timedelta(minutes=10))
    throttle.failed("Sara", "1.2.3.4", now=NOW)
    throttle.failed(" sara ", "1.2.3.4", now=NOW + dt.timedelta(minutes=5))
    assert throttle.is_blocked("SARA", "1.2.3.4", now=NOW + dt.timedelta(minutes=6))
    assert not throttle.is_blocked("sara", "5.6.7.8", now=NOW + dt.timedelta(minutes=6))
    assert not throttle.is_blocked("sara", "1.2.3.4", now=NOW + dt.timedelta(minutes=10))
    throttle.failed("sara", "1.2.3.4", now=NOW + dt.timedelta(minutes=11))
    assert throttle.is_blocked("sara", "1.2.3.4", now=NOW + dt.timedelta(minutes=12))
    throttle.succeeded("sara", "1.2.3.4")
    assert not throttle.is_blocked("sara", "1.2.3.4", now=NOW + dt.timedelta(minutes=12))


@pytest.mark.parametrize(
    ("accept", "lang"),
    [(None, "fa"), ("", "fa"), ("en", "en"), ("fa-IR,en;q=0.5", "fa"), ("en;q=0.9,fa;q=0.1", "en")],
)
def test_language_negotiation(accept: str | None, lang: str) -> None:
    assert negotiate(accept) == lang


def test_numbers_and_days_in_both_languages() -> None:
    assert format_number(1234567, "fa") == "۱٬۲۳۴٬۵۶۷"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_day(dt.date(2026, 1, 8), "fa") == "۱۸ دی ۱۴۰۴ (۸ ژانویهٔ ۲۰۲۶)"
    assert format_day(dt.date(2026, 1, 8), "en") == "January 8, 2026 (18 Dey 1404)"
    assert format_day(dt.date(2026, 3, 21), "fa").startswith("۱ فروردین ۱۴۰۵")


def test_passwords_are_argon2id_and_verified_in_constant_work() -> None:
    stored = hash_password("گذرواژه‌ی بلند و امن")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "گذرواژه‌ی بلند و امن")
    assert not verify_password(stored, "گذرواژه‌ی بلند و امن ")
    assert not verify_password(None, "anything at all")
    assert not verify_password("not a hash", "anything at all")
    assert not needs_rehash(stored)
    with pytest.raises(PasswordError, match="at least 12"):
        hash_password("short")


def test_totp_codes_allow_one_step_of_drift_only() -> None:
    secret = pyotp.random_base32()
    totp = pyotp.TOTP(secret)
    assert verify_totp(secret, totp.at(NOW), now=NOW)
    assert verify_totp(secret, totp.at(NOW - dt.timedelta(seconds=30)), now=NOW)
    assert not verify_totp(secret, totp.at(NOW - dt.timedelta(minutes=5)), now=NOW)
    assert not verify_totp(secret, "abcdef", now=NOW)
    assert totp_uri(secret, "نگار").startswith("otpauth://totp/")
