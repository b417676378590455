"""A workspace with unlocked keys served by the web app, for tests that upload and export.

Initialising a workspace and unsealing its keys costs seconds (scrypt), so one template is made
per test session (:func:`template`) and each test copies it: same keys, its own vault, its own
database (SQLite or PostgreSQL, from the ``store_url`` fixture). Never the shared ``demo_site``.
"""

from __future__ import annotations

import atexit
import base64
import functools
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from gavah.store.accounts import AccountRepository
from gavah.web import Role
from gavah.web.app import workspace_app
from gavah.web.security import CSRF_FIELD
from gavah.web.vault_access import Vault, install_vault
from gavah.workspace import KeyPair, Settings, Workspace
from tests.integration.web.conftest import START, FakeClock, WebApp, csrf_of

PASSPHRASE = "a long test passphrase"
TUS = {"Tus-Resumable": "1.0.0"}
API = "/api/v1/workspace/uploads"


@functools.cache
def template() -> tuple[Path, KeyPair]:
    """An empty SQLite workspace and its unlocked keys, made once per process."""
    folder = Path(tempfile.mkdtemp(prefix="gavah-vault-site-"))
    atexit.register(shutil.rmtree, folder, True)
    root = folder / "ws"
    made = Workspace.init(Settings.build({}, workspace=root), PASSPHRASE, now=START, name="test")
    keys = made.workspace.unlock(PASSPHRASE)
    made.workspace.close()
    return root, keys


@dataclass
class VaultSite:
    """A copied workspace served with its keys, accounts of every role named after the role."""

    workspace: Workspace
    vault: Vault
    web: WebApp

    def restart(self) -> VaultSite:
        """A new app over the same workspace folder and database (a server restart)."""
        settings = Settings(workspace=self.workspace.root, database_url=self.workspace.database_url)
        workspace = Workspace.open(settings)
        app = workspace_app(workspace)
        vault = install_vault(app, workspace, self.vault.keys)
        web = WebApp(app=app, store=workspace.store(), clock=FakeClock())
        return VaultSite(workspace, vault, web)


def build_site(
    tmp_path: Path, store_url: str | None, password_hash: str, *, toml_extra: str = ""
) -> VaultSite:
    """Copy the template to ``tmp_path`` and serve it over the database at ``store_url`` (the
    copied, already migrated SQLite database when ``None``)."""
    source, keys = template()
    root = tmp_path / "ws"
    shutil.copytree(source, root)
    if toml_extra:
        with (root / "gavah.toml").open("a", encoding="utf-8") as handle:
            handle.write("\n" + toml_extra + "\n")
    workspace = Workspace.open(Settings(workspace=root, database_url=store_url))
    store = workspace.store()
    with store.session() as session:
        accounts = AccountRepository(session)
        for role in Role:
            accounts.add(str(role), str(role), password_hash, now=START)
    app = workspace_app(workspace)
    vault = install_vault(app, workspace, keys)
    return VaultSite(workspace, vault, WebApp(app=app, store=store, clock=FakeClock()))


def site_with_upload(
    tmp_path: Path, store_url: str | None, password_hash: str, upload: tuple[str, bytes, str]
) -> Iterator[tuple[VaultSite, str]]:
    """A site where a documenter (the site's first client) has uploaded ``(name, data,
    source)`` through the no-JS form; yields the site and the evidence id, then closes it."""
    made = build_site(tmp_path, store_url, password_hash)
    evidence_id = upload_form(made.web.signed_in("documenter"), *upload)
    yield made, evidence_id
    for client in made.web.clients:
        client.close()
    made.workspace.close()


def metadata(**pairs: str) -> str:
    """A tus ``Upload-Metadata`` header."""
    return ",".join(
        f"{k} {base64.b64encode(v.encode('utf-8')).decode('ascii')}" for k, v in pairs.items()
    )


def api_headers(client: TestClient, **extra: str) -> dict[str, str]:
    """tus headers with the client's CSRF token (from a page's form)."""
    return {**TUS, "X-CSRF-Token": csrf_of(client, "/en/workspace/upload"), **extra}


def upload_form(client: TestClient, name: str, data: bytes, source: str, lang: str = "en") -> str:
    """Upload one file through the no-JavaScript form; return the evidence id."""
    token = csrf_of(client, f"/{lang}/workspace/upload")
    response = client.post(
        f"/{lang}/workspace/upload",
        data={CSRF_FIELD: token, "source": source, "case": "case-7"},
        files={"file": (name, data, "application/octet-stream")},
    )
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    return location.split("/evidence/", 1)[1].split("?", 1)[0]
