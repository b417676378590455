"""Name search over SQLite FTS5 or PostgreSQL full-text search, behind one interface.

Owns :func:`search_keys` (the tokens a name is indexed and queried by, from ``gavah.text``),
:class:`SearchDocument` and :class:`SearchHit`, the two backends (:class:`Fts5Backend`,
:class:`PostgresBackend`, one :class:`SearchBackend` protocol) and :class:`SearchRepository`,
which picks the backend from the session's dialect.

A name is cut into words; each word gives its consonant skeleton (``MHMD`` for ``Mohammad``,
``محمد`` and ``Mohamad``), its exact key and its Latin key. Adjacent words also give the
skeleton of the two written as one, so ``عبد الله`` is found by ``Abdollah``. A query matches a
document when every query word's skeleton is among the document's (in any order, so
``Hosseini, Mohammad`` works too); hits are then ordered by how many exact keys they share with
the query.

The full-text structures (the ``search_fts`` FTS5 table on SQLite, the
``search_documents_skeleton_gin`` index on PostgreSQL) are derived from ``search_documents`` by
:meth:`SearchRepository.ensure_index`: they can be dropped and rebuilt at any time, and no
migration owns them. Must not decide who may see what: callers pass ``public_only``.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session

from gavah.store.schema import RecordRow
from gavah.store.schema_web import SearchDocumentRow
from gavah.store.session import Store
from gavah.text import consonant_skeleton, name_key, persian_to_latin

__all__ = [
    "Fts5Backend",
    "PostgresBackend",
    "SearchBackend",
    "SearchDocument",
    "SearchHit",
    "SearchKeys",
    "SearchRepository",
    "index_records",
    "record_documents",
    "search_keys",
]

_WORD_SPLIT = re.compile(r"[\s,;:/()\[\]«»،؛]+")
_NOT_TOKEN = re.compile(r"[^0-9A-Za-z]")
_NOT_KEY = re.compile(r"[^\w]")
#: How many candidates per wanted hit the full-text stage hands to the re-ranking.
_CANDIDATES_PER_HIT = 4
#: Longest accepted query, in words (a search box, not a document).
MAX_QUERY_WORDS = 12
_BATCH = 2_000
#: Distinct words whose keys are kept (names repeat: a few thousand given and family names).
_WORD_CACHE = 200_000


@dataclass(frozen=True, slots=True)
class SearchKeys:
    """The tokens of a name: skeletons (matched) and exact keys (ranked)."""

    skeletons: tuple[str, ...]
    keys: tuple[str, ...]


def _words(text_: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(text_) if w][:MAX_QUERY_WORDS]


@functools.lru_cache(maxsize=_WORD_CACHE)
def _skeleton(word: str) -> str:
    return _NOT_TOKEN.sub("", consonant_skeleton(word)).upper()


@functools.lru_cache(maxsize=_WORD_CACHE)
def _word_keys(word: str) -> tuple[str, ...]:
    keys = (_NOT_KEY.sub("", name_key(word)), _NOT_KEY.sub("", name_key(persian_to_latin(word))))
    return tuple(dict.fromkeys(k for k in keys if k))


def search_keys(name: str, *, joined: bool = True) -> SearchKeys:
    """Return the search tokens of ``name`` (``joined`` adds adjacent words' joint skeletons).

    Pure (per-word results are cached, since names repeat): ``search_keys("محمد حسيني")``
    has ``skeletons == ("MHMD", "HSN", "MHMDHSN")``.
    """
    words = _words(name)
    tokens = [_skeleton(w) for w in words]
    if joined:
        tokens += [_skeleton(a + b) for a, b in itertools.pairwise(words)]
    keys = [key for word in words for key in _word_keys(word)]
    return SearchKeys(tuple(dict.fromkeys(t for t in tokens if t)), tuple(dict.fromkeys(keys)))


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One thing to find: ``kind`` (person, record, incident, source, evidence) and ``ref``."""

    kind: str
    ref: str
    title: str
    public: bool = False
    province: str | None = None
    day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A found document."""

    kind: str
    ref: str
    title: str
    public: bool
    province: str | None
    day: dt.date | None


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Narrowing of a search: who may see (``public_only``), kind, province, date range."""

    public_only: bool = True
    kinds: tuple[str, ...] = ()
    province: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class SearchBackend(Protocol):
    """What a database must do for search: keep its index, and match skeleton tokens."""

    def ensure(self, session: Session) -> None:
        """Create the derived full-text structures if missing (and fill them)."""

    def indexed(self, session: Session, rows: Sequence[tuple[int, str]]) -> None:
        """Index rows just inserted, given as (pk, skeleton)."""

    def removed(self, session: Session, pks: Sequence[int]) -> None:
        """Forget rows about to be deleted."""

    def matching(
        self, query: Select[SearchDocumentRow], tokens: Sequence[str]
    ) -> Select[SearchDocumentRow]:
        """Restrict ``query`` to documents holding every token, best first."""


class Fts5Backend:
    """SQLite: an FTS5 table ``search_fts`` whose rowid is ``search_documents.pk``."""

    def ensure(self, session: Session) -> None:
        """Create ``search_fts`` and fill it from ``search_documents`` when it is new."""
        exists = session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'")
        ).first()
        if exists:
            return
        session.execute(
            text(
                "CREATE VIRTUAL TABLE search_fts USING fts5("
                "skeleton, tokenize = 'unicode61 remove_diacritics 0')"
            )
        )
        session.execute(
            text(
                "INSERT INTO search_fts (rowid, skeleton) SELECT pk, skeleton FROM search_documents"
            )
        )

    def indexed(self, session: Session, rows: Sequence[tuple[int, str]]) -> None:
        """Add the rows' skeletons to ``search_fts``."""
        if rows:
            session.execute(
                text("INSERT INTO search_fts (rowid, skeleton) VALUES (:pk, :skeleton)"),
                [{"pk": pk, "skeleton": skeleton} for pk, skeleton in rows],
            )

    def removed(self, session: Session, pks: Sequence[int]) -> None:
        """Drop the rows from ``search_fts``."""
        if pks:
            session.execute(
                text("DELETE FROM search_fts WHERE rowid = :pk"), [{"pk": pk} for pk in pks]
            )

    def matching(
        self, query: Select[SearchDocumentRow], tokens: Sequence[str]
    ) -> Select[SearchDocumentRow]:
        """Join ``search_fts`` on ``MATCH`` of every token (quoted, so no FTS5 syntax leaks)."""
        expression = " AND ".join(f'"{t}"' for t in tokens)
        fts = text(
            "SELECT rowid AS pk, rank AS rank FROM search_fts WHERE search_fts MATCH :expression"
        ).bindparams(expression=expression)
        hits = fts.columns(pk=SearchDocumentRow.pk.type, rank=Float()).subquery("hits")
        return query.join(hits, hits.c.pk == SearchDocumentRow.pk).order_by(hits.c.rank)


class PostgresBackend:
    """PostgreSQL: a GIN index on ``to_tsvector('simple', skeleton)``."""

    _CONFIG: ColumnElement[str] = literal_column("'simple'::regconfig")
    _INDEX = (
        "CREATE INDEX IF NOT EXISTS search_documents_skeleton_gin ON search_documents "
        "USING gin (to_tsvector('simple'::regconfig, skeleton))"
    )

    def ensure(self, session: Session) -> None:
        """Create the GIN index if it is missing."""
        session.execute(text(self._INDEX))

    def indexed(self, session: Session, rows: Sequence[tuple[int, str]]) -> None:
        """Nothing: PostgreSQL keeps its index itself."""

    def removed(self, session: Session, pks: Sequence[int]) -> None:
        """Nothing: PostgreSQL keeps its index itself."""

    def matching(
        self, query: Select[SearchDocumentRow], tokens: Sequence[str]
    ) -> Select[SearchDocumentRow]:
        """Filter on the tsvector holding every token (``plainto_tsquery`` quotes them)."""
        vector = func.to_tsvector(self._CONFIG, SearchDocumentRow.skeleton)
        wanted = func.plainto_tsquery(self._CONFIG, " ".join(tokens))
        return query.where(vector.bool_op("@@")(wanted)).order_by(
            func.ts_rank(vector, wanted).desc()
        )


def backend_for(dialect: str) -> SearchBackend:
    """The backend of a SQLAlchemy dialect name."""
    return PostgresBackend() if dialect == "postgresql" else Fts5Backend()


class SearchRepository:
    """Search documents: put, remove, find. Writes belong in :meth:`gavah.store.Store.session`."""

    def __init__(self, session: Session) -> None:
        self._session = session
        bind = session.get_bind()
        self._backend = backend_for(bind.dialect.name)

    def ensure_index(self) -> None:
        """Build the derived full-text index if it is missing (idempotent)."""
        self._backend.ensure(self._session)

    def put(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by kind and ref); return how many were written."""
        self.ensure_index()
        written = 0
        batch: list[SearchDocument] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= _BATCH:
                written += self._put_batch(batch)
                batch = []
        return written + self._put_batch(batch)

    def _put_batch(self, documents: Sequence[SearchDocument]) -> int:
        if not documents:
            return 0
        unique = {(d.kind, d.ref): d for d in documents}
        for kind in {k for k, _ in unique}:
            refs = [r for k, r in unique if k == kind]
            old = list(
                self._session.scalars(
                    select(SearchDocumentRow.pk).where(
                        SearchDocumentRow.kind == kind, SearchDocumentRow.ref.in_(refs)
                    )
                )
            )
            self._backend.removed(self._session, old)
            if old:
                self._session.execute(
                    delete(SearchDocumentRow).where(SearchDocumentRow.pk.in_(old))
                )
        rows = []
        for d in unique.values():
            keys = search_keys(d.title)
            rows.append(
                {
                    "kind": d.kind,
                    "ref": d.ref,
                    "title": d.title,
                    "skeleton": " ".join(keys.skeletons),
                    "keys": " ".join(keys.keys),
                    "public": d.public,
                    "province": d.province,
                    "day": d.day,
                }
            )
        inserted = self._session.execute(
            insert(SearchDocumentRow).returning(SearchDocumentRow.pk, SearchDocumentRow.skeleton),
            rows,
        )
        self._backend.indexed(self._session, [(pk, skeleton) for pk, skeleton in inserted])
        return len(rows)

    def find(self, query: str, where: SearchFilter, *, limit: int = 20) -> list[SearchHit]:
        """Documents whose name matches ``query`` under ``where``, best first.

        An empty query (or one with no letters) finds nothing.
        """
        wanted = search_keys(query, joined=False)
        if not wanted.skeletons or limit <= 0:
            return []
        statement = select(SearchDocumentRow)
        if where.public_only:
            statement = statement.where(SearchDocumentRow.public.is_(True))
        if where.kinds:
            statement = statement.where(SearchDocumentRow.kind.in_(where.kinds))
        if where.province:
            statement = statement.where(SearchDocumentRow.province == where.province)
        if where.since:
            statement = statement.where(SearchDocumentRow.day >= where.since)
        if where.until:
            statement = statement.where(SearchDocumentRow.day <= where.until)
        statement = self._backend.matching(statement, wanted.skeletons)
        rows = list(self._session.scalars(statement.limit(limit * _CANDIDATES_PER_HIT)))
        wanted_keys = set(wanted.keys)

        def shared(row: SearchDocumentRow) -> int:
            return len(wanted_keys.intersection(row.keys.split()))

        ranked = sorted(enumerate(rows), key=lambda pair: (-shared(pair[1]), pair[0]))
        return [
            SearchHit(r.kind, r.ref, r.title, r.public, r.province, r.day)
            for _, r in ranked[:limit]
        ]

    def count(self) -> int:
        """How many documents are indexed."""
        return self._session.scalar(select(func.count()).select_from(SearchDocumentRow)) or 0


def record_documents(session: Session) -> Iterable[SearchDocument]:
    """One private search document per list record that has a name (``ref`` = source/record)."""
    rows = session.execute(
        select(
            RecordRow.source_id,
            RecordRow.record_id,
            RecordRow.full_name,
            RecordRow.given_name,
            RecordRow.family_name,
            RecordRow.province,
            RecordRow.event_date,
        ).execution_options(yield_per=_BATCH)
    )
    for source_id, record_id, full, given, family, province, day in rows:
        title = full or " ".join(p for p in (given, family) if p)
        if title:
            yield SearchDocument(
                kind="record",
                ref=f"{source_id}/{record_id}",
                title=title,
                province=province,
                day=day,
            )


def index_records(store: Store) -> int:
    """(Re)index every named list record as a private document; return how many.

    Raises:
        StorageError: the database failed; nothing was written.
    """
    with store.reader() as session:
        documents = list(record_documents(session))
    with store.session() as session:
        return SearchRepository(session).put(documents)
