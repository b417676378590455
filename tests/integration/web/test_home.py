"""The minimal page the demo serves: bilingual, right-to-left in Persian, no outside requests."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from gavah.web import create_app

COUNTS = {"records": 1234, "sources": 5}


def _client() -> TestClient:
    return TestClient(create_app(lambda: COUNTS, name="نمونه‌ی آزمایشی"))


def test_persian_page_is_right_to_left_with_persian_digits() -> None:
    response = _client().get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fa" dir="rtl">' in html
    assert "۱۲۳۴" in html
    assert "1234" not in html
    assert "نمونه‌ی آزمایشی" in html
    assert "ردیف‌های فهرست‌ها" in html, "table names are shown in Persian"


def test_english_page_is_left_to_right_with_ascii_digits() -> None:
    html = _client().get("/", params={"lang": "en"}).text
    assert '<html lang="en" dir="ltr">' in html
    assert "1234" in html
    assert "List records" in html


def test_unknown_language_falls_back_to_persian() -> None:
    assert 'dir="rtl"' in _client().get("/", params={"lang": "xx"}).text


def test_security_headers_forbid_other_origins() -> None:
    response = _client().get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["referrer-policy"] == "no-referrer"


def test_page_references_no_other_origin() -> None:
    client = _client()
    html = client.get("/").text
    urls = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert urls, "the page links its stylesheet"
    assert all(u.startswith("/") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_health_endpoint() -> None:
    assert _client().get("/healthz").json()["status"] == "ok"
