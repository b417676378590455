"""Schema migrations with Alembic, configured in code.

Owns running the migrations in ``gavah/store/migrations`` against an engine: :func:`upgrade` to
head, :func:`current_revision`, :func:`head_revision`, :func:`verify_current`, and
:func:`new_revision` for developers adding a migration. No ``alembic.ini`` is read at run time. On
SQLite, foreign-key enforcement is switched off while a migration runs (batch migrations recreate
tables, and a cascading ``DROP`` would delete rows) and every key is checked before the
transaction commits. Must not define tables (that is ``gavah.store.schema``).
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from gavah.errors import StorageError
from gavah.store.engine import reason

__all__ = [
    "SCRIPT_LOCATION",
    "alembic_config",
    "current_revision",
    "head_revision",
    "new_revision",
    "upgrade",
    "verify_current",
]

#: Where the migration scripts live, as a package resource (works from a wheel too).
SCRIPT_LOCATION = "gavah.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Build the Alembic configuration in code; ``connection`` is handed to ``env.py``."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision among the shipped migrations.

    Raises:
        StorageError: the migration scripts have several heads or none (a packaging error).
    """
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise StorageError(f"the shipped migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for a database never migrated.

    Raises:
        StorageError: the database cannot be read.
    """
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot read the schema revision: {reason(exc)}") from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (the newest by default) in one transaction.

    Raises:
        StorageError: a migration fails (nothing of it is kept) or the database cannot be reached.
    """
    try:
        with engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                command.upgrade(alembic_config(connection), revision)
                return
            # PRAGMA foreign_keys is a no-op inside a transaction, so set it on the driver
            # connection before SQLAlchemy begins one, and put back what was there after.
            driver = connection.connection.driver_connection
            if driver is None:  # pragma: no cover - a checked-out connection always has one
                raise StorageError("the SQLite connection was closed before migrating")
            enforced = driver.execute("PRAGMA foreign_keys").fetchone()[0]
            driver.execute("PRAGMA foreign_keys=OFF")
            try:
                command.upgrade(alembic_config(connection), revision)
            finally:
                connection.rollback()
                driver.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")
    except SQLAlchemyError as exc:
        raise StorageError(f"database migration failed: {reason(exc)}") from exc


def verify_current(engine: Engine) -> None:
    """Check that the database is migrated to the newest revision.

    Raises:
        StorageError: the database is behind (or ahead of) the shipped migrations.
    """
    current = current_revision(engine)
    head = head_revision()
    if current != head:
        have = "no schema" if current is None else f"schema revision {current}"
        raise StorageError(f"the database has {have}, this Gavah needs {head}: run the upgrade")


def new_revision(engine: Engine, message: str) -> None:
    """Write a new migration script by autogenerate against ``engine`` (for developers).

    The script lands in ``gavah/store/migrations/versions``; review it before committing.

    Raises:
        StorageError: the database is not at head or cannot be reached.
    """
    verify_current(engine)
    try:
        with engine.connect() as connection:
            command.revision(alembic_config(connection), message=message, autogenerate=True)
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot autogenerate a migration: {reason(exc)}") from exc
