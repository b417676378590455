"""From clusters of records to persons: stable ids, display names, status history.

Owns :func:`link_records`, the whole linkage of a register: features, Splink scoring, clustering
under the reviewers' decisions, then one :class:`gavah.model.Person` per cluster. A cluster keeps
the person id most of its records had before (so ids survive a re-link); a new cluster gets a
fresh id from ``new_id``. A person's display names are the most frequent full name in Persian
script and in Latin script among its records, and its history is one event per reported status,
at the earliest date any record gives. No I/O: the caller reads and writes the store.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from gavah.linkage.clusters import Decision, Judgement, cluster
from gavah.linkage.features import features_of, record_uid
from gavah.linkage.scoring import ScoredPair, score_pairs
from gavah.model import Person, PersonStatus, Record, StatusEvent
from gavah.model.dates import PartialDate
from gavah.text import persian_to_latin

__all__ = [
    "DEFAULT_REVIEW_FROM",
    "DEFAULT_THRESHOLD",
    "LinkOptions",
    "LinkResult",
    "build_person",
    "link_records",
]

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_LOG = logging.getLogger(__name__)
#: Match probability from which a pair is merged without review.
DEFAULT_THRESHOLD = 0.4
#: Match probability from which a pair below the threshold goes to review.
DEFAULT_REVIEW_FROM = 0.2


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Thresholds and knobs of a link.

    Attributes:
        threshold: match probability from which a pair is merged without review.
        review_from: match probability from which a pair below ``threshold`` is queued.
        max_cluster: the largest person automatic merges may build, in records.
        same_source_from: probability a pair needs to merge two groups that both hold a record
            of the same list (a list rarely names a person twice; chains of namesakes do).
        seed: seed of Splink's random sampling of u.
        backend: ``"duckdb"`` (embedded) or ``"spark"``.
    """

    threshold: float = DEFAULT_THRESHOLD
    review_from: float = DEFAULT_REVIEW_FROM
    max_cluster: int = 10
    same_source_from: float = 0.99
    seed: int = 1
    backend: str = "duckdb"


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The persons of a link, their records (person id → record uids) and the review queue."""

    persons: tuple[Person, ...]
    members: Mapping[str, tuple[str, ...]]
    review: tuple[ScoredPair, ...]


def _display(names: Sequence[str]) -> str | None:
    counts = Counter(names)
    return min(counts, key=lambda n: (-counts[n], n)) if counts else None


def build_person(person_id: str, records: Sequence[Record]) -> Person:
    """The person ``person_id`` made of ``records``: display names and status history."""
    names = [r.full_name for r in records if r.full_name]
    name_fa = _display([n for n in names if _ARABIC_SCRIPT.search(n)])
    name_latin = _display([n for n in names if not _ARABIC_SCRIPT.search(n)])
    if name_latin is None and name_fa is not None:
        name_latin = persian_to_latin(name_fa) or None
    earliest: dict[PersonStatus, tuple[PartialDate | None, Record]] = {}
    for record in sorted(records, key=lambda r: r.key):
        if record.event is None:
            continue
        seen = earliest.get(record.event)
        date = record.event_date
        if seen is None or (
            date is not None and (seen[0] is None or date.to_date() < seen[0].to_date())
        ):
            earliest[record.event] = (date, record)
    dated = sorted(
        ((d, s, r) for s, (d, r) in earliest.items() if d is not None),
        key=lambda e: (e[0].to_date(), e[1].value),
    )
    undated = sorted(((s, r) for s, (d, r) in earliest.items() if d is None), key=lambda e: e[0])
    history = [StatusEvent(s, d, r.key) for d, s, r in dated]
    history[:0] = [StatusEvent(s, None, r.key) for s, r in undated]
    return Person(person_id, name_fa, name_latin, tuple(history))


def link_records(
    records: Sequence[Record],
    decisions: Sequence[Decision],
    previous: Mapping[str, str],
    new_id: Callable[[], str],
    options: LinkOptions,
) -> LinkResult:
    """Link ``records`` into persons.

    Args:
        records: every record of the register.
        decisions: the latest reviewer decision per pair.
        previous: record uid → person id before this link (to keep ids stable).
        new_id: makes a fresh person id.
        options: thresholds, seed and backend.

    Raises:
        ConfigError: the backend is not available.
    """
    start = time.perf_counter()
    features = [features_of(r) for r in records]
    _LOG.info("features of %d records in %.1f s", len(features), time.perf_counter() - start)
    same = [(d.left, d.right) for d in decisions if d.judgement is Judgement.SAME]
    pairs = score_pairs(
        features,
        seed=options.seed,
        min_probability=options.review_from,
        backend=options.backend,
        labels=same,
    )
    _LOG.info("%d pairs scored, %.1f s so far", len(pairs), time.perf_counter() - start)
    uids = [f.unique_id for f in features]
    found = cluster(
        uids,
        pairs,
        decisions,
        threshold=options.threshold,
        review_from=options.review_from,
        max_size=options.max_cluster,
        same_source_from=options.same_source_from,
    )
    _LOG.info("%d clusters, %.1f s so far", len(found.members), time.perf_counter() - start)
    by_uid = {record_uid(r.source_id, r.record_id): r for r in records}
    taken: set[str] = set()
    persons: list[Person] = []
    members: dict[str, tuple[str, ...]] = {}
    # Biggest clusters choose their old id first: they are the likeliest continuations.
    for group in sorted(found.members, key=lambda m: (-len(m), m)):
        old = Counter(previous[u] for u in group if u in previous and previous[u] not in taken)
        person_id = min(old, key=lambda p: (-old[p], p)) if old else new_id()
        taken.add(person_id)
        members[person_id] = group
        persons.append(build_person(person_id, [by_uid[u] for u in group]))
    return LinkResult(tuple(persons), members, found.review)
