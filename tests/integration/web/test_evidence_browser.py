"""The evidence journey in headless Chromium, in both languages: a documenter uploads a file
through the page (the resumable script, in small chunks, with one chunk lost on the way), finds it
in the evidence list and checks its proof. The harness is :mod:`tests.integration.web.browser`;
screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route

from gavah.web import Role
from tests.integration.web.browser import Watch, serve, shot, sign_in
from tests.integration.web.conftest import PASSWORD
from tests.integration.web.vault_site import VaultSite, build_site

pytestmark = pytest.mark.browser

#: 64 KiB chunks, so that the synthetic file below goes in four PATCH requests.
CHUNK = 65536
DATA = b"".join(b"synthetic browser upload line %06d\n" % i for i in range(6000))


@pytest.fixture
def site(tmp_path: Path, password_hash: str) -> Iterator[VaultSite]:
    made = build_site(tmp_path, None, password_hash, toml_extra=f"[uploads]\nchunk_bytes = {CHUNK}")
    yield made
    made.workspace.close()


@pytest.fixture
def served(site: VaultSite) -> Iterator[str]:
    """The vault site on a loopback port, in a thread."""
    with serve(site.web.app) as origin:
        yield origin


@pytest.fixture
def browser_locale() -> None:
    """Chromium's own locale: the page's language comes from its path alone."""


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_documenter_uploads_finds_and_proves_a_file(
    page: Page, served: str, lang: str, tmp_path: Path
) -> None:
    watch = Watch(page, served)
    lost: list[str] = []

    def drop_one_chunk(route: Route) -> None:
        request = route.request
        if (
            request.method == "PATCH"
            and request.headers.get("upload-offset") == str(CHUNK)
            and not lost
        ):
            lost.append(request.url)
            route.abort("connectionreset")
            return
        route.continue_()

    page.route("**/api/v1/workspace/uploads/*", drop_one_chunk)
    page.goto(f"{served}/{lang}/workspace/upload")
    sign_in(page, str(Role.DOCUMENTER), PASSWORD)
    page.wait_for_url(f"**/{lang}/workspace/upload")
    original = tmp_path / f"rooftop-{lang}.txt"
    original.write_bytes(DATA)
    page.set_input_files("#file", str(original))
    page.fill("#source", "synthetic witness")
    shot(page, f"evidence-upload-{lang}")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(f"**/{lang}/workspace/evidence/*?uploaded=1", timeout=30_000)
    assert lost, "one chunk was lost on the way and the script resumed"
    assert page.locator("html").get_attribute("lang") == lang
    assert original.name in page.content()
    shot(page, f"evidence-item-{lang}")
    page.goto(f"{served}/{lang}/workspace/evidence")
    link = page.locator("table.evidence a").first
    assert link.count() == 1
    assert original.name in page.locator("table.evidence").inner_text()
    shot(page, f"evidence-list-{lang}")
    link.click()
    page.click("a.button")
    result = page.locator("#proof-result")
    assert result.get_attribute("class") == "ok"
    shot(page, f"evidence-proof-{lang}")
    assert [
        e for e in watch.errors if "ERR_CONNECTION_RESET" not in e and "Failed to load" not in e
    ] == []
