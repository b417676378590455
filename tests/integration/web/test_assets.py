"""No request to another origin: every served HTML, CSS and JS file names only this server.

The pages are crawled as every role (and anonymously), following each local ``href`` and
``src`` and each ``url(...)`` of a stylesheet; any ``http://`` or ``https://`` in what is served
fails, as does a response without the Content-Security-Policy.
"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from fastapi.testclient import TestClient

from gavah.web import Role
from gavah.web.app import FONTS_DIR
from tests.integration.web.conftest import WebApp

START_PAGES = [
    "/fa/",
    "/en/",
    "/fa/search?q=حسینی",
    "/en/login",
    "/fa/workspace/",
    "/en/workspace/audit",
    "/fa/workspace/accounts",
    "/en/account",
    "/fa/workspace/search?q=Hosseini",
]
_LINK = re.compile(r'(?:href|src)="([^"]+)"')
_CSS_URL = re.compile(r'url\("?([^")]+)"?\)')
_EXTERNAL = re.compile(r"https?://", re.IGNORECASE)
_TEXT_TYPES = ("text/html", "text/css", "javascript", "application/json")
#: The issue's budget for the public home page with all its assets, first view.
HOME_BUDGET = 300 * 1024


def _crawl(client: TestClient) -> dict[str, tuple[str, bytes]]:
    """Every local URL reachable from the start pages: url → (content type, body)."""
    seen: dict[str, tuple[str, bytes]] = {}
    todo = list(START_PAGES)
    while todo:
        url = todo.pop()
        if url in seen or not url.startswith("/") or url.startswith("//"):
            continue
        response = client.get(url)
        assert response.status_code in {200, 303, 403}, (url, response.status_code)
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        kind = response.headers.get("content-type", "")
        seen[url] = (kind, response.content)
        if response.status_code == 303:
            todo.append(response.headers["location"])
        elif "html" in kind:
            todo += _LINK.findall(response.text)
        elif "css" in kind:
            todo += _CSS_URL.findall(response.text)
    return seen


@pytest.mark.parametrize("role", [None, *Role])
def test_no_served_text_names_another_origin(web: WebApp, role: Role | None) -> None:
    client = web.client() if role is None else web.signed_in(role)
    served = _crawl(client)
    assert any(u.endswith(".woff2") for u in served), "the font is served"
    assert any(u.endswith("htmx.min.js") for u in served), "htmx is served"
    for url, (kind, body) in served.items():
        if any(t in kind for t in _TEXT_TYPES):
            found = _EXTERNAL.search(body.decode("utf-8"))
            assert found is None, f"{url} names another origin"


def test_every_shipped_script_and_stylesheet_is_free_of_outside_urls() -> None:
    static = files("gavah.web") / "static"
    for item in static.iterdir():
        if item.name.endswith((".js", ".css", ".html")):
            assert _EXTERNAL.search(item.read_text("utf-8")) is None, item.name


def test_the_policy_forbids_other_origins_on_every_response(web: WebApp) -> None:
    client = web.client()
    for url in [
        "/",
        "/fa/",
        "/static/gavah.css",
        "/static/fonts/Vazirmatn-Regular.woff2",
        "/api/v1/search?q=x",
        "/api/openapi.json",
        "/nowhere",
    ]:
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp, url
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-content-type-options"] == "nosniff"


def test_private_pages_are_never_cached_and_assets_are(web: WebApp) -> None:
    client = web.signed_in(Role.ANALYST)
    assert client.get("/fa/workspace/").headers["cache-control"] == "no-store"
    assert "max-age" in client.get("/static/htmx.min.js").headers["cache-control"]


def test_the_fonts_and_htmx_ship_with_their_licences() -> None:
    static = files("gavah.web") / "static"
    assert "Zero-Clause BSD" in (static / "htmx.LICENSE.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE" in (FONTS_DIR / "OFL.txt").read_text("utf-8").upper()
    for name in ["Vazirmatn-Regular.woff2", "Vazirmatn-Bold.woff2", "Vazirmatn-Regular.ttf"]:
        assert (FONTS_DIR / name).stat().st_size > 10_000, name


def test_the_home_page_with_its_assets_fits_the_budget(web: WebApp) -> None:
    client = web.client()
    html = client.get("/fa/").text
    total = len(html.encode("utf-8"))
    assets = _LINK.findall(html)
    css = client.get("/static/gavah.css").text
    fonts = [u for u in _CSS_URL.findall(css) if u.endswith(".woff2")]
    for url in {a for a in assets if a.startswith("/static/")} | set(fonts):
        total += len(client.get(url).content)
    assert total < HOME_BUDGET, total
