"""The memorial, incident and publication pages, in both languages, and their JSON API.

Read-only tests run on the shared demo site; the approval journey builds its own store (over
SQLite and PostgreSQL) so the demo stays untouched.
"""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from gavah.linkage import record_uid
from gavah.model import Person, PersonStatus, StatusEvent
from gavah.store import RecordRepository, SourceRepository
from gavah.store.accounts import AuditRepository
from gavah.store.register import LinkResultRepository
from gavah.web.app import OPENAPI_URL
from gavah.web.security import CSRF_FIELD
from tests.integration.store.factories import make_record, make_source
from tests.integration.web.conftest import DemoSite, WebApp, csrf_of

PERSIAN_DIGIT = re.compile("[۰-۹]")


def _main(html: str) -> str:
    return html[html.index("<main>") : html.index("</main>")]


def _refs(html: str, lang: str) -> list[str]:
    return re.findall(rf'href="/{lang}/memorial/([a-z2-7]+)"', html)


@pytest.fixture(scope="module")
def public(demo_site: DemoSite) -> TestClient:
    return demo_site.web.client()


def test_the_memorial_lists_approved_victims_in_both_languages(public: TestClient) -> None:
    fa = public.get("/fa/memorial")
    en = public.get("/en/memorial")
    assert fa.status_code == en.status_code == 200
    assert 'dir="rtl"' in fa.text
    assert 'dir="ltr"' in en.text
    refs = _refs(fa.text, "fa")
    assert refs
    assert refs == _refs(en.text, "en")
    main = _main(fa.text)
    assert PERSIAN_DIGIT.search(main)
    listed = html.unescape(re.sub(r"<[^>]+>", " ", main[main.index('<ol class="memorial">') :]))
    found = re.search("[0-9]", listed)  # ages, days and counts are in Persian digits
    assert found is None, listed[max(0, found.start() - 80) : found.end() + 20]


def test_a_victim_page_shows_names_place_date_and_a_count_of_sources(public: TestClient) -> None:
    ref = _refs(public.get("/en/memorial").text, "en")[0]
    data = public.get(f"/api/v1/memorial/{ref}").json()
    en = _main(public.get(f"/en/memorial/{ref}").text)
    fa = _main(public.get(f"/fa/memorial/{ref}").text)
    assert data["sources"] >= 1
    for name in (data["name_fa"], data["name_latin"]):
        assert name in en
        assert name in fa
    assert en.index(data["name_latin"]) < en.index(data["name_fa"])
    assert fa.index(data["name_fa"]) < fa.index(data["name_latin"])
    if data["day"]:
        assert re.search(r"\d{4} \(\d+ \w+ 14\d\d\)", en)  # Gregorian, then Solar Hijri
        assert PERSIAN_DIGIT.search(fa)
    assert public.get("/en/memorial/nosuchref").status_code == 404
    assert public.get("/api/v1/memorial/nosuchref").status_code == 404


def test_the_memorial_api_pages_and_filters(public: TestClient) -> None:
    everyone = public.get("/api/v1/memorial").json()
    assert everyone["total"] >= len(everyone["victims"]) > 0
    assert set(everyone["victims"][0]) == {
        "ref", "name_fa", "name_latin", "age", "province", "province_fa", "province_en",
        "city_fa", "city_en", "day", "sources",
    }  # fmt: skip
    province = next(v["province"] for v in everyone["victims"] if v["province"])
    narrowed = public.get("/api/v1/memorial", params={"province": province}).json()
    assert 0 < narrowed["total"] < everyone["total"]
    assert {v["province"] for v in narrowed["victims"]} == {province}
    day = next(v["day"] for v in everyone["victims"] if v["day"])
    one_day = public.get("/api/v1/memorial", params={"since": day, "until": day}).json()
    assert one_day["total"] >= 1
    assert {v["day"] for v in one_day["victims"]} == {day}
    html = public.get("/en/memorial", params={"province": province}).text
    assert len(_refs(html, "en")) == min(narrowed["total"], 50)
    assert public.get("/en/memorial", params={"since": "yesterday"}).status_code == 400
    assert public.get("/api/v1/memorial", params={"since": "yesterday"}).status_code == 422


def test_incident_pages_show_acts_and_counts_by_grade(public: TestClient) -> None:
    listing = public.get("/api/v1/incidents").json()
    assert listing["total"] == len(listing["incidents"]) > 0
    graded = next(i for i in listing["incidents"] if i["counts"])
    detail = public.get(f"/api/v1/incidents/{graded['id']}").json()
    assert detail == graded
    for lang in ("fa", "en"):
        page = public.get(f"/{lang}/incidents")
        assert page.status_code == 200
        assert f'href="/{lang}/incidents/{graded["id"]}"' in page.text
        one = _main(public.get(f"/{lang}/incidents/{graded['id']}").text)
        assert graded["place"] in one
    en = _main(public.get(f"/en/incidents/{graded['id']}").text)
    assert graded["counts"][0]["grade"] in en
    fa = _main(public.get(f"/fa/incidents/{graded['id']}").text)
    assert PERSIAN_DIGIT.search(fa)
    assert public.get("/en/incidents/nosuch").status_code == 404
    assert public.get("/api/v1/incidents/nosuch").status_code == 404


def test_the_public_api_is_in_the_openapi_schema(public: TestClient) -> None:
    paths = public.get(OPENAPI_URL).json()["paths"]
    for path in ("/api/v1/memorial", "/api/v1/memorial/{ref}", "/api/v1/incidents"):
        assert paths[path]["get"]["tags"] == ["memorial"]
        assert "200" in paths[path]["get"]["responses"]
    assert "/{lang}/memorial" not in paths


@pytest.mark.parametrize("who", ["anonymous", "viewer", "documenter"])
def test_the_publication_page_refuses_who_may_not_grade(demo_site: DemoSite, who: str) -> None:
    web = demo_site.web
    client = web.client() if who == "anonymous" else web.signed_in(who)
    page = client.get("/en/workspace/publication")
    token = csrf_of(client, "/en/login")
    post = client.post(
        "/en/workspace/publication",
        data={"person_id": "x", "decision": "approved", CSRF_FIELD: token},
    )
    expected = 303 if who == "anonymous" else 403
    assert (page.status_code, post.status_code) == (expected, expected)


def test_the_publication_page_lists_candidates_with_grades(demo_site: DemoSite) -> None:
    client = demo_site.web.signed_in("analyst")
    for lang in ("fa", "en"):
        page = client.get(f"/{lang}/workspace/publication")
        assert page.status_code == 200
        assert page.text.count('name="decision" value="approved"') == 50
    en = _main(client.get("/en/workspace/publication").text)
    assert "published" in en
    assert "withheld" in en
    assert re.search(r"<td>(confirmed|fair|weak|contested|discounted)</td>", en)
    assert client.get("/en/workspace/publication", params={"status": "bogus"}).status_code == 400


def _seed(web: WebApp) -> list[str]:
    """Two linked persons of a synthetic list; return their ids."""
    source = make_source("memorial-test")
    records = [make_record(source, n, full_name=f"نام {n}") for n in range(3)]
    with web.store.session() as session:
        SourceRepository(session).add(source)
        RecordRepository(session).add_many(records)
    persons = {"PA": records[:2], "PB": records[2:]}
    with web.store.session() as session:
        LinkResultRepository(session).replace(
            [
                Person(
                    p,
                    f"شهید {p}",
                    f"martyr {p.lower()}",
                    (StatusEvent(PersonStatus.KILLED, None, rs[0].key),),
                )
                for p, rs in persons.items()
            ],
            {
                p: tuple(record_uid(r.source_id, r.record_id) for r in rs)
                for p, rs in persons.items()
            },
        )
    return list(persons)


def test_an_analyst_approves_and_withholds_and_the_memorial_follows(web_any: WebApp) -> None:
    _seed(web_any)
    anonymous = web_any.client()
    assert anonymous.get("/api/v1/memorial").json()["total"] == 0
    analyst = web_any.signed_in("analyst")
    token = csrf_of(analyst, "/en/workspace/publication")
    approved = analyst.post(
        "/en/workspace/publication",
        data={"person_id": "PA", "decision": "approved", "reason": "confirmed", CSRF_FIELD: token},
    )
    assert approved.status_code == 303
    (victim,) = anonymous.get("/api/v1/memorial").json()["victims"]
    assert victim["name_latin"] == "Martyr Pa"
    assert victim["sources"] == 1
    assert "شهید PA" in anonymous.get(f"/fa/memorial/{victim['ref']}").text
    withheld = analyst.post(
        "/en/workspace/publication",
        data={"person_id": "PA", "decision": "withheld", "reason": "family", CSRF_FIELD: token},
    )
    assert withheld.status_code == 303
    assert anonymous.get("/api/v1/memorial").json()["total"] == 0
    assert anonymous.get(f"/en/memorial/{victim['ref']}").status_code == 404
    with web_any.store.reader() as session:
        lines = [
            e for e in AuditRepository(session).latest(50) if e.action.startswith("publication")
        ]
    assert [(e.actor, e.action, e.target) for e in lines] == [
        ("analyst", "publication.withheld", "person PA"),
        ("analyst", "publication.approved", "person PA"),
    ]
    assert "reason: family" in (lines[0].detail or "")
    bad = analyst.post(
        "/en/workspace/publication",
        data={"person_id": "nobody", "decision": "approved", CSRF_FIELD: token},
    )
    assert bad.status_code == 404
