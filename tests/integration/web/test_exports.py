"""Exports from the browser: a BagIt bag of chosen evidence, refusals, audit, permissions."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from gavah.ledger import decode_entry
from gavah.store import EvidenceRepository
from gavah.store.accounts import AuditRepository
from gavah.store.ledger import LedgerRepository
from gavah.web.security import CSRF_FIELD
from tests.integration.web.conftest import csrf_of
from tests.integration.web.vault_site import VaultSite, site_with_upload

ORIGINAL = b"synthetic checkpoint log, not a real document"


def _site(
    tmp_path: Path, store_url: str | None, password_hash: str
) -> Iterator[tuple[VaultSite, str]]:
    yield from site_with_upload(tmp_path, store_url, password_hash, ("log.txt", ORIGINAL, "W-9"))


@pytest.fixture
def site(tmp_path: Path, password_hash: str) -> Iterator[tuple[VaultSite, str]]:
    """Over the copied SQLite database."""
    yield from _site(tmp_path, None, password_hash)


@pytest.fixture
def site_any(tmp_path: Path, store_url: str, password_hash: str) -> Iterator[tuple[VaultSite, str]]:
    """Over each backend."""
    yield from _site(tmp_path, store_url, password_hash)


def test_an_analyst_exports_a_bag_downloads_it_and_the_export_is_logged(
    site_any: tuple[VaultSite, str],
) -> None:
    made, evidence_id = site_any
    analyst = made.web.signed_in("analyst")
    form = {CSRF_FIELD: csrf_of(analyst, "/fa/workspace/exports"), "kind": "bagit"}
    form |= {"item": evidence_id, "recipient": "synthetic tribunal"}
    started = analyst.post("/fa/workspace/exports", data=form)
    assert started.status_code == 303, started.text
    export_id = started.headers["location"].split("done=", 1)[1]
    page = analyst.get(started.headers["location"])
    assert f"/fa/workspace/exports/{export_id}/download" in page.text
    download = analyst.get(f"/en/workspace/exports/{export_id}/download")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        names = archive.namelist()
        original = next(n for n in names if n.endswith(f"originals/{evidence_id}/log.txt"))
        assert archive.read(original) == ORIGINAL
        assert any(n.endswith("bag/bagit.txt") for n in names)
        assert any(n.endswith("bag/data/ledger/head.json") for n in names)
    with made.web.store.reader() as session:
        actions = [(e.action, e.target) for e in AuditRepository(session).latest(50)]
        item = EvidenceRepository(session).get(evidence_id)
        assert item is not None
        events = [
            decode_entry(e.entry) for e in LedgerRepository(session).positions_of(item.sha256)
        ]
    assert ("export", export_id) in actions
    assert ("download", export_id) in actions
    assert "exporting" in [e.type.value for e in events]
    token = csrf_of(analyst, "/en/workspace/exports")
    url = f"/en/workspace/exports/{export_id}/delete"
    assert analyst.post(url, data={CSRF_FIELD: token}).status_code == 303
    assert analyst.get(f"/en/workspace/exports/{export_id}/download").status_code == 404
    assert not list((made.workspace.root / "exports").glob("*.zip"))


def test_refusals_say_why(site: tuple[VaultSite, str]) -> None:
    made, _ = site
    analyst = made.web.signed_in("analyst")
    token = csrf_of(analyst, "/en/workspace/exports")
    nothing = analyst.post("/en/workspace/exports", data={CSRF_FIELD: token, "kind": "bagit"})
    assert nothing.status_code == 400
    assert "say what to export" in nothing.text
    no_kind = analyst.post("/en/workspace/exports", data={CSRF_FIELD: token})
    assert no_kind.status_code == 400
    ftm = analyst.post("/fa/workspace/exports", data={CSRF_FIELD: token, "kind": "ftm"})
    assert ftm.status_code == 400
    assert "no unit or official" in ftm.text
    assert (
        analyst.get("/en/workspace/exports/20260101T000000Z-00000000/download").status_code == 404
    )
    assert analyst.get("/en/workspace/exports/../../gavah.toml/download").status_code == 404


def test_documenters_and_viewers_cannot_export(site: tuple[VaultSite, str]) -> None:
    made, _ = site
    for who in ("documenter", "viewer"):
        client = made.web.signed_in(who)
        assert client.get("/en/workspace/exports").status_code == 403
    assert made.web.client().get("/fa/workspace/exports").status_code == 303
