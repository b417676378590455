"""Storage fixtures shared by the whole suite: one database per test, on SQLite and PostgreSQL.

``store_url`` is parametrised over the backends, so a test that asks for it (or for ``engine`` or
``store``) runs once on a fresh SQLite file and once on a clean PostgreSQL schema (marked
``postgres``). PostgreSQL comes from ``GAVAH_TEST_DATABASE_URL`` (a throwaway database the
Makefile creates); when that is unset, a database with a random name is created on the local
server (``postgresql://postgres@127.0.0.1:5432``) and dropped at the end of the session. With no
server: the PostgreSQL cases fail when ``GAVAH_REQUIRE_POSTGRES=1`` (``make test``, CI), and are
skipped with the reason otherwise. Other fixtures belong in each test folder's own conftest.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError

from gavah.errors import StorageError
from gavah.store import Store, make_engine, normalise_url, upgrade
from gavah.store.engine import reason

#: The local server tried when ``GAVAH_TEST_DATABASE_URL`` is unset (trust auth).
DEFAULT_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _unavailable(message: str) -> None:
    if os.environ.get("GAVAH_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (GAVAH_REQUIRE_POSTGRES=1): {message}")
    pytest.skip(f"PostgreSQL not available: {message}")


def _admin_engine(url: str) -> Engine:
    return create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of an empty PostgreSQL database for this test session (fails or skips without one)."""
    given = os.environ.get("GAVAH_TEST_DATABASE_URL")
    if given:
        try:
            make_engine(given).dispose()
        except StorageError as exc:
            _unavailable(f"GAVAH_TEST_DATABASE_URL: {exc}")
        yield given
        return
    name = f"gavah_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(DEFAULT_POSTGRES_ADMIN_URL)
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except SQLAlchemyError as exc:
        admin.dispose()
        _unavailable(f"cannot create a database on {DEFAULT_POSTGRES_ADMIN_URL}: {reason(exc)}")
    url = normalise_url(DEFAULT_POSTGRES_ADMIN_URL).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _reset_postgres_schema(url: str) -> None:
    engine = _admin_engine(url)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database: a new SQLite file, or PostgreSQL with a fresh schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gavah.db'}"
    url: str = request.getfixturevalue("postgres_url")
    _reset_postgres_schema(url)
    return url


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """An engine on the empty database of ``store_url`` (not migrated)."""
    made = make_engine(store_url)
    try:
        yield made
    finally:
        made.dispose()


@pytest.fixture
def store(engine: Engine) -> Store:
    """A :class:`Store` on a database migrated to head by the shipped migrations."""
    upgrade(engine)
    return Store(engine)
