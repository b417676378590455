"""Linking and reviewing from the browser: the same work as ``gavah link`` and ``gavah review``.

Owns :func:`relink` (:func:`gavah.services.linking.link_register` with the default options,
as ``gavah link`` runs it without the export, reporting the job's progress),
:func:`open_pairs` (the queue of the last link less the pairs decided since, with the
decisions), :func:`find_pair` (two records side by side, with each comparison's weight when
the pair is queued) and :func:`decide` (append a decision to the log every later link
respects). The linkage rules live in :mod:`gavah.linkage`; the web layer may
not import the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gavah.linkage import (
    Decision,
    Judgement,
    LinkOptions,
    ScoredPair,
    pair_key,
    split_uid,
)
from gavah.model import Record, RecordKey
from gavah.services.linking import link_register
from gavah.store import RecordRepository, SourceRepository, Store
from gavah.store.register import ReviewRepository
from gavah.web.jobs import Progress
from gavah.web.notices import gettext_noop

__all__ = [
    "PairDetail",
    "Queue",
    "decide",
    "find_pair",
    "open_pairs",
    "record_count",
    "relink",
]


#: The link's step names (:data:`gavah.services.linking.LINK_STEPS`), marked for translation.
_STEPS = (
    gettext_noop("reading the register"),
    gettext_noop("linking records"),
    gettext_noop("storing the persons"),
)


@dataclass(frozen=True, slots=True)
class Queue:
    """The pairs waiting for review and those decided since the last link (with decisions)."""

    waiting: list[ScoredPair]
    decided: list[tuple[ScoredPair, Decision]]
    sources: dict[str, str]


@dataclass(frozen=True, slots=True)
class PairDetail:
    """Two records (uids sorted), their score if the last link queued them, earlier decisions."""

    left: str
    right: str
    scored: ScoredPair | None
    first: Record
    second: Record
    columns: list[str]
    sources: dict[str, str]
    history: list[Decision]


def _sources(store: Store) -> dict[str, str]:
    with store.reader() as session:
        return {s.id: s.name for s in SourceRepository(session).list()}


def open_pairs(store: Store) -> Queue:
    """The review queue of the last link: pairs without a decision first, most uncertain first."""
    with store.reader() as session:
        review = ReviewRepository(session)
        queue = review.queue()
        latest = {(d.left, d.right): d for d in review.latest()}
        names = {s.id: s.name for s in SourceRepository(session).list()}
    waiting = [p for p in queue if (p.left, p.right) not in latest]
    decided = [(p, latest[(p.left, p.right)]) for p in queue if (p.left, p.right) in latest]
    return Queue(waiting, decided, names)


def _records(store: Store, left: str, right: str) -> tuple[Record | None, Record | None]:
    with store.reader() as session:
        repo = RecordRepository(session)
        return repo.get(RecordKey(*split_uid(left))), repo.get(RecordKey(*split_uid(right)))


def find_pair(store: Store, left: str, right: str) -> PairDetail | None:
    """The pair of records ``left`` and ``right`` (uids), queued or not, or ``None``.

    A queued pair comes with its score; any other two records of the register (e.g. two records
    the last link put in one person) come without one, so that a reviewer can still decide.
    """
    if not left or not right or left == right:
        return None
    left, right = pair_key(left, right)
    first, second = _records(store, left, right)
    if first is None or second is None:
        return None
    with store.reader() as session:
        review = ReviewRepository(session)
        queued = next((p for p in review.queue() if (p.left, p.right) == (left, right)), None)
        history = [d for d in review.log() if (d.left, d.right) == (left, right)]
    columns: list[str] = []
    for record in (first, second):
        columns += [name for name in record.raw if name not in columns]
    return PairDetail(left, right, queued, first, second, columns, _sources(store), history)


def decide(
    store: Store,
    pair: PairDetail,
    *,
    judgement: Judgement,
    reviewer: str,
    at: dt.datetime,
    reason: str | None,
) -> Decision:
    """Append the decision on ``pair`` to the log (applies from the next link)."""
    decision = Decision(pair.left, pair.right, judgement, reviewer, at, reason or None)
    with store.session() as session:
        ReviewRepository(session).decide(decision)
    return decision


def record_count(store: Store) -> int:
    """How many records the register holds (a link needs some)."""
    with store.reader() as session:
        return RecordRepository(session).count()


def relink(store: Store, clock: Callable[[], dt.datetime], progress: Progress) -> dict[str, Any]:
    """Link all records with the default options; return records, persons and pairs queued.

    Raises:
        GavahError: the linkage could not run (e.g. too few records).
        StorageError: the database refused the result (nothing is written).
    """
    return link_register(store, LinkOptions(), clock, progress=progress).summary()
