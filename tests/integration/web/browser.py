"""The harness of the browser tests: the app on a loopback port, Debian's Chromium, helpers.

Chromium comes from ``scripts/ensure-chromium.sh`` (``/usr/bin/chromium``); Playwright is told
to use it and downloads nothing. Without it the browser tests FAIL, unless
``GAVAH_ALLOW_NO_BROWSER=1`` says that skipping is acceptable on this machine. Screenshots go to
``$GAVAH_TEST_ARTIFACTS`` (default ``test-artifacts/``) under ``browser/``.

The fixtures (``chromium``, ``browser_locale``, ``page``, ``served``) are registered for the web
tests by ``conftest.py``; a test module overrides ``served`` (another app) or ``browser_locale``
(another ``Accept-Language``) with a fixture of the same name.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

if TYPE_CHECKING:
    from fastapi import FastAPI

    from tests.integration.web.conftest import WebApp

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[3]


def artifacts() -> Path:
    """The screenshot folder, ``$GAVAH_TEST_ARTIFACTS/browser`` (made if missing)."""
    base = Path(os.environ.get("GAVAH_TEST_ARTIFACTS", ROOT / "test-artifacts"))
    folder = base / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shot(page: Page, name: str) -> None:
    """A full-page screenshot of ``page`` as ``<artifacts>/<name>.png``."""
    page.screenshot(path=str(artifacts() / f"{name}.png"), full_page=True)


def chromium_path() -> Path:
    """Debian's Chromium; fail without it, or skip if ``GAVAH_ALLOW_NO_BROWSER=1``."""
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


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """``app`` on a free loopback port, in a thread; yields its origin."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
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


def sign_in(page: Page, name: str, password: str, *, at: str | None = None) -> None:
    """Sign in through the login form (on the page now open, or at the URL ``at``)."""
    if at is not None:
        page.goto(at)
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("form button[type=submit]")
    page.wait_for_load_state()


class Watch:
    """What a page asked for from another origin, and its console errors (CSP, scripts)."""

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


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the module's tests (each gets its own context)."""
    path = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(path), headless=True)
        yield launched
        launched.close()


@pytest.fixture
def browser_locale() -> str | None:
    """The browser's locale (``None``: Chromium's default)."""
    return "fa-IR"


@pytest.fixture(name="page")
def browser_page(chromium: Browser, browser_locale: str | None) -> Iterator[Page]:
    """``page``: a page in a fresh browser context (no cookies), closed after the test."""
    context = chromium.new_context(locale=browser_locale)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def served(web: WebApp) -> Iterator[str]:
    """The test app (``web``) on a real loopback port, in a thread."""
    with serve(web.app) as origin:
        yield origin
