"""Repositories of the web application's accounts, sessions and audit log.

Owns :class:`AccountRepository`, :class:`WebSessionRepository` and :class:`AuditRepository`, and
the plain records they hand out (:class:`Account`, :class:`AuditEntry`). They map rows and
nothing more: password hashing, roles and permissions are decided by ``gavah.web``. Sessions are
looked up by the SHA-256 of the cookie token, never by the token itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.store.codec import from_utc, to_utc
from gavah.store.schema_web import AccountRow, AuditRow, WebSessionRow
from gavah.store.session import flush

__all__ = [
    "Account",
    "AccountRepository",
    "AuditEntry",
    "AuditRepository",
    "WebSessionRepository",
]


@dataclass(frozen=True, slots=True)
class Account:
    """A local account as stored (``password_hash`` is an Argon2id PHC string)."""

    id: int
    name: str
    role: str
    password_hash: str
    totp_secret: str | None
    created_at: dt.datetime
    disabled: bool


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log."""

    at: dt.datetime
    actor: str
    action: str
    target: str
    detail: str | None = None


def _account(row: AccountRow) -> Account:
    return Account(
        id=row.id,
        name=row.name,
        role=row.role,
        password_hash=row.password_hash,
        totp_secret=row.totp_secret,
        created_at=from_utc(row.created_at),
        disabled=row.disabled,
    )


class AccountRepository:
    """Local accounts, by name."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        name: str,
        role: str,
        password_hash: str,
        *,
        now: dt.datetime,
        totp_secret: str | None = None,
    ) -> Account:
        """Create an account.

        Raises:
            StorageError: an account of that name exists.
        """
        if self.get(name) is not None:
            raise StorageError(f"an account named {name!r} exists already")
        row = AccountRow(
            name=name,
            role=role,
            password_hash=password_hash,
            totp_secret=totp_secret,
            created_at=to_utc(now),
            disabled=False,
        )
        self._session.add(row)
        flush(self._session)
        return _account(row)

    def get(self, name: str) -> Account | None:
        """The account called ``name``, if any."""
        row = self._session.scalar(select(AccountRow).where(AccountRow.name == name))
        return None if row is None else _account(row)

    def by_id(self, account_id: int) -> Account | None:
        """The account with id ``account_id``, if any."""
        row = self._session.get(AccountRow, account_id)
        return None if row is None else _account(row)

    def all(self) -> list[Account]:
        """Every account, by name."""
        rows = self._session.scalars(select(AccountRow).order_by(AccountRow.name))
        return [_account(r) for r in rows]

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Replace an account's hash (after a rehash with stronger parameters)."""
        self._session.execute(
            update(AccountRow).where(AccountRow.name == name).values(password_hash=password_hash)
        )


class WebSessionRepository:
    """Signed-in sessions, keyed by the SHA-256 (hex) of their cookie token."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, token_hash: str, account_id: int, *, now: dt.datetime, expires_at: dt.datetime
    ) -> None:
        """Record a new session."""
        self._session.add(
            WebSessionRow(
                token_hash=token_hash,
                account_id=account_id,
                created_at=to_utc(now),
                expires_at=to_utc(expires_at),
            )
        )
        flush(self._session)

    def account_of(self, token_hash: str, *, now: dt.datetime) -> Account | None:
        """The enabled account behind an unexpired session, else ``None``."""
        row = self._session.execute(
            select(WebSessionRow.expires_at, AccountRow)
            .join(AccountRow, AccountRow.id == WebSessionRow.account_id)
            .where(WebSessionRow.token_hash == token_hash)
        ).first()
        if row is None or from_utc(row[0]) <= now or row[1].disabled:
            return None
        return _account(row[1])

    def remove(self, token_hash: str) -> None:
        """End one session (signing out)."""
        self._session.execute(delete(WebSessionRow).where(WebSessionRow.token_hash == token_hash))

    def remove_expired(self, *, now: dt.datetime) -> int:
        """Delete every expired session; return how many."""
        result = self._session.execute(
            delete(WebSessionRow).where(WebSessionRow.expires_at <= to_utc(now))
        )
        return int(getattr(result, "rowcount", 0) or 0)


class AuditRepository:
    """The audit log: appended to, read newest first, never edited."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, entry: AuditEntry) -> None:
        """Add one line."""
        self._session.add(
            AuditRow(
                at=to_utc(entry.at),
                actor=entry.actor,
                action=entry.action,
                target=entry.target,
                detail=entry.detail,
            )
        )
        flush(self._session)

    def latest(self, limit: int = 100) -> Sequence[AuditEntry]:
        """The ``limit`` newest lines, newest first."""
        rows = self._session.scalars(
            select(AuditRow).order_by(AuditRow.at.desc(), AuditRow.pk.desc()).limit(limit)
        )
        return [
            AuditEntry(
                at=from_utc(r.at), actor=r.actor, action=r.action, target=r.target, detail=r.detail
            )
            for r in rows
        ]
