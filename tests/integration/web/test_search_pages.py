"""The search box and API on SQLite and PostgreSQL: across scripts, never leaking the private."""

from __future__ import annotations

import pytest

from gavah.web import Role
from tests.integration.web.conftest import WebApp

SPELLINGS = ["Mohammad Hosseini", "محمد حسيني", "Mohamad Hoseini", "محمد\u200cحسینی"]


@pytest.mark.parametrize("query", SPELLINGS)
def test_the_public_api_finds_the_published_person_in_any_spelling(
    web_any: WebApp, query: str
) -> None:
    response = web_any.client().get("/api/v1/search", params={"q": query})
    assert response.status_code == 200
    assert [h["ref"] for h in response.json()["hits"]] == ["p-public"]


@pytest.mark.parametrize("query", SPELLINGS)
def test_the_workspace_api_finds_the_unpublished_record_too(web_any: WebApp, query: str) -> None:
    client = web_any.signed_in(Role.ANALYST)
    hits = client.get("/api/v1/workspace/search", params={"q": query}).json()["hits"]
    assert {h["ref"] for h in hits} == {"p-public", "src/17"}


def test_no_public_page_or_response_names_an_unpublished_person(web_any: WebApp) -> None:
    client = web_any.client()
    for query in ["حسینی", "Hosseini", "Zahra", "Zahra Hosseini", "Mohammad Hosseini"]:
        for url in ["/api/v1/search", "/fa/search", "/en/search"]:
            body = client.get(url, params={"q": query}).text
            assert "زهرا" not in body
            assert "p-private" not in body
            assert "src/17" not in body


def test_the_private_search_page_marks_what_is_unpublished(web: WebApp) -> None:
    html = web.signed_in(Role.DOCUMENTER).get("/en/workspace/search", params={"q": "Hosseini"})
    assert "Mohammad Hosseini" in html.text
    assert "not published" in html.text


def test_the_api_refuses_an_empty_or_overlong_query(web: WebApp) -> None:
    client = web.client()
    assert client.get("/api/v1/search", params={"q": ""}).status_code == 422
    assert client.get("/api/v1/search", params={"q": "x" * 201}).status_code == 422


def test_the_openapi_schema_documents_the_public_api(web: WebApp) -> None:
    schema = web.client().get("/api/openapi.json").json()
    assert "/api/v1/search" in schema["paths"]
    assert "/{lang}/login" not in schema["paths"], "pages are not API"
