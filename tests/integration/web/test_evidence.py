"""Browsing evidence: list, item, custody history, proof; restricted fields by role; languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gavah.ledger.verifier import verify_inclusion_document
from gavah.web.vault_access import workspace_verifier
from tests.integration.web.conftest import DemoSite
from tests.integration.web.vault_site import VaultSite, site_with_upload

#: A synthetic witness's name: restricted, shown only with view_restricted.
WITNESS = "Witness Parvaneh-Synthetic"


def _site(
    tmp_path: Path, store_url: str | None, password_hash: str
) -> Iterator[tuple[VaultSite, str]]:
    yield from site_with_upload(
        tmp_path,
        store_url,
        password_hash,
        ("rooftop-notes.txt", b"synthetic rooftop notes", WITNESS),
    )


@pytest.fixture
def site(tmp_path: Path, password_hash: str) -> Iterator[tuple[VaultSite, str]]:
    """Over the copied SQLite database."""
    yield from _site(tmp_path, None, password_hash)


@pytest.fixture
def site_any(tmp_path: Path, store_url: str, password_hash: str) -> Iterator[tuple[VaultSite, str]]:
    """Over each backend."""
    yield from _site(tmp_path, store_url, password_hash)


def test_documenters_see_the_item_without_its_source_analysts_with_it(
    site: tuple[VaultSite, str],
) -> None:
    made, evidence_id = site
    documenter = made.web.clients[0]
    analyst = made.web.signed_in("analyst")
    for lang in ("en", "fa"):
        listing = documenter.get(f"/{lang}/workspace/evidence")
        item = documenter.get(f"/{lang}/workspace/evidence/{evidence_id}")
        assert listing.status_code == item.status_code == 200
        assert evidence_id in listing.text
        assert "rooftop-notes.txt" in item.text
        assert "message digest calculation" in item.text  # the custody history
        assert "web upload by documenter" in item.text
        assert WITNESS not in listing.text + item.text
        seen = analyst.get(f"/{lang}/workspace/evidence/{evidence_id}").text
        assert WITNESS in seen
        assert WITNESS in analyst.get(f"/{lang}/workspace/evidence").text
    assert 'dir="rtl"' in documenter.get("/fa/workspace/evidence").text
    assert "۱ " in documenter.get("/fa/workspace/evidence").text  # "۱ items": Persian digits


def test_the_proof_checks_out_on_the_page_and_as_a_download(
    site_any: tuple[VaultSite, str],
) -> None:
    made, evidence_id = site_any
    documenter = made.web.clients[0]
    for lang in ("en", "fa"):
        page = documenter.get(f"/{lang}/workspace/evidence/{evidence_id}/proof")
        assert page.status_code == 200
        assert 'class="ok" role="status" id="proof-result"' in page.text
    # The document names the source: only for view_restricted.
    url = f"/api/v1/workspace/evidence/{evidence_id}/proof"
    assert documenter.get(url).status_code == 403
    download = made.web.signed_in("analyst").get(url)
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    head = verify_inclusion_document(download.json(), workspace_verifier(made.workspace).vkey)
    assert head.tree_size >= 3


def test_unknown_items_are_404_and_viewers_are_refused(site: tuple[VaultSite, str]) -> None:
    made, _ = site
    documenter = made.web.clients[0]
    assert documenter.get("/en/workspace/evidence/01NOSUCHITEM").status_code == 404
    assert documenter.get("/fa/workspace/evidence/01NOSUCHITEM/proof").status_code == 404
    viewer = made.web.signed_in("viewer")
    assert viewer.get("/en/workspace/evidence").status_code == 403
    assert made.web.client().get("/en/workspace/evidence").status_code == 303


def test_the_demo_holds_evidence_to_browse(demo_site: DemoSite) -> None:
    client = demo_site.web.signed_in("documenter")
    listing = client.get("/en/workspace/evidence")
    assert listing.status_code == 200
    assert listing.text.count('href="/en/workspace/evidence/') == 6
    first = listing.text.split('href="/en/workspace/evidence/', 1)[1].split('"', 1)[0]
    proof = client.get(f"/fa/workspace/evidence/{first}/proof")
    assert 'class="ok"' in proof.text
