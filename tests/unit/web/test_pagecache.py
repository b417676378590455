"""The shared cache of public responses: which requests it serves, versions, age, bounds."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gavah.web.pagecache import PageCache, is_shareable


@dataclass
class Ticking:
    """A clock and a data version the test moves by hand, counting version reads."""

    now: float = 0.0
    version: int = 1
    reads: int = 0

    def clock(self) -> float:
        return self.now

    def read_version(self) -> int:
        self.reads += 1
        return self.version


@pytest.mark.parametrize(
    ("method", "path", "signed_in", "expected"),
    [
        ("GET", "/fa/", False, True),
        ("GET", "/en/memorial", False, True),
        ("GET", "/api/v1/toll", False, True),
        ("GET", "/api/openapi.json", False, True),
        ("GET", "/fa/", True, False),
        ("POST", "/fa/search", False, False),
        ("HEAD", "/fa/", False, False),
        ("GET", "/fa/workspace/", False, False),
        ("GET", "/en/login", False, False),
        ("GET", "/en/account", False, False),
        ("GET", "/api/v1/workspace/search", False, False),
        ("GET", "/static/gavah.css", False, False),
        ("GET", "/healthz", False, False),
    ],
)
def test_only_anonymous_public_gets_are_shared(
    method: str, path: str, signed_in: bool, expected: bool
) -> None:
    assert is_shareable(method, path, signed_in=signed_in) is expected


def test_a_kept_response_is_served_until_the_version_changes() -> None:
    t = Ticking()
    cache = PageCache(t.read_version, clock=t.clock, check_every=1.0, max_age=60.0)
    assert cache.get("/fa/?") is None
    etag = cache.put("/fa/?", 200, [("content-type", "text/html")], b"<p>1</p>")
    kept = cache.get("/fa/?")
    assert kept is not None
    assert (kept.body, kept.etag) == (b"<p>1</p>", etag)
    t.version = 2
    assert cache.get("/fa/?") is not None, "the version is read again only after check_every"
    t.now = 1.0
    assert cache.get("/fa/?") is None
    assert t.reads == 2


def test_the_version_is_read_at_most_once_a_period() -> None:
    t = Ticking()
    cache = PageCache(t.read_version, clock=t.clock, check_every=1.0)
    for _ in range(50):
        cache.get("/en/?")
    assert t.reads == 1


def test_old_entries_are_dropped_and_clear_forgets_everything() -> None:
    t = Ticking()
    cache = PageCache(t.read_version, clock=t.clock, check_every=1000.0, max_age=60.0)
    cache.put("a", 200, [], b"a")
    t.now = 59.0
    assert cache.get("a") is not None
    t.now = 60.0
    assert cache.get("a") is None
    cache.put("b", 200, [], b"b")
    cache.clear()
    assert cache.get("b") is None


def test_the_cache_is_bounded_least_recently_used_first() -> None:
    t = Ticking()
    cache = PageCache(t.read_version, clock=t.clock, max_entries=2)
    cache.put("a", 200, [], b"a")
    cache.put("b", 200, [], b"b")
    assert cache.get("a") is not None
    cache.put("c", 200, [], b"c")
    assert cache.get("b") is None
    assert cache.get("a") is not None
    assert cache.get("c") is not None


def test_the_etag_follows_the_body() -> None:
    t = Ticking()
    cache = PageCache(t.read_version, clock=t.clock)
    assert cache.put("a", 200, [], b"x") == cache.put("b", 200, [], b"x")
    assert cache.put("a", 200, [], b"x") != cache.put("a", 200, [], b"y")
