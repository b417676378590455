"""Importing a list of persons into the register, as ``gavah lists import`` and the web do it.

Owns :func:`list_mapping` (a mapping TOML's bytes into a :class:`gavah.register.ListMapping`)
and :func:`import_list` (a list file's bytes planned by :mod:`gavah.register` and written
through the store in one transaction, so a failure leaves nothing half-written; the summary
both adapters show). Re-importing the same bytes under the same source is a no-op; a changed
file adds and updates records, keeping earlier versions (``RecordRepository.upsert_many``).
Reading files, size limits and showing the result stay in the adapters.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from gavah.errors import ParseError
from gavah.model import Record, Source, SourceKind
from gavah.model.ids import ulid_ids
from gavah.register import ListMapping, file_digest, parse_mapping, plan_import, read_table
from gavah.services.progress import QUIET, StepProgress
from gavah.store import RecordRepository, SourceRepository, Store
from gavah.store.register import ImportedVersion, ListImportRepository
from gavah.vocab import load_gazetteer

__all__ = ["IMPORT_STEPS", "import_list", "list_mapping"]

#: The steps :func:`import_list` reports, in order (English; the web translates them).
IMPORT_STEPS = ("reading the file", "checking the rows", "importing rows")


def list_mapping(data: bytes | None, *, shown_as: str | None = None) -> ListMapping:
    """The mapping in the TOML ``data``, or the default mapping when there is none.

    Raises:
        ParseError: the mapping is not UTF-8 or not a valid mapping (``shown_as`` names it).
    """
    if data is None:
        return ListMapping()
    try:
        return parse_mapping(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        where = f"{shown_as}: " if shown_as else ""
        raise ParseError(f"{where}the mapping file is not UTF-8") from err


def import_list(
    store: Store,
    data: bytes,
    filename: str,
    *,
    source_name: str,
    mapping: ListMapping,
    clock: Callable[[], dt.datetime],
    progress: StepProgress = QUIET,
    batch: int = 1_000,
    shown_as: str | None = None,
) -> dict[str, Any]:
    """Import ``data`` (the list file ``filename``) under ``source_name``; return the summary.

    The source is created on first use. ``shown_as`` (default ``filename``) names the file in
    the summary and in errors; rows are written ``batch`` at a time. The summary holds
    ``file``, ``source``, ``already_imported``, and after an import ``rows``, ``added``,
    ``updated``, ``unchanged``, ``refused`` (``[{line, reason}]``) and ``warnings``.

    Raises:
        ParseError: the file cannot be read, or no row can be imported.
        StorageError: the database refused the import (nothing is written).
    """
    shown = filename if shown_as is None else shown_as
    progress.step(IMPORT_STEPS[0])
    digest = file_digest(data)
    with store.reader() as session:
        existing = SourceRepository(session).get_by_name(source_name)
        previous = (
            None if existing is None else ListImportRepository(session).find(existing.id, digest)
        )
    summary: dict[str, Any] = {"file": shown, "source": source_name, "already_imported": False}
    if previous is not None:
        return {**summary, "already_imported": True}
    source_id = existing.id if existing else ulid_ids(clock, random.SystemRandom())()
    table = read_table(data, filename)
    progress.step(IMPORT_STEPS[1])
    plan = plan_import(source_id, table, mapping, load_gazetteer())
    if not plan.records:
        reasons = "; ".join(f"line {p.line}: {p.reason}" for p in plan.refused[:3])
        raise ParseError(f"{shown}: no row could be imported ({reasons or 'no rows'})")
    version = ImportedVersion(
        source_id=source_id,
        sha256=digest,
        filename=filename,
        imported_at=clock(),
        rows=len(table.rows) + len(table.problems),
        added=0,
        updated=0,
        unchanged=0,
        refused=len(plan.refused),
    )
    done = _write(
        store,
        source_name,
        records=list(plan.records),
        version=version,
        is_new=existing is None,
        progress=progress,
        batch=batch,
    )
    return {
        **summary,
        "rows": done.rows,
        "added": done.added,
        "updated": done.updated,
        "unchanged": done.unchanged,
        "refused": [{"line": p.line, "reason": p.reason} for p in plan.refused],
        "warnings": len(plan.warnings),
    }


def _write(
    store: Store,
    source_name: str,
    *,
    records: list[Record],
    version: ImportedVersion,
    is_new: bool,
    progress: StepProgress,
    batch: int,
) -> ImportedVersion:
    progress.step(IMPORT_STEPS[2], total=len(records))
    with store.session() as session:
        if is_new:
            SourceRepository(session).add(
                Source(id=version.source_id, name=source_name, kind=SourceKind.LIST)
            )
        repo = RecordRepository(session)
        added = updated = unchanged = 0
        for start in range(0, len(records), batch):
            rows = records[start : start + batch]
            counts = repo.upsert_many(rows)
            added += counts.added
            updated += counts.updated
            unchanged += counts.unchanged
            progress.advance(len(rows))
        done = ImportedVersion(
            source_id=version.source_id,
            sha256=version.sha256,
            filename=version.filename,
            imported_at=version.imported_at,
            rows=version.rows,
            added=added,
            updated=updated,
            unchanged=unchanged,
            refused=version.refused,
        )
        ListImportRepository(session).add(done)
    return done
