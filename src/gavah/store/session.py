"""The store: the single writer of a workspace's database, and its transactions.

Owns :class:`Store`. Every write goes through :meth:`Store.session`, one transaction that commits
when the block ends and rolls back entirely when it raises, so that nothing is ever half-written.
Writes are serialised within the process (and take SQLite's write lock at ``BEGIN``), reads use
:meth:`Store.reader`. Database errors become one-line :class:`gavah.errors.StorageError`
messages. Must not hold domain rules: repositories map rows, the domain decides.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from gavah.errors import StorageError
from gavah.store import migration
from gavah.store.engine import WRITE_OPTION, make_engine, reason
from gavah.store.schema import (
    ActRow,
    Base,
    ClaimRow,
    EvidenceRow,
    IncidentRow,
    OfficialRow,
    PersonRow,
    RecordRow,
    ReportRow,
    SourceRow,
    UnitRow,
)

__all__ = ["COUNTED_TABLES", "Store", "flush", "storage_error"]

#: The tables :meth:`Store.counts` reports, by the name ``gavah status`` shows.
COUNTED_TABLES: dict[str, type[Base]] = {
    "sources": SourceRow,
    "reports": ReportRow,
    "evidence_items": EvidenceRow,
    "records": RecordRow,
    "persons": PersonRow,
    "incidents": IncidentRow,
    "acts": ActRow,
    "claims": ClaimRow,
    "units": UnitRow,
    "officials": OfficialRow,
}


def storage_error(exc: SQLAlchemyError) -> StorageError:
    """Translate a SQLAlchemy error into a one-line :class:`StorageError`."""
    if isinstance(exc, IntegrityError):
        return StorageError(f"the database refused the change: {reason(exc)}")
    return StorageError(f"database error: {reason(exc)}")


def flush(session: Session) -> None:
    """Flush pending changes now, so that a refused change surfaces at the call that made it.

    Raises:
        StorageError: the database refused the change; the enclosing transaction must roll back
            (:meth:`Store.session` does so when the error leaves its block).
    """
    try:
        session.flush()
    except SQLAlchemyError as exc:
        raise storage_error(exc) from exc


class Store:
    """The database of a workspace, behind one writer.

    Build it from an engine (:func:`gavah.store.engine.make_engine`) or a URL
    (:meth:`from_url`); call :meth:`upgrade` once before use.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._lock = threading.Lock()
        self._local = threading.local()

    @classmethod
    def from_url(cls, url: str) -> Store:
        """Open the database at ``url`` (see :func:`gavah.store.engine.make_engine`).

        Raises:
            StorageError: the URL is malformed or the database cannot be reached.
        """
        return cls(make_engine(url))

    @property
    def engine(self) -> Engine:
        """The underlying engine."""
        return self._engine

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    def upgrade(self) -> None:
        """Migrate the database to the newest schema.

        Raises:
            StorageError: a migration failed (and was rolled back).
        """
        migration.upgrade(self._engine)

    def verify_schema(self) -> None:
        """Check that the database is at the newest schema.

        Raises:
            StorageError: it is not, or it cannot be read.
        """
        migration.verify_current(self._engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write transaction: commit when the block ends, roll back everything if it raises.

        Write sessions must not be nested in one thread (the second would wait for the first).

        Raises:
            StorageError: the database refused a change or failed; nothing was written.
            RuntimeError: a write session is already open in this thread.
        """
        if getattr(self._local, "writing", False):
            raise RuntimeError("a write session is already open in this thread")
        with self._lock:
            self._local.writing = True
            try:
                session = Session(self._writer, expire_on_commit=False)
                try:
                    yield session
                    session.commit()
                except SQLAlchemyError as exc:
                    session.rollback()
                    raise storage_error(exc) from exc
                except BaseException:
                    session.rollback()
                    raise
                finally:
                    session.close()
            finally:
                self._local.writing = False

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session; anything written in it is rolled back at the end.

        Raises:
            StorageError: the database failed.
        """
        session = Session(self._engine, expire_on_commit=False)
        try:
            yield session
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc
        finally:
            session.rollback()
            session.close()

    def counts(self) -> dict[str, int]:
        """Rows per main table, e.g. ``{"sources": 3, "records": 15000, ...}``.

        Raises:
            StorageError: the database cannot be read.
        """
        with self.reader() as session:
            return {
                name: session.scalar(select(func.count()).select_from(row)) or 0
                for name, row in COUNTED_TABLES.items()
            }

    def dispose(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()
