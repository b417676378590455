"""The claims pages: the board, one claim explained, grading now, and who sees source identities.

Grading runs against each backend's own store (``web_any``, two synthetic sources whose counts
compete); the read-only checks use the shared demo workspace.
"""

from __future__ import annotations

import re

from gavah.model import Claim, ClaimKind, Report, Source, SourceKind
from gavah.model.incident import VictimCount
from gavah.store import ClaimRepository, ReportRepository, SourceRepository
from gavah.store.grades import GradeRepository
from gavah.web.security import CSRF_FIELD
from tests.integration.web.conftest import DemoSite, WebApp, csrf_of

SECRET = "Channel of a hidden witness"


def _seed(web: WebApp) -> None:
    """Two sources claim different national counts of the killed."""
    with web.store.session() as session:
        sources = SourceRepository(session)
        sources.add(Source(id="s-1", name=SECRET, kind=SourceKind.MEDIA))
        sources.add(Source(id="s-2", name="Rights group Y", kind=SourceKind.NGO))
        reports = ReportRepository(session)
        reports.add(Report(id="r-1", source_id="s-1", title="first report"))
        reports.add(Report(id="r-2", source_id="s-2", title="second report"))
        ClaimRepository(session).add_many(
            [
                Claim(
                    id="c-1",
                    report_id="r-1",
                    kind=ClaimKind.NATIONAL_COUNT,
                    text="at least 100 killed",
                    subject={"status": "killed"},
                    count=VictimCount(100),
                ),
                Claim(
                    id="c-2",
                    report_id="r-2",
                    kind=ClaimKind.NATIONAL_COUNT,
                    text="150 to 200 killed",
                    subject={"status": "killed"},
                    count=VictimCount(150, 200),
                ),
            ]
        )


def test_grading_now_stores_the_grades_and_shows_what_changed(web_any: WebApp) -> None:
    _seed(web_any)
    client = web_any.signed_in("analyst")
    board = client.get("/fa/workspace/claims")
    assert board.status_code == 200
    assert "۱۵۰–۲۰۰" in board.text
    assert SECRET in board.text
    token = csrf_of(client, "/en/workspace/claims")
    first = client.post("/en/workspace/claims/grade", data={CSRF_FIELD: token})
    assert first.status_code == 200
    assert "(ungraded)" in first.text
    assert len(re.findall(r"/en/workspace/claims/c-\d", first.text)) == 2
    with web_any.store.reader() as session:
        stored = GradeRepository(session).latest()
    assert sorted(stored) == ["c-1", "c-2"]
    again = client.post("/en/workspace/claims/grade", data={CSRF_FIELD: token})
    assert "No grade changed since the last stored grading." in again.text
    claim = client.get("/en/workspace/claims/c-1")
    assert claim.status_code == 200
    assert stored["c-1"].grade in claim.text
    assert "not stored yet" not in claim.text


def test_source_identities_are_shown_only_with_view_restricted(web: WebApp) -> None:
    _seed(web)
    documenter = web.signed_in("documenter")
    for page in ("/en/workspace/claims", "/fa/workspace/claims/c-1"):
        response = documenter.get(page)
        assert response.status_code == 200
        assert SECRET not in response.text
        assert "Rights group Y" not in response.text
    assert SECRET in web.signed_in("admin").get("/en/workspace/claims/c-1").text
    refused = documenter.post(
        "/en/workspace/claims/grade",
        data={CSRF_FIELD: csrf_of(documenter, "/en/workspace/lists")},
    )
    assert refused.status_code == 403


def test_the_demo_board_and_a_claim_in_both_languages(demo_site: DemoSite) -> None:
    client = demo_site.web.signed_in("analyst")
    english = client.get("/en/workspace/claims?competing=1")
    assert english.status_code == 200
    claim_ids = re.findall(r'href="/en/workspace/claims/([^"?]+)"', english.text)
    assert claim_ids
    persian = client.get(f"/fa/workspace/claims/{claim_ids[0]}")
    assert persian.status_code == 200
    assert 'dir="rtl"' in persian.text
    assert 'class="streams"' in persian.text
    assert client.get("/en/workspace/claims/no-such-claim").status_code == 404
    assert demo_site.web.signed_in("viewer").get("/en/workspace/claims").status_code == 403
