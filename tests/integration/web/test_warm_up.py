"""A served workspace warms its public figures at start-up (``create_app(..., warm=True)``)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from gavah.web.app import workspace_app
from tests.integration.web.conftest import DemoSite


def test_a_served_workspace_computes_its_figures_before_the_first_request(
    demo_site: DemoSite,
) -> None:
    app = workspace_app(demo_site.workspace)
    assert getattr(app.state, "public_figures", None) is None
    assert getattr(app.state, "memorial_cache", None) is None
    with TestClient(app, base_url="https://testserver") as client:
        assert app.state.public_figures._figures is not None
        assert app.state.memorial_cache["memorial"].by_ref
        assert client.get("/api/v1/toll").status_code == 200
