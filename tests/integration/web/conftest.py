"""Fixtures for the web tests: an app over a migrated store, accounts of every role, a client.

The clock is a :class:`FakeClock` the tests move by hand. Clients talk to ``https://testserver``
so that Secure cookies travel, as they would behind TLS.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gavah.cli.demo import DEMO_PASSWORD, build_demo
from gavah.store import Store, make_engine, upgrade
from gavah.store.accounts import AccountRepository
from gavah.store.search import SearchDocument, SearchRepository
from gavah.web import Role, WebOptions, create_app
from gavah.web.app import workspace_app
from gavah.web.passwords import hash_password
from gavah.web.security import CSRF_FIELD
from gavah.workspace import Settings, Workspace
from tests.integration.web.browser import (  # noqa: F401 - the browser tests' fixtures
    browser_locale,
    browser_page,
    chromium,
    served,
)

PASSWORD = "correct horse battery staple"
COUNTS = {"records": 1234, "sources": 5}
WORKSPACE = "نمونه‌ی آزمایشی"
START = dt.datetime(2026, 1, 8, 12, 0, tzinfo=dt.UTC)

#: Synthetic search documents: one published victim, one unpublished, one witness.
DOCUMENTS = [
    SearchDocument(
        "person", "p-public", "محمد حسینی", public=True, province="THR", day=dt.date(2026, 1, 8)
    ),
    SearchDocument("person", "p-private", "زهرا حسینی", public=False, province="THR"),
    SearchDocument("record", "src/17", "Mohammad Hosseini", public=False, province="KRD"),
]


@dataclass
class FakeClock:
    """A clock that moves only when told."""

    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class WebApp:
    """An app under test with its store, clock and a way to get clients."""

    app: FastAPI
    store: Store
    clock: FakeClock
    clients: list[TestClient] = field(default_factory=list)
    password: str = PASSWORD

    def client(self) -> TestClient:
        client = TestClient(self.app, base_url="https://testserver", follow_redirects=False)
        self.clients.append(client)
        return client

    def signed_in(self, role: Role | str) -> TestClient:
        """A client signed in as the account named after ``role``."""
        client = self.client()
        name = str(role)
        response = client.post(
            "/en/login",
            data={
                "name": name,
                "password": self.password,
                CSRF_FIELD: csrf_of(client, "/en/login"),
            },
        )
        assert response.status_code == 303, response.text
        return client


def csrf_of(client: TestClient, page: str) -> str:
    """The CSRF token of the form on ``page`` (fetching it sets the CSRF cookie)."""
    html = client.get(page).text
    found = re.search(rf'name="{CSRF_FIELD}" value="([0-9a-f]+)"', html)
    assert found, f"no CSRF field on {page}"
    return found.group(1)


def add_account(store: Store, name: str, role: Role | str, *, totp: str | None = None) -> None:
    with store.session() as session:
        AccountRepository(session).add(
            name, str(role), hash_password(PASSWORD), now=START, totp_secret=totp
        )


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    engine = make_engine(f"sqlite:///{tmp_path / 'gavah.db'}")
    upgrade(engine)
    try:
        yield Store(engine)
    finally:
        engine.dispose()


def build(store: Store, password_hash: str) -> WebApp:
    with store.session() as session:
        accounts = AccountRepository(session)
        for role in Role:
            accounts.add(str(role), str(role), password_hash, now=START)
        SearchRepository(session).put(DOCUMENTS)
    clock = FakeClock()
    app = create_app(lambda: COUNTS, name=WORKSPACE, store=store, clock=clock, options=WebOptions())
    return WebApp(app=app, store=store, clock=clock)


@pytest.fixture
def web(sqlite_store: Store, password_hash: str) -> Iterator[WebApp]:
    """The app over SQLite, with one account per role (named after it)."""
    made = build(sqlite_store, password_hash)
    yield made
    for client in made.clients:
        client.close()


@pytest.fixture
def web_any(store: Store, password_hash: str) -> Iterator[WebApp]:
    """The app over each backend (SQLite and PostgreSQL)."""
    made = build(store, password_hash)
    yield made
    for client in made.clients:
        client.close()


WebFactory = Callable[[], WebApp]


#: Size of the shared demo workspace of :func:`demo_site` (small: built once per test session).
DEMO_PERSONS = 300


@dataclass
class DemoSite:
    """The demo workspace (synthetic scenario, linked, estimated, graded, indexed) and its app.

    Shared by the whole test session: tests must only read it. A test that changes data builds
    its own workspace (``build_demo``) or copies ``workspace.root``.
    """

    workspace: Workspace
    web: WebApp


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """``gavah demo``'s workspace at :data:`DEMO_PERSONS` persons, served as ``gavah serve`` does.

    Accounts ``admin``, ``analyst``, ``documenter`` and ``viewer`` sign in with the demo password.
    """
    root = tmp_path_factory.mktemp("demo") / "workspace"
    settings = Settings.build({}, workspace=root)
    workspace = build_demo(settings, persons=DEMO_PERSONS, lists=4, seed=11)
    app = workspace_app(workspace)
    made = WebApp(app=app, store=workspace.store(), clock=FakeClock(), password=DEMO_PASSWORD)
    try:
        yield DemoSite(workspace=workspace, web=made)
    finally:
        for client in made.clients:
            client.close()
        workspace.close()
