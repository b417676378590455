"""Storage of Gavah: SQLAlchemy tables, repositories and Alembic migrations.

Owns the public surface of ``gavah.store``, re-exported here: :func:`make_engine` (SQLite or
PostgreSQL), the :class:`Store` (single writer, one transaction per :meth:`Store.session`), the
repositories that map rows to :mod:`gavah.model` types, and the migration functions. This package
is an adapter at the edge: it must not hold domain rules, and the domain must not import it.
"""

from __future__ import annotations

from gavah.store import schema_vault  # noqa: F401  (puts the vault and ledger tables on Base.metadata)
from gavah.store.claims import ClaimRepository
from gavah.store.engine import describe_url, make_engine, normalise_url
from gavah.store.evidence import EvidenceRepository
from gavah.store.incidents import IncidentRepository
from gavah.store.meta import MetaRepository
from gavah.store.migration import current_revision, head_revision, upgrade, verify_current
from gavah.store.perpetrators import OfficialRepository, UnitRepository
from gavah.store.persons import PersonRepository
from gavah.store.records import RecordRepository, UpsertCounts
from gavah.store.schema_register import ListImportRow as ListImportRow  # the register tables
from gavah.store.session import Store
from gavah.store.sources import ReportRepository, SourceRepository

__all__ = [
    "ClaimRepository",
    "EvidenceRepository",
    "IncidentRepository",
    "MetaRepository",
    "OfficialRepository",
    "PersonRepository",
    "RecordRepository",
    "ReportRepository",
    "SourceRepository",
    "Store",
    "UnitRepository",
    "UpsertCounts",
    "current_revision",
    "describe_url",
    "head_revision",
    "make_engine",
    "normalise_url",
    "upgrade",
    "verify_current",
]
