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

Facets (a person's status and grade) are indexed as extra tokens of the same full-text column
(:func:`facet_token`, e.g. ``XFACETSTATUSKILLED``): a consonant skeleton never holds an inner
vowel, so no name can produce one, and a filter costs the backends one more term of the match
rather than a join. Kind, province and day are columns.

What is indexed comes from :func:`workspace_documents`: persons (the linked clusters, with every
spelling of their records' names, in both scripts), incidents, sources and evidence items. Who
may see a document is decided by the caller, through the ``public`` flag given at indexing time
(:data:`PublicPolicy`, default :func:`nobody_published`) and ``SearchFilter.public_only`` at
query time; sources and evidence are never public (source identities are restricted).

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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import (
    ColumnElement,
    Select,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session

from gavah.store.schema import EvidenceRow, IncidentRow, PersonRow, RecordRow, SourceRow
from gavah.store.schema_web import SearchDocumentRow
from gavah.store.session import Store
from gavah.text import consonant_skeleton, name_key, persian_to_latin

__all__ = [
    "GRADES",
    "KINDS",
    "STATUSES",
    "Fts5Backend",
    "PostgresBackend",
    "PublicPolicy",
    "SearchBackend",
    "SearchDocument",
    "SearchFilter",
    "SearchHit",
    "SearchKeys",
    "SearchRepository",
    "facet_token",
    "index_records",
    "index_workspace",
    "nobody_published",
    "record_documents",
    "search_keys",
    "workspace_documents",
]

#: What a search can find (``record`` is a single list row, indexed by :func:`index_records`).
KINDS = ("person", "incident", "source", "evidence", "record")
#: A person's status, as the register keeps it (``gavah.model.PersonStatus``).
STATUSES = ("killed", "injured", "detained", "disappeared", "sentenced", "executed", "released")
#: The grades a person's documentation can earn (``gavah.verify.policy.Grade``).
GRADES = ("confirmed", "fair", "weak", "contested", "discounted")
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
#: Decides whether a person (by id) is approved for publication.
PublicPolicy = Callable[[str], bool]

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
_FACET_PREFIX = "XFACET"


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


def facet_token(field: str, value: str) -> str:
    """The full-text token of a facet value: ``facet_token("status", "killed")``.

    Pure. Inner vowels make it impossible as a name's skeleton: ``XFACETSTATUSKILLED``.
    """
    return _NOT_TOKEN.sub("", f"{_FACET_PREFIX}{field}{value}").upper()


def _facet_value(tokens: Iterable[str], field: str) -> str | None:
    prefix = facet_token(field, "")
    for token in tokens:
        if token.startswith(prefix):
            return token.removeprefix(prefix).lower()
    return None


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One thing to find: ``kind`` (see :data:`KINDS`) and ``ref``.

    ``title`` is shown and indexed; ``names`` are further spellings, indexed but not shown.
    """

    kind: str
    ref: str
    title: str
    public: bool = False
    province: str | None = None
    day: dt.date | None = None
    names: tuple[str, ...] = ()
    status: str | None = None
    grade: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A found document."""

    kind: str
    ref: str
    title: str
    public: bool
    province: str | None
    day: dt.date | None
    status: str | None = None
    grade: str | None = None


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Narrowing of a search: who may see (``public_only``), kinds, province, date range,
    statuses and grades (several values of one field: any of them)."""

    public_only: bool = True
    kinds: tuple[str, ...] = ()
    province: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()

    def facets(self) -> tuple[tuple[str, ...], ...]:
        """The facet token groups a document must match (one token of each group)."""
        groups = [
            tuple(facet_token("status", s) for s in self.statuses),
            tuple(facet_token("grade", g) for g in self.grades),
        ]
        return tuple(g for g in groups if g)


class SearchBackend(Protocol):
    """What a database must do for search: keep its index, and match skeleton tokens."""

    def ensure(self, session: Session) -> None:
        """Create the derived full-text structures if missing (and fill them)."""

    def indexed(self, session: Session, rows: Sequence[tuple[int, str]]) -> None:
        """Index rows just inserted, given as (pk, skeleton)."""

    def removed(self, session: Session, pks: Sequence[int]) -> None:
        """Forget rows about to be deleted."""

    def matching(
        self,
        query: Select[SearchDocumentRow],
        tokens: Sequence[str],
        facets: Sequence[Sequence[str]] = (),
    ) -> Select[SearchDocumentRow]:
        """Restrict ``query`` to documents holding every token and one token of each facet."""


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
        self,
        query: Select[SearchDocumentRow],
        tokens: Sequence[str],
        facets: Sequence[Sequence[str]] = (),
    ) -> Select[SearchDocumentRow]:
        """Join ``search_fts`` on ``MATCH`` of every token (quoted, so no FTS5 syntax leaks).

        No ``ORDER BY rank``: BM25 over every match of a common name costs more than the whole
        query; :meth:`SearchRepository.find` ranks the candidates by shared exact keys.
        """
        terms = [f'"{t}"' for t in tokens]
        terms += ["(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in facets]
        fts = text("SELECT rowid AS pk FROM search_fts WHERE search_fts MATCH :expression")
        hits = (
            fts.bindparams(expression=" AND ".join(terms))
            .columns(pk=SearchDocumentRow.pk.type)
            .subquery("hits")
        )
        return query.join(hits, hits.c.pk == SearchDocumentRow.pk)


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
        self,
        query: Select[SearchDocumentRow],
        tokens: Sequence[str],
        facets: Sequence[Sequence[str]] = (),
    ) -> Select[SearchDocumentRow]:
        """Filter on the tsvector holding every token (tokens are ``[0-9A-Z]`` only).

        No ``ts_rank``: it recomputes every matching row's vector; :meth:`SearchRepository.find`
        ranks the candidates by shared exact keys.
        """
        vector = func.to_tsvector(self._CONFIG, SearchDocumentRow.skeleton)
        terms = [t.lower() for t in tokens]
        terms += ["(" + " | ".join(t.lower() for t in group) + ")" for group in facets]
        wanted = func.to_tsquery(self._CONFIG, " & ".join(terms))
        return query.where(vector.bool_op("@@")(wanted))


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
            skeletons, keys = _document_tokens(d)
            rows.append(
                {
                    "kind": d.kind,
                    "ref": d.ref,
                    "title": d.title,
                    "skeleton": " ".join(skeletons),
                    "keys": " ".join(keys),
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
        facets = where.facets()
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
        statement = self._backend.matching(statement, wanted.skeletons, facets)
        rows = list(self._session.scalars(statement.limit(limit * _CANDIDATES_PER_HIT)))
        wanted_keys = set(wanted.keys)

        def order(row: SearchDocumentRow) -> tuple[int, int, int, int]:
            keys = row.keys.split()
            # More shared exact keys first, persons before the rest, then the tighter match.
            shared = len(wanted_keys.intersection(keys))
            return (-shared, _KIND_ORDER.get(row.kind, len(KINDS)), len(keys), row.pk)

        return [_hit(r) for r in sorted(rows, key=order)[:limit]]

    def clear(self, *, kinds: Sequence[str]) -> int:
        """Remove every document of ``kinds``; return how many."""
        self.ensure_index()
        pks = list(
            self._session.scalars(
                select(SearchDocumentRow.pk).where(SearchDocumentRow.kind.in_(kinds))
            )
        )
        for start in range(0, len(pks), _BATCH):
            batch = pks[start : start + _BATCH]
            self._backend.removed(self._session, batch)
            self._session.execute(delete(SearchDocumentRow).where(SearchDocumentRow.pk.in_(batch)))
        return len(pks)

    def count(self) -> int:
        """How many documents are indexed."""
        return self._session.scalar(select(func.count()).select_from(SearchDocumentRow)) or 0


def _document_tokens(document: SearchDocument) -> tuple[list[str], list[str]]:
    skeletons: list[str] = []
    keys: list[str] = []
    for name in dict.fromkeys((document.title, *document.names)):
        found = search_keys(name)
        skeletons.extend(found.skeletons)
        keys.extend(found.keys)
    if document.status:
        skeletons.append(facet_token("status", document.status))
    if document.grade:
        skeletons.append(facet_token("grade", document.grade))
    return list(dict.fromkeys(skeletons)), list(dict.fromkeys(keys))


def _hit(row: SearchDocumentRow) -> SearchHit:
    tokens = row.skeleton.split()
    return SearchHit(
        row.kind,
        row.ref,
        row.title,
        row.public,
        row.province,
        row.day,
        status=_facet_value(tokens, "status"),
        grade=_facet_value(tokens, "grade"),
    )


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


def nobody_published(person_id: str) -> bool:
    """The default :data:`PublicPolicy`: no person is public until approved for publication.

    The hook for publication approval: pass its decision to :func:`index_workspace`.
    """
    del person_id
    return False


def _person_names(person: PersonRow | None, names: Iterable[str]) -> tuple[str, list[str]]:
    spellings = list(dict.fromkeys(n for n in names if n))
    shown = [n for n in (person.name_fa, person.name_latin) if n] if person else []
    title = " / ".join(dict.fromkeys(shown)) or (spellings[0] if spellings else "")
    return title, spellings


def person_documents(
    session: Session,
    *,
    is_public: PublicPolicy = nobody_published,
    grades: Mapping[str, str] | None = None,
) -> Iterator[SearchDocument]:
    """One document per linked person: shown as its names in both scripts, indexed by every
    spelling of its records' names, with the first dated record's province and day."""
    persons = {p.id: p for p in session.scalars(select(PersonRow))}
    rows = session.execute(
        select(
            RecordRow.person_id,
            RecordRow.full_name,
            RecordRow.given_name,
            RecordRow.family_name,
            RecordRow.province,
            RecordRow.event_date,
        )
        .where(RecordRow.person_id.is_not(None))
        .order_by(RecordRow.person_id, RecordRow.pk)
        .execution_options(yield_per=_BATCH)
    )
    for person_id, group in itertools.groupby(rows, key=lambda r: str(r[0])):
        members = list(group)
        names = [m[1] or " ".join(p for p in (m[2], m[3]) if p) for m in members]
        person = persons.get(person_id)
        title, spellings = _person_names(person, names)
        if not title:
            continue
        dated = [m for m in members if m[5] is not None]
        first = dated[0] if dated else members[0]
        yield SearchDocument(
            kind="person",
            ref=person_id,
            title=title,
            public=is_public(person_id),
            province=first[4],
            day=first[5],
            names=tuple(spellings),
            status=person.status if person else None,
            grade=(grades or {}).get(person_id),
        )


def other_documents(session: Session) -> Iterator[SearchDocument]:
    """Incidents (public, as their pages are), sources and evidence items (never public)."""
    for incident in session.scalars(select(IncidentRow)):
        yield SearchDocument(
            kind="incident",
            ref=incident.id,
            title=incident.place_name,
            public=True,
            province=incident.province,
            day=incident.start_date,
        )
    for source in session.scalars(select(SourceRow)):
        yield SearchDocument(kind="source", ref=source.id, title=source.name)
    for item in session.scalars(select(EvidenceRow)):
        title = " ".join(p for p in (item.original_filename, item.case_label) if p)
        yield SearchDocument(kind="evidence", ref=item.id, title=title, day=item.received_at.date())


def workspace_documents(
    session: Session,
    *,
    is_public: PublicPolicy = nobody_published,
    grades: Mapping[str, str] | None = None,
) -> Iterator[SearchDocument]:
    """Every person, incident, source and evidence item as a search document."""
    yield from person_documents(session, is_public=is_public, grades=grades)
    yield from other_documents(session)


def index_workspace(
    store: Store,
    *,
    is_public: PublicPolicy = nobody_published,
    grades: Mapping[str, str] | None = None,
) -> int:
    """Replace the index with :func:`workspace_documents`; return how many were indexed.

    Persons are public when ``is_public`` says so; ``grades`` maps person id to its grade.

    Raises:
        StorageError: the database failed; the old index is kept.
    """
    with store.reader() as session:
        documents = list(workspace_documents(session, is_public=is_public, grades=grades))
    with store.session() as session:
        repository = SearchRepository(session)
        repository.clear(kinds=("person", "incident", "source", "evidence"))
        return repository.put(documents)
