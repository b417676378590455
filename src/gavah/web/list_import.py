"""Importing a list file from the browser: the same import as ``gavah lists import``.

Owns :func:`import_list` (bytes of a CSV/XLSX file, a source name and an optional mapping TOML
checked against the browser's limits, then imported by :func:`gavah.services.lists.import_list`
as a job reporting progress) and :func:`imported_lists` (the list files imported so far, per
source). Re-importing the same bytes under the same source is a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gavah.errors import ParseError
from gavah.services import lists
from gavah.store import SourceRepository, Store
from gavah.store.register import ImportedVersion, ListImportRepository
from gavah.web.jobs import Progress
from gavah.web.notices import gettext_noop

__all__ = ["MAX_LIST_BYTES", "MAX_MAPPING_BYTES", "ImportedList", "import_list", "imported_lists"]

#: Largest list file taken from a browser (the CLI takes up to 1 GB from disk).
MAX_LIST_BYTES = 64 << 20
#: Largest mapping TOML.
MAX_MAPPING_BYTES = 1 << 20
_BATCH = 1_000
#: The import's step names (:data:`gavah.services.lists.IMPORT_STEPS`), marked for translation.
_STEPS = (
    gettext_noop("reading the file"),
    gettext_noop("checking the rows"),
    gettext_noop("importing rows"),
)


@dataclass(frozen=True, slots=True)
class ImportedList:
    """One imported list file, with the name of its source and its revision (1 = first)."""

    source: str
    revision: int
    version: ImportedVersion


def imported_lists(store: Store) -> list[ImportedList]:
    """Every imported list file, newest first."""
    with store.reader() as session:
        sources = SourceRepository(session).list()
        imports = ListImportRepository(session)
        found = [
            ImportedList(s.name, n, v)
            for s in sources
            for n, v in enumerate(imports.history(s.id), start=1)
        ]
    return sorted(found, key=lambda i: i.version.imported_at, reverse=True)


def import_list(
    store: Store,
    data: bytes,
    filename: str,
    *,
    source_name: str,
    mapping: bytes | None,
    progress: Progress,
    clock: Callable[[], dt.datetime],
) -> dict[str, Any]:
    """Import ``data`` (the list file ``filename``) under ``source_name``; return the summary.

    The summary is :func:`gavah.services.lists.import_list`'s.

    Raises:
        ParseError: the file or the mapping cannot be read, or no row can be imported.
        StorageError: the database refused the import (nothing is written).
    """
    source_name = source_name.strip()
    if not source_name:
        raise ParseError("name the source the list comes from")
    if len(data) > MAX_LIST_BYTES:
        raise ParseError(f"{filename}: the list is larger than {MAX_LIST_BYTES:,} bytes")
    if mapping and len(mapping) > MAX_MAPPING_BYTES:
        raise ParseError(f"the mapping file is larger than {MAX_MAPPING_BYTES:,} bytes")
    return lists.import_list(
        store,
        data,
        filename,
        source_name=source_name,
        mapping=lists.list_mapping(mapping or None),
        clock=clock,
        progress=progress,
        batch=_BATCH,
    )
