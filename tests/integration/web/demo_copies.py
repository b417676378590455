"""A writable copy of the shared demo workspace, served, for tests that change data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gavah.web.app import workspace_app
from gavah.workspace import Settings, Workspace
from tests.integration.web.conftest import DemoSite, FakeClock, WebApp


@contextmanager
def demo_copy(demo_site: DemoSite, folder: Path) -> Iterator[WebApp]:
    """Copy the demo workspace into ``folder`` and serve the copy as ``gavah serve`` does."""
    root = folder / "workspace"
    shutil.copytree(demo_site.workspace.root, root)
    workspace = Workspace.open(Settings.build({}, workspace=root))
    made = WebApp(
        app=workspace_app(workspace),
        store=workspace.store(),
        clock=FakeClock(),
        password=demo_site.web.password,
    )
    try:
        yield made
    finally:
        for client in made.clients:
            client.close()
        workspace.close()
