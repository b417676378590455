"""The lists page: imported list files, an import as a background job with progress and problems.

Imports run against each backend's own store (``web_any``); the read-only page checks use the
shared demo workspace.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from gavah.store import RecordRepository, SourceRepository
from gavah.web.jobs import board_of
from gavah.web.security import CSRF_FIELD
from tests.integration.web.conftest import DemoSite, WebApp, csrf_of

#: A synthetic list: line 3 has no record_id, line 4 repeats the id of line 2.
GOOD_AND_BAD = (
    "record_id,full_name,sex,age,province,city,date,event\n"
    "L-1,علی رضایی,male,23,Tehran,Tehran,2026-01-08,killed\n"
    ",زهرا احمدی,female,31,Tehran,Tehran,2026-01-08,killed\n"
    "L-1,مریم کریمی,female,40,Tehran,Tehran,2026-01-09,killed\n"
    "L-2,Reza Karimi,male,19,Isfahan,Isfahan,2026-01-09,killed\n"
)


def _import(client: TestClient, lang: str, name: str, data: str, source: str) -> str:
    """Post a list file; return the job page's path."""
    response = client.post(
        f"/{lang}/workspace/lists",
        data={"source": source, CSRF_FIELD: csrf_of(client, f"/{lang}/workspace/lists")},
        files={"file": (name, data.encode(), "text/csv")},
    )
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith(f"/{lang}/workspace/lists/jobs/")
    return location


def _finished(web: WebApp, client: TestClient, job_page: str) -> str:
    assert board_of(web.app).wait(job_page.rsplit("/", 1)[1], timeout=60)
    response = client.get(job_page)
    assert response.status_code == 200
    return response.text


def test_an_import_job_reports_each_refused_row_by_line_and_imports_the_rest(
    web_any: WebApp,
) -> None:
    client = web_any.signed_in("documenter")
    job_page = _import(client, "fa", "martyrs.csv", GOOD_AND_BAD, "فهرست آزمایشی")
    html = _finished(web_any, client, job_page)
    problems = re.findall(r"<li>([^<]*): <bdi dir=\"ltr\">([^<]*)</bdi></li>", html)
    # Lines 3 and 4 with their reasons, the line numbers in Persian digits on a Persian page.
    assert [(line.strip()[-1], reason.split()[-1]) for line, reason in problems] == [
        ("۳", "record_id"),  # "no record_id"
        ("۴", "2"),  # "record_id 'L-1' already used on line 2"
    ]
    with web_any.store.reader() as session:
        source = SourceRepository(session).get_by_name("فهرست آزمایشی")
        assert source is not None
        assert RecordRepository(session).count(source.id) == 2
    listing = client.get("/en/workspace/lists").text
    assert "martyrs.csv" in listing
    assert "فهرست آزمایشی" in listing
    fragment = client.get(job_page + "?fragment=1").text  # what htmx polls while it runs
    assert fragment.lstrip().startswith('<section id="job-status"')
    assert "<html" not in fragment
    english = client.get(job_page.replace("/fa/", "/en/", 1)).text
    assert "line 3" in english
    assert "line 4" in english
    again = _finished(
        web_any, client, _import(client, "en", "x.csv", GOOD_AND_BAD, "فهرست آزمایشی")
    )
    assert "already imported" in again  # the same bytes under the same source: nothing to do
    with web_any.store.reader() as session:
        assert RecordRepository(session).count() == 2


def test_a_file_without_record_ids_fails_with_its_reason_and_writes_nothing(
    web_any: WebApp,
) -> None:
    client = web_any.signed_in("documenter")
    html = _finished(
        web_any, client, _import(client, "en", "x.csv", "name,age\nAli,3\n", "Broken list")
    )
    assert "nothing was written" in html
    assert "record_id" in html
    with web_any.store.reader() as session:
        assert SourceRepository(session).get_by_name("Broken list") is None
        assert RecordRepository(session).count() == 0


def test_a_file_of_another_kind_or_without_a_source_is_refused_at_once(web: WebApp) -> None:
    client = web.signed_in("documenter")
    token = csrf_of(client, "/en/workspace/lists")
    wrong_kind = client.post(
        "/en/workspace/lists",
        data={"source": "S", CSRF_FIELD: token},
        files={"file": ("list.txt", b"record_id\n1\n", "text/plain")},
    )
    assert wrong_kind.status_code == 400
    assert "CSV (UTF-8) or XLSX" in wrong_kind.text
    no_source = client.post(
        "/fa/workspace/lists",
        data={"source": " ", CSRF_FIELD: token},
        files={"file": ("list.csv", b"record_id\n1\n", "text/csv")},
    )
    assert no_source.status_code == 400
    assert 'class="error"' in no_source.text
    assert not board_of(web.app).of_kind("list-import")


def test_the_lists_page_shows_the_form_only_to_importers(demo_site: DemoSite) -> None:
    web = demo_site.web
    documenter = web.signed_in("documenter").get("/fa/workspace/lists")
    assert documenter.status_code == 200
    assert 'dir="rtl"' in documenter.text
    assert 'enctype="multipart/form-data"' in documenter.text
    assert web.signed_in("viewer").get("/en/workspace/lists").status_code == 403
    assert web.client().get("/en/workspace/lists").status_code == 303


def test_an_unknown_job_is_not_found(demo_site: DemoSite) -> None:
    client = demo_site.web.signed_in("analyst")
    response = client.get("/en/workspace/lists/jobs/0123456789abcdef")
    assert response.status_code == 404
    assert "no such import job" in response.text
