"""Linking the register into persons, as ``gavah link`` and the web's relink do it.

Owns :class:`LinkRun` and :func:`link_register`: every record and the reviewers' latest
decisions read from the store, :func:`gavah.linkage.link_records` run under the given options,
and the persons, the record assignments and the new review queue stored in one transaction.
The linkage rules live in :mod:`gavah.linkage`; exports and showing progress stay in the
adapters.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from gavah.linkage import LinkOptions, LinkResult, link_records
from gavah.model.ids import ulid_ids
from gavah.services.progress import QUIET, StepProgress
from gavah.store import RecordRepository, Store
from gavah.store.register import LinkResultRepository, ReviewRepository

__all__ = ["LINK_STEPS", "LinkRun", "link_register"]

#: The steps :func:`link_register` reports, in order (English; the web translates them).
LINK_STEPS = ("reading the register", "linking records", "storing the persons")


@dataclass(frozen=True, slots=True)
class LinkRun:
    """A stored link: how many records it read, its result, and how many pairs wait for review."""

    records: int
    result: LinkResult
    queued: int

    def summary(self) -> dict[str, Any]:
        """``records``, ``persons`` and ``review`` (pairs queued), as both adapters report."""
        return {"records": self.records, "persons": len(self.result.persons), "review": self.queued}


def _quiet(_records: int) -> AbstractContextManager[object]:
    return nullcontext()


def link_register(
    store: Store,
    options: LinkOptions,
    clock: Callable[[], dt.datetime],
    *,
    progress: StepProgress = QUIET,
    busy: Callable[[int], AbstractContextManager[object]] = _quiet,
) -> LinkRun:
    """Link every record into persons under the latest decisions and store the result.

    ``busy(number of records)`` wraps the linking itself (a command line shows a spinner).

    Raises:
        GavahError: the linkage could not run (e.g. too few records).
        StorageError: the database cannot be read or refused the result (nothing is written).
    """
    progress.step(LINK_STEPS[0])
    with store.reader() as session:
        records = list(RecordRepository(session).iter_all())
        decisions = ReviewRepository(session).latest()
        previous = LinkResultRepository(session).current_assignments()
    progress.step(LINK_STEPS[1])
    new_id = ulid_ids(clock, random.SystemRandom())
    with busy(len(records)):
        result = link_records(records, decisions, previous, new_id, options)
    progress.step(LINK_STEPS[2])
    with store.session() as session:
        LinkResultRepository(session).replace(result.persons, result.members)
        queued = ReviewRepository(session).replace_queue(result.review)
    return LinkRun(len(records), result, queued)
