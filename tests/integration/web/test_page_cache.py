"""Anonymous public responses are rendered once per data version and revalidated by ETag."""

from __future__ import annotations

from gavah.store.search import SearchDocument, SearchRepository
from gavah.web.security import CSRF_COOKIE
from tests.integration.web.conftest import DemoSite, WebApp


def test_a_public_page_is_shared_and_revalidated(demo_site: DemoSite) -> None:
    client = demo_site.web.client()
    first = client.get("/en/memorial")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    assert CSRF_COOKIE not in first.cookies, "a shared page sets no per-visitor cookie"
    assert 'name="csrf_token" value="' not in first.text
    again = client.get("/en/memorial")
    assert (again.headers["etag"], again.text) == (etag, first.text)
    unchanged = client.get("/en/memorial", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert client.get("/api/v1/toll").headers["etag"] != etag


def test_signed_in_and_private_pages_are_never_shared(demo_site: DemoSite) -> None:
    analyst = demo_site.web.signed_in("analyst")
    for path in ("/en/memorial", "/en/workspace/", "/api/v1/workspace/search?q=a"):
        response = analyst.get(path)
        assert response.status_code == 200, path
        assert "etag" not in response.headers, path
        assert response.headers["cache-control"] == "no-store", path
    login = demo_site.web.client().get("/en/login")
    assert "etag" not in login.headers
    assert CSRF_COOKIE in login.cookies


def test_a_change_made_through_this_worker_is_seen_at_once(web: WebApp) -> None:
    anonymous = web.client()
    query = {"q": "Reza Karimi"}
    before = anonymous.get("/en/search", params=query)
    assert "رضا کریمی" not in before.text
    with web.store.session() as session:
        SearchRepository(session).put([SearchDocument("person", "p-new", "رضا کریمی", public=True)])
    assert anonymous.get("/en/search", params=query).text == before.text, "kept until a change"
    web.signed_in("analyst")  # a POST through this worker: its kept pages are dropped
    assert "رضا کریمی" in anonymous.get("/en/search", params=query).text
