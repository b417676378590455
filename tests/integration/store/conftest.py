"""Fixtures of the storage suite; the database fixtures are in ``tests/conftest.py``."""

from __future__ import annotations

import pytest

from gavah.model import Source
from gavah.store import SourceRepository, Store
from tests.integration.store.factories import make_source


@pytest.fixture
def source(store: Store) -> Source:
    """A stored source."""
    made = make_source()
    with store.session() as session:
        SourceRepository(session).add(made)
    return made
