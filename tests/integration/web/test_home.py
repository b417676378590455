"""Pages in both languages: right-to-left Persian with Persian digits, left-to-right English."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gavah.web import create_app
from tests.integration.web.conftest import WORKSPACE, WebApp

COUNTS = {"records": 1234, "sources": 5}


def _bare() -> TestClient:
    """The app without a store: what ``gavah serve`` showed before accounts existed."""
    return TestClient(
        create_app(lambda: COUNTS, name=WORKSPACE),
        base_url="https://testserver",
        follow_redirects=False,
    )


def test_persian_page_is_right_to_left_with_persian_digits() -> None:
    response = _bare().get("/fa/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fa" dir="rtl">' in html
    assert "۱٬۲۳۴" in html
    assert "1234" not in html
    assert "1,234" not in html
    assert WORKSPACE in html
    assert "ردیف‌های فهرست‌ها" in html, "table names come from the Persian catalog"
    assert "جست‌وجو" in html


def test_english_page_is_left_to_right_with_ascii_digits() -> None:
    html = _bare().get("/en/").text
    assert '<html lang="en" dir="ltr">' in html
    assert "1,234" in html
    assert "List records" in html


def test_each_page_links_to_itself_in_the_other_language() -> None:
    client = _bare()
    assert 'href="/en/search"' in client.get("/fa/search").text
    assert 'href="/fa/search"' in client.get("/en/search").text


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        (None, "/fa/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fa-IR", "/fa/"),
        ("de, en;q=0.5", "/en/"),
        ("en;q=0.3, fa;q=0.8", "/fa/"),
        ("xx;q=bad", "/fa/"),
    ],
)
def test_the_root_sends_the_browser_to_its_language(accept: str | None, target: str) -> None:
    headers = {"accept-language": accept} if accept else {}
    response = _bare().get("/", headers=headers)
    assert response.status_code == 303
    assert response.headers["location"] == target


def test_the_root_honours_a_lang_parameter() -> None:
    assert _bare().get("/", params={"lang": "en"}).headers["location"] == "/en/"
    assert _bare().get("/", params={"lang": "xx"}).headers["location"] == "/fa/"


def test_an_unknown_language_is_not_found() -> None:
    assert _bare().get("/xx/").status_code == 404


def test_health_endpoint() -> None:
    assert _bare().get("/healthz").json()["status"] == "ok"


def test_persian_search_shows_solar_hijri_beside_gregorian(web: WebApp) -> None:
    html = web.client().get("/fa/search", params={"q": "Mohammad Hosseini"}).text
    assert "۱۸ دی ۱۴۰۴" in html
    assert "ژانویه" in html
    assert "۲۰۲۶" in html
    english = web.client().get("/en/search", params={"q": "Mohammad Hosseini"}).text
    assert "January 8, 2026 (18 Dey 1404)" in english
