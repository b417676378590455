"""The public home, map, timeline and methodology of the demo site in headless Chromium.

The harness of :mod:`tests.integration.web.browser` (Debian's Chromium; without it the tests fail
unless ``GAVAH_ALLOW_NO_BROWSER=1``). Each page in both languages: the drawings are laid out (31
provinces, the blackout band), nothing is fetched from another origin, no CSP or script error.
Screenshots go to ``$GAVAH_TEST_ARTIFACTS/browser/public-<page>-<lang>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.integration.web.browser import Watch, serve, shot
from tests.integration.web.conftest import DemoSite

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(demo_site: DemoSite) -> Iterator[str]:
    """The demo site on a loopback port, in a thread."""
    with serve(demo_site.web.app) as origin:
        yield origin


@pytest.fixture
def browser_locale(lang: str) -> str:
    """The browser speaks the page's language."""
    return "fa-IR" if lang == "fa" else "en-GB"


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", ["home", "map", "timeline", "methodology"])
def test_a_public_page_in_headless_chromium(page: Page, served: str, name: str, lang: str) -> None:
    watch = Watch(page, served)
    path = "" if name == "home" else name
    page.goto(f"{served}/{lang}/{path}")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "fa" else "ltr")
    if name in ("home", "map"):
        provinces = page.locator("svg.province-map path")
        assert provinces.count() == 31
        box = page.locator("svg.province-map").bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 100
    if name in ("home", "timeline"):
        assert page.locator("svg.timeline-chart rect.blackout").count() >= 1
        assert page.locator("svg.timeline-chart rect.bar").count() > 3
    if name == "methodology":
        assert page.locator("h2").count() >= 5
    shot(page, f"public-{name}-{lang}")
    assert watch.outside == []
    assert watch.errors == [], "no CSP violation or script error"
