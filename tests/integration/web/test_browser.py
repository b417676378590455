"""The pages in a real headless Chromium (Debian's, through Playwright): both languages.

Chromium comes from ``scripts/ensure-chromium.sh`` (``/usr/bin/chromium``); Playwright is told
to use it and downloads nothing. Without it these tests FAIL, unless ``GAVAH_ALLOW_NO_BROWSER=1``
says that skipping is acceptable on this machine. Screenshots go to
``$GAVAH_TEST_ARTIFACTS`` (default ``test-artifacts/``) under ``browser/``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import ConsoleMessage, Page, Request, sync_playwright

from gavah.web import Role
from tests.integration.web.conftest import PASSWORD, WebApp

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.browser


def _artifacts() -> Path:
    base = Path(os.environ.get("GAVAH_TEST_ARTIFACTS", ROOT / "test-artifacts"))
    folder = base / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh"
        if os.environ.get("GAVAH_ALLOW_NO_BROWSER") == "1":
            pytest.skip(message)
        pytest.fail(message + " (or set GAVAH_ALLOW_NO_BROWSER=1 to skip)")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(web: WebApp) -> Iterator[str]:
    """The test app on a real loopback port, in a thread."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(web.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page(chromium_path: Path) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), headless=True)
        context = browser.new_context(locale="fa-IR")
        yield context.new_page()
        context.close()
        browser.close()


class _Watch:
    """What a page asked for and complained about."""

    def __init__(self, page: Page, origin: str) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request(origin))
        page.on("console", self._console)

    def _request(self, origin: str) -> Callable[[Request], None]:
        def record(request: Request) -> None:
            url = request.url
            if not url.startswith(origin) and not url.startswith("data:"):
                self.outside.append(url)

        return record

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_the_home_page_in_headless_chromium(
    page: Page, served: str, lang: str, direction: str
) -> None:
    watch = _Watch(page, served)
    page.goto(f"{served}/{lang}/")
    page.wait_for_load_state("networkidle")
    html = page.locator("html")
    assert html.get_attribute("dir") == direction
    assert html.get_attribute("lang") == lang
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    assert page.evaluate("typeof htmx") == "object", "htmx loaded under the CSP"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Vazirmatn" in family
    page.screenshot(path=str(_artifacts() / f"home-{lang}.png"), full_page=True)
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
    page.screenshot(path=str(_artifacts() / "search-fa.png"), full_page=True)


def test_an_analyst_signs_in_and_reaches_the_workspace(page: Page, served: str) -> None:
    page.goto(f"{served}/en/workspace/")
    assert "/en/login" in page.url
    page.fill("#name", str(Role.ANALYST))
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/en/workspace/")
    assert page.locator("h1").inner_text() == "Workspace"
    page.screenshot(path=str(_artifacts() / "workspace-en.png"), full_page=True)
