"""Estimating over the register, wired once: capture tables, the pooled table, a stored run.

Owns :func:`register_memberships` (who is on which source's list, by stratum, read from the
store), :func:`capture_tables` (one table over the chosen lists, or one per stratum),
:func:`pooled_table` (the strata added back into one table, for the figures) and
:class:`EstimateRun` / :func:`store_estimate` (a run stored with the SHA-256 of its inputs,
as ``gavah estimate list`` and the web's estimates page read it back). The statistics live in
:mod:`gavah.estimate`, imported inside the functions so that callers do not pay for numba and
SciPy until they estimate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gavah.store import EstimateRepository, RecordRepository, Store

if TYPE_CHECKING:
    from gavah.estimate import CaptureTable

__all__ = [
    "EstimateRun",
    "capture_tables",
    "pooled_table",
    "register_memberships",
    "store_estimate",
]

#: ``(person id, source name, stratum)``, one per linked record.
Membership = tuple[str, str, str | None]


def register_memberships(store: Store, strata: str | None) -> list[Membership]:
    """Every linked record as ``(person id, source, stratum of the field strata)``.

    Raises:
        StorageError: the database cannot be read, or ``strata`` is not a register field.
    """
    with store.reader() as session:
        return RecordRepository(session).memberships(strata)


def capture_tables(
    memberships: Sequence[Membership], lists: Sequence[str], strata: str | None
) -> CaptureTable | dict[str, CaptureTable]:
    """The capture histories over ``lists``: one table, or one per stratum when ``strata``."""
    from gavah.estimate import table_from_memberships, tables_by_stratum  # noqa: PLC0415

    kept = [m for m in memberships if m[1] in lists]
    if strata is None:
        return table_from_memberships(kept, lists)
    return tables_by_stratum(kept, lists)


def pooled_table(tables: CaptureTable | Mapping[str, CaptureTable]) -> CaptureTable:
    """``tables`` as one table: the strata's cells added up (a single table is itself)."""
    from gavah.estimate import CaptureTable  # noqa: PLC0415

    if isinstance(tables, CaptureTable):
        return tables
    counts: dict[int, int] = {}
    first = next(iter(tables.values()))
    for table in tables.values():
        for mask, count in table.cells:
            counts[mask] = counts.get(mask, 0) + count
    return CaptureTable.from_cells(first.lists, counts)


@dataclass(frozen=True, slots=True)
class EstimateRun:
    """What is stored of an estimate run: its result JSON, the canonical capture table it was
    made from and the SHA-256 of its inputs."""

    method: str
    input_sha256: str
    table_csv: str
    result: Mapping[str, Any]
    strata: str | None


def store_estimate(store: Store, run: EstimateRun, created: dt.datetime) -> int:
    """Store an estimate run made at ``created`` and return its id.

    Raises:
        StorageError: the database refused the row.
    """
    with store.session() as session:
        return EstimateRepository(session).add(
            created=created,
            method=run.method,
            input_sha256=run.input_sha256,
            table_csv=run.table_csv,
            result=run.result,
            strata=run.strata,
        )
