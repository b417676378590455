"""Tables of the web application: accounts, sessions, the audit log and the search documents.

Owns :class:`AccountRow` (a local account: name, role, Argon2id hash, optional TOTP secret),
:class:`WebSessionRow` (a signed-in browser, stored by the SHA-256 of its token so a copy of the
database cannot be replayed as a cookie), :class:`AuditRow` (who saw or changed what, append
only; no IP address is kept, since it could identify a documenter) and
:class:`SearchDocumentRow` (one searchable thing with its normalised name keys). On the same
declarative base as :mod:`gavah.store.schema`; migration ``0009``. The full-text index over
``search_documents`` (SQLite FTS5 / PostgreSQL GIN) is derived data built by
:mod:`gavah.store.search`, not schema. Must not hold rules: roles are checked by ``gavah.web``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gavah.store.schema import Base

__all__ = ["AccountRow", "AuditRow", "SearchDocumentRow", "WebSessionRow"]

#: Longest account name; also the width of the audit log's actor column.
NAME_LENGTH = 100


class AccountRow(Base):
    """A local account of the web application."""

    __tablename__ = "web_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSessionRow(Base):
    """A signed-in browser session, known by the SHA-256 of its cookie token."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("web_accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    """One line of the audit log: ``actor`` did ``action`` on ``target`` at ``at``."""

    __tablename__ = "web_audit"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)


class SearchDocumentRow(Base):
    """One searchable thing (a person, record, incident, source or evidence item)."""

    __tablename__ = "search_documents"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    skeleton: Mapped[str] = mapped_column(Text)
    keys: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    province: Mapped[str | None] = mapped_column(String(16))
    day: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (Index(None, "kind", "ref", unique=True),)
