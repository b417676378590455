"""The pages in a real headless Chromium (Debian's, through Playwright): both languages.

The harness (Chromium, the app on a loopback port, screenshots under
``$GAVAH_TEST_ARTIFACTS/browser/``) is :mod:`tests.integration.web.browser`.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from gavah.web import Role
from tests.integration.web.browser import Watch, shot, sign_in
from tests.integration.web.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_the_home_page_in_headless_chromium(
    page: Page, served: str, lang: str, direction: str
) -> None:
    watch = Watch(page, served)
    page.goto(f"{served}/{lang}/")
    page.wait_for_load_state("networkidle")
    html = page.locator("html")
    assert html.get_attribute("dir") == direction
    assert html.get_attribute("lang") == lang
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    assert page.evaluate("typeof htmx") == "object", "htmx loaded under the CSP"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in family
    shot(page, f"home-{lang}")
    assert watch.outside == []
    assert watch.errors == [], "no CSP violation or script error"


def test_a_search_in_arabic_letter_forms_finds_the_published_name(page: Page, served: str) -> None:
    page.goto(f"{served}/fa/search")
    page.fill("#q", "محمد حسيني")
    page.click("form.search button")
    page.wait_for_load_state()
    hits = page.locator("ol.hits li")
    assert hits.count() == 1
    assert "محمد حسینی" in hits.first.inner_text()
    assert "۱۸ دی ۱۴۰۴" in hits.first.inner_text()
    shot(page, "search-fa")


def test_an_analyst_signs_in_and_reaches_the_workspace(page: Page, served: str) -> None:
    page.goto(f"{served}/en/workspace/")
    assert "/en/login" in page.url
    sign_in(page, str(Role.ANALYST), PASSWORD)
    assert page.url.endswith("/en/workspace/")
    assert page.locator("h1").inner_text() == "Workspace"
    shot(page, "workspace-en")
