"""The search form's filters in a real headless Chromium: they take the form's whole width.

The harness is :mod:`tests.integration.web.browser` (marker ``browser``).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.integration.web.browser import shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_search_filters_span_the_whole_form(page: Page, served: str, lang: str) -> None:
    page.goto(f"{served}/{lang}/search")
    page.click("form.search details summary")
    form = page.locator("form.search").bounding_box()
    details = page.locator("form.search details").bounding_box()
    field = page.locator("form.search #q").bounding_box()
    assert form is not None
    assert details is not None
    assert field is not None
    assert details["width"] == pytest.approx(form["width"], abs=2), "a row of its own"
    assert details["y"] >= field["y"] + field["height"], "below the search field"
    shot(page, f"search-filters-{lang}")
