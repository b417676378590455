"""The shared cache of public responses: rendered once per data version for every anonymous visitor.

Owns :class:`PageCache` and :func:`is_shareable`. Public pages and the public JSON API are the same
for every anonymous visitor (the language is in the path), so the first rendering of a URL is kept
and served to the next visitors until the data changes. The data version (figures, publication
decisions, persons, search documents) is re-read at most once every :data:`CHECK_EVERY` seconds, and
a worker drops its cache at once when it takes a publication decision itself: another worker may
serve the previous page for at most that long. Only ``GET`` requests without a session cookie are
shared, only 200 responses without a ``Set-Cookie`` are kept, and private paths never are. Each kept
response carries a strong ``ETag`` and is revalidated by the browser (``Cache-Control: no-cache``),
so a slow link re-downloads a page only when it changed.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

__all__ = ["CHECK_EVERY", "MAX_AGE", "CachedResponse", "PageCache", "is_shareable"]

#: How stale a page may be in another worker than the one that changed the data (seconds).
CHECK_EVERY = 1.0
#: A kept response is rendered again after this long whatever the version says (seconds): a
#: safety net for a change the version does not see (a record corrected in place, say).
MAX_AGE = 60.0
_MAX_ENTRIES = 2_000
_MAX_BODY = 2_000_000
_PRIVATE_PAGES = ("workspace", "login", "logout", "account")


@dataclass(frozen=True, slots=True)
class CachedResponse:
    """One kept response: status, headers (without cookies) and body, with its ETag."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    kept_at: float


def is_shareable(method: str, path: str, *, signed_in: bool) -> bool:
    """Whether a request may be answered from (and fill) the shared cache.

    ``/fa/…`` and ``/en/…`` pages other than the workspace and the account pages, ``/api/v1/…``
    other than ``/api/v1/workspace/…``, and the OpenAPI schema; only for ``GET`` and only for a
    visitor who is not signed in (a signed-in page shows the account).
    """
    if method != "GET" or signed_in:
        return False
    parts = path.strip("/").split("/")
    if parts[0] in ("fa", "en"):
        return len(parts) < 2 or parts[1] not in _PRIVATE_PAGES
    if parts[:2] == ["api", "v1"]:
        return len(parts) < 3 or parts[2] != "workspace"
    return path == "/api/openapi.json"


class PageCache:
    """A bounded LRU of public responses, emptied when ``version()`` changes.

    ``version`` reads the data version (a database round trip): it is called at most once every
    ``check_every`` seconds of ``clock``; an entry older than ``max_age`` is dropped. Thread-safe.
    """

    def __init__(
        self,
        version: Callable[[], Hashable],
        *,
        clock: Callable[[], float] = time.monotonic,
        check_every: float = CHECK_EVERY,
        max_age: float = MAX_AGE,
        max_entries: int = _MAX_ENTRIES,
    ) -> None:
        self._max_age = max_age
        self._version_of = version
        self._clock = clock
        self._check_every = check_every
        self._max_entries = max_entries
        self._entries: OrderedDict[str, CachedResponse] = OrderedDict()
        self._version: Hashable | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    def _current(self) -> None:
        now = self._clock()
        if now - self._checked < self._check_every:
            return
        version = self._version_of()
        with self._lock:
            if version != self._version:
                self._entries.clear()
                self._version = version
            self._checked = now

    def get(self, key: str) -> CachedResponse | None:
        """The kept response for ``key`` under the current data version, if any."""
        self._current()
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if self._clock() - found.kept_at >= self._max_age:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return found

    def put(self, key: str, status: int, headers: list[tuple[str, str]], body: bytes) -> str:
        """Keep a response (unless too large); returns its ETag."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        self._current()
        if len(body) > _MAX_BODY:
            return etag
        kept = CachedResponse(status, tuple(headers), body, etag, self._clock())
        with self._lock:
            self._entries[key] = kept
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return etag

    def clear(self) -> None:
        """Forget every kept response now (this worker changed the data)."""
        with self._lock:
            self._entries.clear()
            self._checked = float("-inf")
