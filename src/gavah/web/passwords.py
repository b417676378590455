"""Password hashing (Argon2id, RFC 9106) and TOTP second factors (RFC 6238).

Owns :func:`hash_password`, :func:`verify_password` (constant work whether or not the account
exists, see :data:`DUMMY_HASH`), :func:`needs_rehash`, :func:`new_totp_secret`,
:func:`totp_uri` and :func:`verify_totp`. The clock is passed in. No storage here.
"""

from __future__ import annotations

import datetime as dt

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

from gavah.errors import GavahError
from gavah.text import to_ascii_digits

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "PasswordError",
    "hash_password",
    "needs_rehash",
    "new_totp_secret",
    "totp_uri",
    "verify_password",
    "verify_totp",
]

#: NIST SP 800-63B §5.1.1.2: at least 8 characters; Gavah asks for more.
MIN_PASSWORD_LENGTH = 12
#: RFC 9106's second recommended option (Argon2id, t=3, 64 MiB): fits a small server.
_HASHER = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
#: Verified against when the account does not exist, so timing does not reveal names.
DUMMY_HASH = _HASHER.hash("gavah: no such account")
#: Accept the code of the previous and next 30-second step too (clock drift).
_TOTP_WINDOW = 1


class PasswordError(GavahError):
    """A password that cannot be accepted."""


def hash_password(password: str) -> str:
    """The Argon2id PHC string of ``password``.

    Raises:
        PasswordError: the password is shorter than :data:`MIN_PASSWORD_LENGTH`.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (``None``: no account; still does the work)."""
    try:
        return _HASHER.verify(stored or DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(stored)


def new_totp_secret() -> str:
    """A fresh base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(32)


def totp_uri(secret: str, account: str, issuer: str = "Gavah") -> str:
    """The ``otpauth://`` URI an authenticator app reads (shown once, at account creation)."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def verify_totp(secret: str, code: str, *, now: dt.datetime) -> bool:
    """Whether ``code`` is the TOTP of ``secret`` at ``now`` (one step of drift allowed)."""
    code = to_ascii_digits(code.strip())
    if not code.isascii() or not code.isdigit():
        return False
    return pyotp.TOTP(secret).verify(code, for_time=now, valid_window=_TOTP_WINDOW)
