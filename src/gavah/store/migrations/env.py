"""Alembic environment: runs the migrations on the connection handed in by ``gavah.store``.

Owns only the glue between Alembic and :mod:`gavah.store.migration`; it reads no ``alembic.ini``,
no environment variable and no logging configuration. Offline (SQL script) mode is not supported:
Gavah migrates live databases only.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from gavah.errors import StorageError
from gavah.store.schema import Base

#: Derived full-text index objects rebuilt by ``SearchRepository.ensure_index()`` at start-up; they
#: are not in the metadata, and autogenerate must not propose dropping them.
_DERIVED_PREFIXES = ("search_fts", "search_documents_skeleton_gin")


def _include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object | None
) -> bool:
    del obj, type_
    return not (reflected and compare_to is None and (name or "").startswith(_DERIVED_PREFIXES))


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=sqlite,
        compare_type=True,
        include_object=_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                table = broken[0][0]
                raise StorageError(
                    f"migration would leave {len(broken)} broken foreign keys (first in {table})"
                )


if context.is_offline_mode():
    raise StorageError("offline migrations are not supported; migrate a live database")

_connection = context.config.attributes.get("connection")
if not isinstance(_connection, Connection):
    raise StorageError("gavah.store.migration must hand env.py a connection")
_run(_connection)
