"""The search box and API on SQLite and PostgreSQL: across scripts, never leaking the private.

The demo tests run on the shared ``demo_site`` (read only): a linked person found in the other
script and with Arabic letter forms, and the filters (status, grade, province, kind).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from gavah.store.publication import public_person_ids
from gavah.store.schema import EvidenceRow, IncidentRow, PersonRow, SourceRow
from gavah.store.schema_web import SearchDocumentRow
from gavah.web import Role
from tests.integration.web.conftest import DemoSite, WebApp

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


@dataclass(frozen=True)
class DemoPerson:
    id: str
    name_fa: str
    name_latin: str
    status: str


def _demo_person(demo_site: DemoSite, *, published: bool = False) -> DemoPerson:
    """A linked demo person with both scripts' names, a yeh in the Persian one and a status,
    approved for publication or not."""
    with demo_site.workspace.store().reader() as session:
        public = public_person_ids(session)
        rows = session.execute(
            select(PersonRow.id, PersonRow.name_fa, PersonRow.name_latin, PersonRow.status)
            .where(PersonRow.name_fa.contains("ی"), PersonRow.name_latin.is_not(None))
            .where(PersonRow.status.is_not(None))
            .order_by(PersonRow.id)
        ).all()
    found = [
        DemoPerson(pid, fa, latin, status)
        for pid, fa, latin, status in rows
        if fa and latin and status and (pid in public) is published
    ]
    assert found, "the demo has linked persons, published and not"
    return found[0]


def _refs(client: TestClient, url: str, **params: str | list[str]) -> list[str]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return [h["ref"] for h in response.json()["hits"]]


def test_a_demo_victim_is_found_in_the_other_script_and_with_arabic_letters(
    demo_site: DemoSite,
) -> None:
    person = _demo_person(demo_site)
    client = demo_site.web.signed_in(Role.ANALYST)
    arabic = person.name_fa.replace("ی", "ي").replace("ک", "ك")
    for query in [person.name_latin, arabic, person.name_latin.upper()]:
        refs = _refs(client, "/api/v1/workspace/search", q=query, kind="person", limit="50")
        assert person.id in refs, query
    html = client.get("/fa/workspace/search", params={"q": arabic}).text
    assert person.name_fa in html


def test_demo_filters_keep_and_drop_the_person(demo_site: DemoSite) -> None:
    person = _demo_person(demo_site)
    other = next(s for s in ["killed", "detained", "released"] if s != person.status)
    client = demo_site.web.signed_in(Role.ANALYST)
    url = "/api/v1/workspace/search"
    q = person.name_latin
    assert person.id in _refs(client, url, q=q, status=[person.status, other], limit="50")
    assert person.id not in _refs(client, url, q=q, status=other, limit="50")
    assert person.id not in _refs(client, url, q=q, kind="incident")
    with demo_site.workspace.store().reader() as session:
        grade, province = session.execute(
            select(SearchDocumentRow.skeleton, SearchDocumentRow.province).where(
                SearchDocumentRow.kind == "person", SearchDocumentRow.ref == person.id
            )
        ).one()
    found = [t for t in grade.split() if t.startswith("XFACETGRADE")]
    assert found, "demo persons are graded"
    graded = found[0].removeprefix("XFACETGRADE").lower()
    assert person.id in _refs(client, url, q=q, grade=graded, limit="50")
    assert person.id not in _refs(
        client, url, q=q, grade=[g for g in ("confirmed", "fair", "weak") if g != graded]
    )
    if province:
        assert person.id in _refs(client, url, q=q, province=province, limit="50")
        assert person.id not in _refs(client, url, q=q, province="IR-99")


def test_the_no_js_form_accepts_empty_fields_and_refuses_bad_ones(demo_site: DemoSite) -> None:
    person = _demo_person(demo_site)
    client = demo_site.web.signed_in(Role.DOCUMENTER)
    empty = {"q": person.name_latin, "province": "", "since": "", "until": ""}
    page = client.get("/en/workspace/search", params=empty)
    assert page.status_code == 200
    assert person.name_latin in page.text
    assert 'name="status" value="killed"' in page.text
    public = demo_site.web.client()
    assert public.get("/fa/search", params=empty).status_code == 200
    for bad in [{"since": "yesterday"}, {"status": "alive"}, {"province": "XX"}]:
        response = public.get("/en/search", params={"q": "Ali", **bad})
        assert response.status_code == 400, bad
        assert next(iter(bad)) in response.text


def test_the_public_search_finds_a_published_victim_in_the_other_script(
    demo_site: DemoSite,
) -> None:
    person = _demo_person(demo_site, published=True)
    client = demo_site.web.client()
    arabic = person.name_fa.replace("ی", "ي").replace("ک", "ك")
    for query in [person.name_latin, arabic]:
        assert person.id in _refs(client, "/api/v1/search", q=query, limit="50"), query
    assert person.name_fa in client.get("/en/search", params={"q": person.name_latin}).text


def test_the_public_api_never_returns_sources_evidence_or_unpublished_persons(
    demo_site: DemoSite,
) -> None:
    hidden = _demo_person(demo_site, published=False)
    client = demo_site.web.client()
    for q in [hidden.name_latin, hidden.name_fa]:
        assert hidden.id not in _refs(client, "/api/v1/search", q=q, limit="50")
        assert hidden.id not in client.get("/fa/search", params={"q": q}).text
    for kind in ["source", "evidence"]:
        for q in ["list", "evidence", "jpg", hidden.name_latin]:
            assert _refs(client, "/api/v1/search", q=q, kind=kind) == [], (kind, q)
    assert client.get("/api/v1/search", params={"q": "x", "status": "alive"}).status_code == 422


def test_the_openapi_schema_documents_the_filters(web: WebApp) -> None:
    schema = web.client().get("/api/openapi.json").json()
    for path in ["/api/v1/search", "/api/v1/workspace/search"]:
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"q", "province", "since", "until", "status", "grade", "kind", "limit"} <= names


def test_evidence_and_sources_are_found_in_the_workspace_only(demo_site: DemoSite) -> None:
    with demo_site.workspace.store().reader() as session:
        evidence_id, filename = session.execute(
            select(EvidenceRow.id, EvidenceRow.original_filename).order_by(EvidenceRow.id)
        ).first() or ("", "")
        source_id, source_name = session.execute(
            select(SourceRow.id, SourceRow.name).order_by(SourceRow.id)
        ).first() or ("", "")
    assert evidence_id, "the demo ingests evidence"
    analyst = demo_site.web.signed_in(Role.ANALYST)
    url = "/api/v1/workspace/search"
    assert evidence_id in _refs(analyst, url, q=filename, kind="evidence")
    assert source_id in _refs(analyst, url, q=source_name, kind="source")
    anybody = demo_site.web.client()
    assert _refs(anybody, "/api/v1/search", q=filename) == []
    assert source_id not in _refs(anybody, "/api/v1/search", q=source_name)


def test_incidents_are_public_and_the_page_links_them(demo_site: DemoSite) -> None:
    with demo_site.workspace.store().reader() as session:
        incident_id, place = session.execute(
            select(IncidentRow.id, IncidentRow.place_name).order_by(IncidentRow.id)
        ).first() or ("", "")
    assert incident_id, "the demo has incidents"
    client = demo_site.web.client()
    assert incident_id in _refs(client, "/api/v1/search", q=place, kind="incident", limit="50")
    html = client.get("/en/search", params={"q": place, "kind": "incident"}).text
    assert f'href="/en/incidents/{incident_id}"' in html
