"""Database engines for the two supported backends, SQLite and PostgreSQL.

Owns turning a database URL into a configured SQLAlchemy :class:`~sqlalchemy.engine.Engine`:
PostgreSQL URLs are normalised to the psycopg 3 driver; SQLite connections get WAL journaling,
enforced foreign keys and a busy timeout, and real transactions (``BEGIN``, or ``BEGIN IMMEDIATE``
for the store's writes). Every failure is a one-line :class:`gavah.errors.StorageError` that never
shows a password. Must not know about tables or the domain model.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from gavah.errors import StorageError

__all__ = [
    "SQLITE_BUSY_TIMEOUT_MS",
    "WRITE_OPTION",
    "backend_name",
    "describe_url",
    "make_engine",
    "normalise_url",
    "reason",
]

#: How long a SQLite connection waits for another writer before failing (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Seconds to wait for a PostgreSQL server before reporting it unreachable.
POSTGRES_CONNECT_TIMEOUT_S = 10
#: Execution option that makes a SQLite transaction take the write lock at once (``BEGIN
#: IMMEDIATE``), so that two writers wait for each other instead of failing on lock upgrade.
WRITE_OPTION = "gavah_write"

_POSTGRES_DRIVERS = {"postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg"}
_SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite"}
_EXPECTED = "expected sqlite:///PATH or postgresql://USER@HOST[:PORT]/DATABASE"


def normalise_url(url: str | URL) -> URL:
    """Parse ``url`` and pin the driver: ``postgresql://`` becomes ``postgresql+psycopg://``.

    Raises:
        StorageError: the URL is malformed or names a backend Gavah does not support.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StorageError(f"malformed database URL ({_EXPECTED})") from exc
    driver = parsed.drivername.lower()
    if driver in _POSTGRES_DRIVERS:
        return parsed.set(drivername="postgresql+psycopg")
    if driver in _SQLITE_DRIVERS:
        return parsed.set(drivername="sqlite+pysqlite")
    raise StorageError(
        f"unsupported database backend {parsed.drivername!r}: Gavah supports SQLite and "
        f"PostgreSQL ({_EXPECTED})"
    )


def describe_url(url: str | URL) -> str:
    """Return ``url`` as text with any password masked, for messages.

    Raises:
        StorageError: the URL is malformed or names an unsupported backend.
    """
    return normalise_url(url).render_as_string(hide_password=True)


def backend_name(engine: Engine) -> str:
    """Return ``"sqlite"`` or ``"postgresql"`` for an engine made by :func:`make_engine`."""
    return engine.dialect.name


def _json_dumps(value: Any) -> str:
    # Keep Persian text readable in the database (the default escapes it as \\uXXXX).
    return json.dumps(value, ensure_ascii=False)


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Driver-level autocommit: SQLAlchemy's begin hook below emits BEGIN itself, which gives
    # SQLite real transactions (including DDL) instead of pysqlite's implicit ones.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS:d}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: durable at checkpoints
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _check_sqlite_path(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    parent = Path(database).expanduser().resolve().parent
    if not parent.is_dir():
        raise StorageError(f"cannot open SQLite database {database}: folder {parent} is missing")


def make_engine(url: str | URL, *, probe: bool = True) -> Engine:
    """Build an engine for ``url`` (``sqlite:///PATH``, ``postgresql://...``).

    With ``probe`` (the default) the engine connects once, so that an unreachable server, a
    missing database or bad credentials are reported here rather than at the first query.

    Raises:
        StorageError: the URL is malformed or unsupported, the driver is missing, or the database
            cannot be reached.
    """
    parsed = normalise_url(url)
    shown = parsed.render_as_string(hide_password=True)
    is_sqlite = parsed.drivername.startswith("sqlite")
    connect_args: dict[str, Any] = {}
    if is_sqlite:
        _check_sqlite_path(parsed)
    else:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    try:
        engine = create_engine(
            parsed,
            json_serializer=_json_dumps,
            connect_args=connect_args,
            pool_pre_ping=not is_sqlite,
        )
    except (NoSuchModuleError, ImportError) as exc:
        raise StorageError(f"no database driver for {shown}: {exc}") from exc
    if is_sqlite:
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    if probe:
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StorageError(f"cannot reach the database {shown}: {reason(exc)}") from exc
    return engine


def reason(exc: BaseException) -> str:
    """The first line of the driver's message behind a SQLAlchemy error, for one-line reports."""
    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(inner).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(inner).__name__
