"""The estimates pages: stored runs with diagnostics and chart, and a run as a background job.

The run (log-linear, fast) goes to a copy of the demo workspace; a run without linked persons
fails with its reason on each backend; the read-only checks use the shared demo workspace.
"""

from __future__ import annotations

import re
from pathlib import Path

from gavah.store import EstimateRepository
from gavah.web.jobs import board_of
from gavah.web.security import CSRF_FIELD
from tests.integration.web.conftest import DemoSite, WebApp, csrf_of
from tests.integration.web.demo_copies import demo_copy


def _run(web: WebApp, form: dict[str, str]) -> str:
    client = web.signed_in("analyst")
    token = csrf_of(client, "/en/workspace/estimates")
    response = client.post("/en/workspace/estimates", data={**form, CSRF_FIELD: token})
    assert response.status_code == 303, response.text
    job_page = response.headers["location"]
    assert board_of(web.app).wait(job_page.rsplit("/", 1)[1], timeout=120)
    return client.get(job_page).text


def test_an_estimate_job_stores_the_run_with_its_figures(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    with demo_copy(demo_site, tmp_path) as web:
        with web.store.reader() as session:
            before = len(EstimateRepository(session).list())
        html = _run(web, {"method": "loglinear", "strata": "sex", "seed": "7"})
        with web.store.reader() as session:
            runs = EstimateRepository(session).list()
        assert len(runs) == before + 1
        assert runs[-1].strata == "sex"
        assert f"/en/workspace/estimates/{runs[-1].id}" in html
        client = web.signed_in("viewer")
        assert client.get(f"/en/workspace/estimates/{runs[-1].id}").status_code == 403
        page = web.signed_in("documenter").get(f"/fa/workspace/estimates/{runs[-1].id}")
        assert page.status_code == 200
        assert "<svg" in page.text
        figures = re.findall(r'src="(/fa/workspace/estimates/\d+/plots/\w+\.png)"', page.text)
        assert figures
        png = web.signed_in("documenter").get(figures[0])
        assert png.status_code == 200
        assert png.headers["content-type"] == "image/png"
        assert png.content.startswith(b"\x89PNG")


def test_an_estimate_without_linked_persons_fails_with_its_reason(web_any: WebApp) -> None:
    html = _run(web_any, {"method": "lcmcr", "iterations": "2000"})
    assert "nothing was stored" in html
    assert "no linked persons" in html
    with web_any.store.reader() as session:
        assert EstimateRepository(session).list() == []


def test_a_bad_form_is_refused_with_a_message(web: WebApp) -> None:
    client = web.signed_in("admin")
    token = csrf_of(client, "/en/workspace/estimates")
    for form, message in (
        ({"method": "magic"}, "Choose log-linear or LCMCR."),
        ({"method": "lcmcr", "strata": "shoe size"}, "Choose a stratum field"),
        ({"method": "lcmcr", "seed": "-1"}, "The seed must be a whole number."),
        ({"method": "lcmcr", "iterations": "7"}, "Choose a run length"),
    ):
        response = client.post("/en/workspace/estimates", data={**form, CSRF_FIELD: token})
        assert response.status_code == 400
        assert message in response.text
    assert not board_of(web.app).of_kind("estimate")


def test_the_stored_demo_estimate_in_both_languages(demo_site: DemoSite) -> None:
    client = demo_site.web.signed_in("documenter")
    listing = client.get("/fa/workspace/estimates")
    assert listing.status_code == 200
    assert 'name="method"' not in listing.text  # documenters see runs, do not start them
    ids = re.findall(r'href="/fa/workspace/estimates/(\d+)"', listing.text)
    assert ids
    with demo_site.web.store.reader() as session:
        stored = EstimateRepository(session).get(int(ids[0]))
    english = client.get(f"/en/workspace/estimates/{ids[0]}")
    assert english.status_code == 200
    assert stored.input_sha256 in english.text
    assert str(stored.result["diagnostics"]["verdict"]) in english.text
    persian = client.get(f"/fa/workspace/estimates/{ids[0]}")
    observed = f"{stored.result['observed']}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert observed in persian.text
    assert client.get("/en/workspace/estimates/999999").status_code == 404
    assert client.get("/en/workspace/estimates/1/plots/trace.png").status_code == 404
    analyst = demo_site.web.signed_in("analyst").get("/en/workspace/estimates")
    assert 'name="method"' in analyst.text
