"""The linkage review pages: the queue, a pair and why it scored so, decisions, linking again.

Decisions run against each backend's own store (``web_any``, with synthetic records and queue);
the split of a person on the next link runs on a copy of the demo workspace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gavah.linkage import Judgement, record_uid
from gavah.store.accounts import AuditRepository
from gavah.store.register import LinkResultRepository, ReviewRepository
from gavah.web.jobs import board_of
from gavah.web.security import CSRF_FIELD
from tests.integration.web.conftest import DemoSite, WebApp, csrf_of
from tests.integration.web.demo_copies import demo_copy
from tests.integration.web.review_queue import A, B, seed_review_queue


def _pair_links(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'href="(/\w\w/workspace/review/pair\?[^"]+)"', html)]


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no field {name}"
    return unescape(found.group(1))


def _decide(client: TestClient, lang: str, pair_page: str, judgement: str, reason: str) -> int:
    html = client.get(pair_page).text
    left, right, token = (_field(html, name) for name in ("left", "right", CSRF_FIELD))
    response = client.post(
        f"/{lang}/workspace/review/decide",
        data={
            "left": left,
            "right": right,
            "judgement": judgement,
            "reason": reason,
            CSRF_FIELD: token,
        },
    )
    return response.status_code


def test_a_decision_is_recorded_with_the_reviewer_and_leaves_the_queue(web_any: WebApp) -> None:
    seed_review_queue(web_any)
    client = web_any.signed_in("analyst")
    queue = client.get("/fa/workspace/review")
    assert queue.status_code == 200
    links = _pair_links(queue.text)
    assert len(links) == 2
    assert "۰٫۴۵" in queue.text  # the probability, in Persian digits
    pair = client.get(links[0])
    assert pair.status_code == 200
    assert "whole name nearly agrees" in pair.text
    assert "Mohammad Hosseini" in pair.text
    assert "محمد حسینی" in pair.text
    assert _decide(client, "fa", links[0], "different", "different fathers") == 303
    with web_any.store.reader() as session:
        [decision] = ReviewRepository(session).latest()
        audit = [e.action for e in AuditRepository(session).latest(20)]
    assert (decision.left, decision.right) == (A, B)
    assert decision.judgement is Judgement.DIFFERENT
    assert decision.reviewer == "analyst"
    assert decision.reason == "different fathers"
    assert "review-decide" in audit
    after = client.get("/en/workspace/review").text
    assert len(_pair_links(after)) == 1
    assert "Decided since the last link" in after


def test_a_bad_decision_is_refused_with_a_message(web: WebApp) -> None:
    seed_review_queue(web)
    client = web.signed_in("admin")
    token = csrf_of(client, "/en/workspace/review")
    wrong = client.post(
        "/en/workspace/review/decide",
        data={"left": A, "right": B, "judgement": "maybe", CSRF_FIELD: token},
    )
    assert wrong.status_code == 400
    assert "same, different or unsure" in wrong.text
    unknown = client.post(
        "/en/workspace/review/decide",
        data={
            "left": A,
            "right": record_uid("src-b", "nobody"),
            "judgement": "same",
            CSRF_FIELD: token,
        },
    )
    assert unknown.status_code == 404
    with web.store.reader() as session:
        assert ReviewRepository(session).latest() == []


def test_the_queue_is_for_reviewers_only(demo_site: DemoSite) -> None:
    web = demo_site.web
    assert web.signed_in("documenter").get("/en/workspace/review").status_code == 403
    assert web.signed_in("viewer").get("/fa/workspace/review").status_code == 403
    english = web.signed_in("analyst").get("/en/workspace/review")
    assert english.status_code == 200
    links = _pair_links(english.text)
    assert links
    pair = web.signed_in("analyst").get(links[0])
    assert pair.status_code == 200
    assert "Total match weight" in pair.text
    assert 'class="contributions"' in pair.text


@pytest.fixture
def copied(demo_site: DemoSite, tmp_path: Path) -> Iterator[WebApp]:
    """A writable copy of the demo workspace, served."""
    with demo_copy(demo_site, tmp_path) as made:
        yield made


def test_a_different_decision_splits_a_person_on_the_next_link(copied: WebApp) -> None:
    with copied.store.reader() as session:
        assignments = LinkResultRepository(session).current_assignments()
    by_person: dict[str, list[str]] = {}
    for uid, person in sorted(assignments.items()):
        by_person.setdefault(person, []).append(uid)
    left, right = next(uids[:2] for uids in by_person.values() if len(uids) == 2)
    client = copied.signed_in("analyst")
    page = "/en/workspace/review/pair?" + "&".join(
        f"{k}={v.replace(chr(31), '%1F')}" for k, v in (("left", left), ("right", right))
    )
    shown = client.get(page)
    assert shown.status_code == 200
    assert "not in the review queue" in shown.text
    assert _decide(client, "en", page, "different", "two brothers") == 303
    relink = client.post(
        "/en/workspace/review/relink", data={CSRF_FIELD: csrf_of(client, "/en/workspace/review")}
    )
    assert relink.status_code == 303
    job_page = relink.headers["location"]
    assert board_of(copied.app).wait(job_page.rsplit("/", 1)[1], timeout=120)
    done = client.get(job_page).text
    assert "records linked into" in done
    with copied.store.reader() as session:
        after = LinkResultRepository(session).current_assignments()
    assert after[left] != after[right]
