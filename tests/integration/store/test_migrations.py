"""Migrations: they reach head on every backend and build exactly the ORM's schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

import gavah.store.migrations
from gavah.errors import StorageError
from gavah.store import current_revision, head_revision, upgrade, verify_current
from gavah.store.migration import alembic_config
from gavah.store.schema import Base


def test_a_fresh_database_has_no_revision_and_fails_verification(engine: Engine) -> None:
    assert current_revision(engine) is None
    with pytest.raises(StorageError, match="no schema"):
        verify_current(engine)


def test_upgrade_reaches_head_and_is_idempotent(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    verify_current(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_the_migrated_schema_has_every_table_of_the_metadata(engine: Engine) -> None:
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert tables - set(Base.metadata.tables) == {"alembic_version"}


def test_the_migrated_schema_matches_the_orm_metadata(engine: Engine) -> None:
    """Autogenerate finds nothing to do: no table, column, index or key was forgotten."""
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_constraints_carry_the_naming_convention(engine: Engine) -> None:
    upgrade(engine)
    inspector = inspect(engine)
    uniques = {c["name"] for c in inspector.get_unique_constraints("records")}
    assert "uq_records_source_id_record_id" in uniques
    foreign = {c["name"] for c in inspector.get_foreign_keys("records")}
    assert foreign == {"fk_records_source_id_sources", "fk_records_person_id_persons"}


def test_downgrade_to_base_and_back_up(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_revisions_form_one_numbered_chain_ending_at_the_head() -> None:
    """Each migration file NNNN_*.py has revision NNNN and comes after NNNN-1: no branches."""
    versions = Path(gavah.store.migrations.__file__).parent / "versions"
    numbers = sorted(int(p.name[:4]) for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert numbers == list(range(1, len(numbers) + 1))
    for path in versions.glob("[0-9][0-9][0-9][0-9]_*.py"):
        text = path.read_text(encoding="utf-8")
        number = int(path.name[:4])
        assert f'revision: str = "{number:04d}"' in text, path.name
        previous = f'"{number - 1:04d}"' if number > 1 else "None"
        assert f"down_revision: str | None = {previous}" in text, path.name
    assert head_revision() == f"{numbers[-1]:04d}"
