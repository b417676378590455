"""Engines: URL normalisation, one-line errors without passwords, SQLite pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from gavah.errors import StorageError
from gavah.store import describe_url, make_engine, normalise_url


@pytest.mark.parametrize(
    ("given", "driver", "database"),
    [
        ("postgresql://postgres@127.0.0.1:5432/db", "postgresql+psycopg", "db"),
        ("postgres://postgres@127.0.0.1/db", "postgresql+psycopg", "db"),
        ("postgresql+psycopg://postgres@127.0.0.1/db", "postgresql+psycopg", "db"),
        ("sqlite:///some/where/gavah.db", "sqlite+pysqlite", "some/where/gavah.db"),
        ("sqlite:////abs/gavah.db", "sqlite+pysqlite", "/abs/gavah.db"),
        ("sqlite+pysqlite:///gavah.db", "sqlite+pysqlite", "gavah.db"),
    ],
)
def test_urls_are_normalised_to_the_supported_drivers(
    given: str, driver: str, database: str
) -> None:
    url = normalise_url(given)
    assert url.drivername == driver
    assert url.database == database


@pytest.mark.parametrize(
    "bad", ["", "not a url", "://nothing", "mysql://u@h/db", "oracle+cx://u@h/db"]
)
def test_malformed_or_unsupported_urls_raise_a_one_line_storage_error(bad: str) -> None:
    with pytest.raises(StorageError) as caught:
        make_engine(bad)
    assert "\n" not in str(caught.value)
    assert "sqlite:///PATH" in str(caught.value)


def test_passwords_are_masked_in_descriptions() -> None:
    shown = describe_url("postgresql://gavah:hunter2@db.example/gavah")
    assert "hunter2" not in shown
    assert shown.startswith("postgresql+psycopg://gavah:***@db.example")


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(StorageError) as caught:
        make_engine("postgresql://gavah:s3cret-pw@127.0.0.1:1/gavah")
    message = str(caught.value)
    assert message.startswith("cannot reach the database postgresql+psycopg://gavah:***@")
    assert "s3cret-pw" not in message
    assert "\n" not in message


def test_a_sqlite_file_in_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is missing"):
        make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'gavah.db'}")


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'gavah.db'}")
    try:
        with engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() == 10_000
            connection.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            connection.commit()
        assert (tmp_path / "gavah.db-wal").exists()  # writes go to the write-ahead log
    finally:
        engine.dispose()


def test_the_engine_reaches_each_backend(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT 1 + 1").scalar() == 2
    assert engine.dialect.name in {"sqlite", "postgresql"}
    if engine.dialect.name == "postgresql":
        assert engine.dialect.driver == "psycopg"
