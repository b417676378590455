"""A small synthetic review queue: two lists, three records, two uncertain pairs."""

from __future__ import annotations

from gavah.linkage import Contribution, ScoredPair, record_uid
from gavah.model import Record, Source, SourceKind
from gavah.store import RecordRepository, SourceRepository
from gavah.store.register import ReviewRepository
from tests.integration.web.conftest import WebApp

A = record_uid("src-a", "A-1")
B = record_uid("src-b", "B-7")
C = record_uid("src-b", "B-8")


def seed_review_queue(web: WebApp) -> None:
    """Two lists, three records, two queued pairs (A-1 ~ B-7 is the more uncertain)."""
    with web.store.session() as session:
        sources = SourceRepository(session)
        sources.add(Source(id="src-a", name="List A", kind=SourceKind.LIST))
        sources.add(Source(id="src-b", name="List B", kind=SourceKind.LIST))
        RecordRepository(session).add_many(
            [
                Record("src-a", "A-1", raw={"name": "محمد حسینی", "age": "23"}),
                Record("src-b", "B-7", raw={"name": "Mohammad Hosseini", "age": "24"}),
                Record("src-b", "B-8", raw={"name": "Mohamad Hoseini", "age": "23"}),
            ]
        )
        why = (
            Contribution("name", "whole name nearly agrees", 2.5),
            Contribution("age", "1 year apart", -0.75),
        )
        ReviewRepository(session).replace_queue(
            [ScoredPair(A, B, -0.2, 0.45, why), ScoredPair(A, C, 1.2, 0.7, why)]
        )
