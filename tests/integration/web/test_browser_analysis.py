"""The analysis pages in headless Chromium: an analyst clears a pair from the review queue.

Both languages: the analyst signs in, opens the review queue, opens the most uncertain pair,
decides it with a reason, and finds it gone from the queue. The demo workspace's claims board,
a pair and an estimate are photographed too. The harness (Debian's Chromium, nothing downloaded;
screenshots under ``$GAVAH_TEST_ARTIFACTS/browser/``) is :mod:`tests.integration.web.browser`.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from gavah.store.register import ReviewRepository
from tests.integration.web.browser import Watch, serve, shot, sign_in
from tests.integration.web.conftest import PASSWORD, DemoSite, WebApp
from tests.integration.web.review_queue import seed_review_queue

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_an_analyst_decides_a_pair_and_it_leaves_the_queue(
    page: Page, web: WebApp, lang: str
) -> None:
    seed_review_queue(web)
    with serve(web.app) as origin:
        watch = Watch(page, origin)
        sign_in(page, "analyst", PASSWORD, at=f"{origin}/{lang}/login")
        page.goto(f"{origin}/{lang}/workspace/review")
        rows = page.locator("table.review-queue tbody tr")
        assert rows.count() == 2
        shot(page, f"review-queue-{lang}")
        rows.first.locator("a").click()
        page.wait_for_load_state()
        assert page.locator("table.contributions tbody tr").count() == 3  # two and the prior
        page.check("input[name=judgement][value=different]")
        page.fill("#reason", "different fathers" if lang == "en" else "نام پدر متفاوت است")
        shot(page, f"review-pair-{lang}")
        page.click("form.decide button[type=submit]")
        page.wait_for_load_state()
        assert "/workspace/review" in page.url
        assert page.locator("table.review-queue tbody tr").count() == 1
        assert page.locator("ul.decided li").count() == 1
        shot(page, f"review-decided-{lang}")
    with web.store.reader() as session:
        [decision] = ReviewRepository(session).latest()
    assert decision.reviewer == "analyst"
    assert decision.judgement.value == "different"
    assert watch.errors == [], "no CSP violation or script error"


def test_the_demo_analysis_pages_render_in_persian(page: Page, demo_site: DemoSite) -> None:
    web = demo_site.web
    with serve(web.app) as origin:
        sign_in(page, "analyst", web.password, at=f"{origin}/fa/login")
        for name, path in (
            ("claims-fa", "/fa/workspace/claims?competing=1"),
            ("estimates-fa", "/fa/workspace/estimates"),
            ("lists-fa", "/fa/workspace/lists"),
        ):
            response = page.goto(f"{origin}{path}")
            assert response is not None
            assert response.status == 200
            assert page.locator("html").get_attribute("dir") == "rtl"
            shot(page, name)
        page.goto(f"{origin}/fa/workspace/estimates")
        page.click("table.estimates tbody tr a")
        page.wait_for_load_state()
        assert page.locator("figure.interval-chart svg").count() == 1
        shot(page, "estimate-fa")


def test_a_job_page_follows_its_job_through_htmx_without_reloading(page: Page, web: WebApp) -> None:
    seed_review_queue(web)
    with serve(web.app) as origin:
        sign_in(page, "analyst", PASSWORD, at=f"{origin}/en/login")
        page.goto(f"{origin}/en/workspace/review")
        page.click("text=Link now")
        page.wait_for_load_state()
        assert "/en/workspace/review/jobs/" in page.url
        page.evaluate("window.gavahNotReloaded = true")
        page.wait_for_selector("section#job-status:not([hx-get])", timeout=90_000)
        assert page.evaluate("window.gavahNotReloaded === true"), "htmx swapped, no reload"
        shot(page, "review-link-job-en")
