"""Storage of Gavah: SQLAlchemy tables, repositories and Alembic migrations.

Owns the public surface of ``gavah.store``, re-exported here: :func:`make_engine` (SQLite or
PostgreSQL), the :class:`Store` (single writer, one transaction per :meth:`Store.session`), the
repositories that map rows to :mod:`gavah.model` types, and the migration functions. This package
is an adapter at the edge: it must not hold domain rules, and the domain must not import it.
"""

from __future__ import annotations

# Importing the schema modules puts their tables on Base.metadata (one metadata for migrations).
from gavah.store import (  # noqa: F401
    schema_accountability,  # units over time, attributions
    schema_bundle,  # bundles, peers, acks, connectivity
    schema_claims,  # grading runs and claim grades
    schema_publication,  # publication decisions (memorial)
    schema_vault,  # vault and ledger tables
    schema_web,  # accounts, sessions, audit, search documents
)
from gavah.store.claims import ClaimRepository
from gavah.store.engine import describe_url, make_engine, normalise_url
from gavah.store.estimates import EstimateRepository, StoredEstimate  # also the estimates table
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
from gavah.store.timestamps import TimestampRepository  # also puts ledger_timestamps on Base

__all__ = [
    "ClaimRepository",
    "EstimateRepository",
    "EvidenceRepository",
    "IncidentRepository",
    "MetaRepository",
    "OfficialRepository",
    "PersonRepository",
    "RecordRepository",
    "ReportRepository",
    "SourceRepository",
    "Store",
    "StoredEstimate",
    "TimestampRepository",
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
