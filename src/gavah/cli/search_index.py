"""Filling a workspace's search index: persons with their status and grade, and the rest.

Owns :func:`person_grades` (each linked person's grade from the lists that name them and the
claims about them, as ``gavah counts`` grades named persons) and :func:`reindex` (the call
``gavah demo`` makes after linking and grading). Who is public is decided by the caller's
:data:`gavah.store.search.PublicPolicy` (publication approval); by default nobody is.
"""

from __future__ import annotations

from gavah.cli.claims import load
from gavah.model import ClaimStance
from gavah.model.vocabulary import ClaimKind
from gavah.store import Store
from gavah.store.grades import victim_facts
from gavah.store.search import PublicPolicy, index_workspace, nobody_published
from gavah.verify import StreamIndex, Witness, assess, claim_witness
from gavah.verify.policy import Grade, GradingPolicy

__all__ = ["person_grades", "reindex"]


def person_grades(store: Store, policy: GradingPolicy) -> dict[str, str]:
    """Person id → grade (``confirmed``, ``fair``, ``weak``, ``contested``, ``discounted``).

    Raises:
        StorageError: the database cannot be read.
    """
    loaded = load(store)
    results = loaded.grade(policy)
    reports = {r.id: r for r in loaded.reports}
    with store.reader() as session:
        facts = victim_facts(session)
    witnesses: dict[str, list[Witness]] = {}
    for fact in facts:
        witnesses.setdefault(fact.person_id, []).append(
            Witness(label=f"record {fact.source_id}:{fact.record_id}", source_id=fact.source_id)
        )
    contested: set[str] = set()
    for claim in loaded.claims:
        if claim.person_id is None or claim.kind is not ClaimKind.PERSON_STATUS:
            continue
        if claim.person_id not in witnesses:
            continue
        if claim.stance is not ClaimStance.DENIES:
            witnesses[claim.person_id].append(claim_witness(claim, reports.get(claim.report_id)))
        if claim.id in results and results[claim.id].grade is Grade.CONTESTED:
            contested.add(claim.person_id)
    index = StreamIndex(loaded.sources)
    return {
        person: Grade.CONTESTED.value
        if person in contested
        else assess(support, index, policy).grade.value
        for person, support in witnesses.items()
    }


def reindex(
    store: Store, policy: GradingPolicy, *, is_public: PublicPolicy = nobody_published
) -> int:
    """Index the workspace's persons (graded under ``policy``), incidents, sources, evidence.

    Raises:
        StorageError: the database cannot be read or written.
    """
    return index_workspace(store, is_public=is_public, grades=person_grades(store, policy))
