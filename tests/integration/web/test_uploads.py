"""Resumable uploads (tus 1.0): the flow, resuming after an interruption and a restart, refusals.

Each test copies a workspace with unlocked keys (``vault_site``), over SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gavah.ledger import decode_entry
from gavah.store import EvidenceRepository
from gavah.store.accounts import AuditRepository
from gavah.store.ledger import LedgerRepository
from gavah.web.app import workspace_app
from gavah.web.resumable import UPLOADS_DIR
from gavah.web.vault_access import check_proof, workspace_verifier
from tests.integration.web.conftest import WebApp
from tests.integration.web.vault_site import (
    API,
    TUS,
    VaultSite,
    api_headers,
    build_site,
    metadata,
    upload_form,
)

#: Synthetic bytes: text that is not a real document, big enough for three chunks.
DATA = b"".join(b"synthetic evidence line %06d\n" % i for i in range(3000))


def _served(made: VaultSite) -> Iterator[VaultSite]:
    yield made
    for client in made.web.clients:
        client.close()
    made.workspace.close()


@pytest.fixture
def site(tmp_path: Path, password_hash: str) -> Iterator[VaultSite]:
    """Over the copied SQLite database (refusals do not depend on the backend)."""
    yield from _served(build_site(tmp_path, None, password_hash))


@pytest.fixture
def site_any(tmp_path: Path, store_url: str, password_hash: str) -> Iterator[VaultSite]:
    """Over each backend."""
    yield from _served(build_site(tmp_path, store_url, password_hash))


def _create(site: VaultSite, who: str = "documenter", **extra: str) -> tuple[TestClient, str]:
    client = site.web.signed_in(who)
    headers = api_headers(
        client,
        **{
            "Upload-Length": str(len(DATA)),
            "Upload-Metadata": metadata(filename="statement.txt", source="witness W-17"),
            **extra,
        },
    )
    response = client.post(API, headers=headers)
    assert response.status_code == 201, response.text
    return client, response.headers["location"]


def test_an_upload_interrupted_and_resumed_after_a_restart_is_ingested_and_proven(
    site_any: VaultSite,
) -> None:
    site = site_any
    client, url = _create(site)
    headers = api_headers(client, **{"Content-Type": "application/offset+octet-stream"})
    first = client.patch(url, content=DATA[:10_000], headers={**headers, "Upload-Offset": "0"})
    assert first.status_code == 204
    assert first.headers["Upload-Offset"] == "10000"
    # The connection drops; the client retries the same chunk: the server says where it is.
    again = client.patch(url, content=DATA[:10_000], headers={**headers, "Upload-Offset": "0"})
    assert again.status_code == 409
    # The server restarts: a new app over the same workspace knows the offset from the disk.
    restarted = site.restart()
    client2 = restarted.web.signed_in("documenter")
    head = client2.head(url, headers=TUS)
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == "10000"
    assert head.headers["Upload-Length"] == str(len(DATA))
    headers2 = api_headers(client2, **{"Content-Type": "application/offset+octet-stream"})
    middle = client2.patch(
        url, content=DATA[10_000:50_000], headers={**headers2, "Upload-Offset": "10000"}
    )
    assert middle.headers["Upload-Offset"] == "50000"
    last = client2.patch(url, content=DATA[50_000:], headers={**headers2, "Upload-Offset": "50000"})
    assert last.status_code == 204, last.text
    evidence_id = last.headers["Gavah-Evidence-Id"]
    assert last.headers["Gavah-Ingest-Result"] == "ingested"
    # Ingested as `gavah ingest` does: digest at collection, custody events, a proof that holds.
    with restarted.web.store.reader() as session:
        item = EvidenceRepository(session).get(evidence_id)
        assert item is not None
        events = [
            decode_entry(e.entry) for e in LedgerRepository(session).positions_of(item.sha256)
        ]
    assert item.sha256 == hashlib.sha256(DATA).hexdigest()
    assert item.original_filename == "statement.txt"
    types = [e.type.value for e in events]
    assert types[:3] == ["ingestion", "message digest calculation", "metadata extraction"]
    assert events[0].agent.endswith("web upload by documenter")
    assert events[0].detail["source"] == "witness W-17"
    verifier = workspace_verifier(restarted.workspace)
    assert check_proof(restarted.web.store, verifier, item).ok
    # The partial data is gone; a HEAD whose reply was lost still learns the outcome.
    uploads = site.workspace.root / UPLOADS_DIR
    assert not list(uploads.glob("*.part"))
    after = client2.head(url, headers=TUS)
    assert after.headers["Gavah-Evidence-Id"] == evidence_id
    with restarted.web.store.reader() as session:
        actions = [e.action for e in AuditRepository(session).latest(50)]
    assert "ingest" in actions
    restarted.workspace.close()


def test_bad_requests_are_refused_with_a_reason_never_a_server_error(site: VaultSite) -> None:
    client, url = _create(site)
    octets = {"Content-Type": "application/offset+octet-stream"}
    wrong_type = client.patch(
        url, content=b"x", headers=api_headers(client, **{"Upload-Offset": "0"})
    )
    assert wrong_type.status_code == 415
    ahead = client.patch(
        url, content=b"x", headers=api_headers(client, **octets, **{"Upload-Offset": "5"})
    )
    assert ahead.status_code == 409
    assert "offset is 0" in ahead.json()["detail"]
    bad_offset = client.patch(
        url, content=b"x", headers=api_headers(client, **octets, **{"Upload-Offset": "-1"})
    )
    assert bad_offset.status_code == 400
    too_long = client.patch(
        url,
        content=DATA + b"more",
        headers=api_headers(client, **octets, **{"Upload-Offset": "0"}),
    )
    assert too_long.status_code == 413
    unknown = client.patch(
        API + "/" + "0" * 32,
        content=b"x",
        headers=api_headers(client, **octets, **{"Upload-Offset": "0"}),
    )
    assert unknown.status_code == 404
    assert client.head(API + "/not-an-id", headers=TUS).status_code == 404
    no_length = client.post(API, headers=api_headers(client))
    assert no_length.status_code == 400
    bad_meta = client.post(
        API, headers=api_headers(client, **{"Upload-Length": "3", "Upload-Metadata": "k !!"})
    )
    assert bad_meta.status_code == 400
    old = client.post(API, headers={**api_headers(client), "Tus-Resumable": "0.2.2"})
    assert old.status_code == 412
    no_csrf = client.post(API, headers={**TUS, "Upload-Length": "3"})
    assert no_csrf.status_code == 403


def test_an_upload_is_visible_only_to_its_owner_and_can_be_abandoned(site: VaultSite) -> None:
    _, url = _create(site, "documenter")
    other = site.web.signed_in("analyst")
    assert other.head(url, headers=TUS).status_code == 404
    owner = site.web.signed_in("documenter")
    assert owner.delete(url, headers=api_headers(owner)).status_code == 204
    assert owner.head(url, headers=TUS).status_code == 404
    assert not list((site.workspace.root / UPLOADS_DIR).glob("*.part"))


def test_viewers_and_anonymous_visitors_cannot_upload(site: VaultSite) -> None:
    viewer = site.web.signed_in("viewer")
    headers = api_headers(site.web.signed_in("documenter"), **{"Upload-Length": "3"})
    assert viewer.post(API, headers={**headers}).status_code in {403}
    assert viewer.get("/en/workspace/upload").status_code == 403
    anonymous = site.web.client()
    assert anonymous.post(API, headers=headers).status_code == 401
    assert anonymous.get("/fa/workspace/upload").status_code == 303


def test_the_size_limit_comes_from_gavah_toml(tmp_path: Path, password_hash: str) -> None:
    small = build_site(tmp_path, None, password_hash, toml_extra="[uploads]\nmax_bytes = 100")
    try:
        client = small.web.signed_in("documenter")
        refused = client.post(API, headers=api_headers(client, **{"Upload-Length": "101"}))
        assert refused.status_code == 413
        assert refused.headers["Tus-Max-Size"] == "100"
        accepted = client.post(API, headers=api_headers(client, **{"Upload-Length": "100"}))
        assert accepted.status_code == 201
    finally:
        small.workspace.close()


def test_the_form_without_javascript_ingests_a_small_file(site: VaultSite) -> None:
    client = site.web.signed_in("documenter")
    evidence_id = upload_form(client, "photo-note.txt", b"synthetic note for the form", "W-3", "fa")
    page = client.get(f"/fa/workspace/evidence/{evidence_id}?uploaded=1")
    assert page.status_code == 200
    assert "photo-note.txt" in page.text
    empty = client.post(
        "/en/workspace/upload",
        data={"csrf_token": api_headers(client)["X-CSRF-Token"], "source": "W-3"},
    )
    assert empty.status_code == 400
    assert "Choose a file" in empty.text


def test_without_keys_the_server_refuses_uploads_with_503(
    site: VaultSite, password_hash: str
) -> None:
    app = workspace_app(site.workspace)  # started without the passphrase: no vault installed
    web = WebApp(app=app, store=site.web.store, clock=site.web.clock)
    client = web.signed_in("documenter")
    response = client.post(API, headers=api_headers(client, **{"Upload-Length": "3"}))
    assert response.status_code == 503
    assert "GAVAH_PASSPHRASE" in response.json()["detail"]
    assert "GAVAH_PASSPHRASE" in client.get("/en/workspace/upload").text
    client.close()
    del password_hash


def test_the_progress_record_survives_as_json_without_the_data(site: VaultSite) -> None:
    client, url = _create(site)
    upload_id = url.rsplit("/", 1)[1]
    info = json.loads((site.workspace.root / UPLOADS_DIR / f"{upload_id}.json").read_text())
    assert info == {
        "length": len(DATA),
        "owner": "documenter",
        "metadata": {"filename": "statement.txt", "source": "witness W-17"},
    }
    del client
