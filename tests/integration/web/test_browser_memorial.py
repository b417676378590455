"""The publication journey in headless Chromium, in both languages: an analyst approves a
victim on the publication page, and the public memorial then names them.

The harness (Debian's Chromium, no download; screenshots under
``$GAVAH_TEST_ARTIFACTS/browser/``) is :mod:`tests.integration.web.browser`.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from gavah.web import Role
from tests.integration.web.browser import shot, sign_in
from tests.integration.web.conftest import PASSWORD, WebApp
from tests.integration.web.test_memorial import _seed

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_an_analyst_approves_a_victim_and_the_memorial_names_them(
    web: WebApp, page: Page, served: str, lang: str, direction: str
) -> None:
    _seed(web)
    page.goto(f"{served}/{lang}/memorial")
    assert page.locator("ol.memorial li").count() == 0
    login = f"{served}/{lang}/login?next=/{lang}/workspace/publication"
    sign_in(page, str(Role.ANALYST), PASSWORD, at=login)
    page.goto(f"{served}/{lang}/workspace/publication")
    assert page.locator("html").get_attribute("dir") == direction
    row = page.locator("table.publication tbody tr").first
    row.locator("input[name=reason]").fill("graded confirmed")
    shot(page, f"publication-{lang}")
    row.locator("button[value=approved]").click()
    page.wait_for_url(f"**/{lang}/workspace/publication?page=1")
    assert page.locator("table.publication tbody tr").first.locator("td").nth(3).inner_text() in {
        "published",
        "منتشرشده",
    }
    page.goto(f"{served}/{lang}/memorial")
    entries = page.locator("ol.memorial li")
    assert entries.count() == 1
    assert "شهید PA" in entries.first.inner_text()
    assert "Martyr Pa" in entries.first.inner_text()
    entries.first.locator("a").click()
    assert page.locator("h1").inner_text().startswith("شهید PA" if lang == "fa" else "Martyr Pa")
    shot(page, f"memorial-entry-{lang}")
