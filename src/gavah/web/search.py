"""The search box, public and private: one call over :mod:`gavah.store.search`.

Owns :func:`run_search` and :data:`MAX_QUERY_LENGTH`. The caller says whether unpublished
documents may be shown (``public_only``); this module never decides it.
"""

from __future__ import annotations

from gavah.store.search import SearchFilter, SearchHit, SearchRepository
from gavah.web.context import WebContext

__all__ = ["MAX_QUERY_LENGTH", "MAX_RESULTS", "run_search"]

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50


def run_search(
    context: WebContext,
    query: str,
    *,
    public_only: bool,
    limit: int = MAX_RESULTS,
) -> list[SearchHit]:
    """Documents matching ``query`` (none for an empty query or without a store)."""
    if not query.strip() or context.store is None:
        return []
    with context.store.reader() as session:
        return SearchRepository(session).find(
            query[:MAX_QUERY_LENGTH], SearchFilter(public_only=public_only), limit=limit
        )
