"""The permission matrix: every route × every role (and no account) × the status expected.

New routes join automatically: the test walks ``app.routes`` and fails for a route that did not
declare its permission through :func:`gavah.web.routing.route`, or that has no line in
:data:`EXPECTED` below. The role table here is written out again on purpose, apart from
``gavah.web.permissions.MATRIX``, so that a change to the matrix must be made twice.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gavah.web import Role
from gavah.web.app import OPENAPI_URL
from gavah.web.routing import served_routes
from gavah.web.security import CSRF_FIELD
from tests.integration.web.conftest import WebApp, csrf_of

#: (method, path) → (declared permission, status when allowed). Add a line with every route.
EXPECTED: dict[tuple[str, str], tuple[str, int]] = {
    ("GET", "/"): ("public", 303),
    ("GET", "/healthz"): ("public", 200),
    ("GET", "/{lang}/"): ("public", 200),
    ("GET", "/{lang}/search"): ("public", 200),
    ("GET", "/{lang}/map"): ("public", 200),
    ("GET", "/{lang}/timeline"): ("public", 200),
    ("GET", "/{lang}/methodology"): ("public", 200),
    ("GET", "/api/v1/toll"): ("public", 200),
    ("GET", "/api/v1/provinces"): ("public", 200),
    ("GET", "/api/v1/timeline"): ("public", 200),
    ("GET", "/{lang}/login"): ("public", 200),
    ("POST", "/{lang}/login"): ("public", 401),  # the sample form has a wrong password
    ("GET", "/{lang}/account"): ("signed_in", 200),
    ("POST", "/{lang}/logout"): ("signed_in", 303),
    ("GET", "/{lang}/workspace/"): ("view_workspace", 200),
    ("GET", "/{lang}/workspace/search"): ("view_workspace", 200),
    ("GET", "/{lang}/workspace/audit"): ("view_audit", 200),
    ("GET", "/{lang}/workspace/accounts"): ("manage_accounts", 200),
    ("GET", "/api/v1/search"): ("public", 200),
    ("GET", "/api/v1/workspace/search"): ("view_workspace", 200),
    # lists, review, claims, estimates (path parameters are sent literally: not found)
    ("GET", "/{lang}/workspace/lists"): ("view_workspace", 200),
    ("POST", "/{lang}/workspace/lists"): ("ingest_evidence", 400),  # no file in the sample
    ("GET", "/{lang}/workspace/lists/jobs/{job_id}"): ("view_workspace", 404),
    ("GET", "/{lang}/workspace/review"): ("review_linkage", 200),
    ("GET", "/{lang}/workspace/review/pair"): ("review_linkage", 404),
    ("POST", "/{lang}/workspace/review/decide"): ("review_linkage", 400),
    ("POST", "/{lang}/workspace/review/relink"): ("review_linkage", 400),  # no records
    ("GET", "/{lang}/workspace/review/jobs/{job_id}"): ("review_linkage", 404),
    ("GET", "/{lang}/workspace/claims"): ("view_workspace", 200),
    ("POST", "/{lang}/workspace/claims/grade"): ("grade_claims", 200),
    ("GET", "/{lang}/workspace/claims/{claim_id}"): ("view_workspace", 404),
    ("GET", "/{lang}/workspace/estimates"): ("view_workspace", 200),
    ("POST", "/{lang}/workspace/estimates"): ("run_estimates", 400),  # no method in the sample
    ("GET", "/{lang}/workspace/estimates/jobs/{job_id}"): ("view_workspace", 404),
    ("GET", "/{lang}/workspace/estimates/{estimate_id}"): ("view_workspace", 404),
    ("GET", "/{lang}/workspace/estimates/{estimate_id}/plots/{name}.png"): ("view_workspace", 404),
    # memorial, incidents, publication (path parameters sent literally: not found)
    ("GET", "/{lang}/memorial"): ("public", 200),
    ("GET", "/{lang}/memorial/{ref}"): ("public", 404),
    ("GET", "/{lang}/incidents"): ("public", 200),
    ("GET", "/{lang}/incidents/{incident_id}"): ("public", 404),
    ("GET", "/api/v1/memorial"): ("public", 200),
    ("GET", "/api/v1/memorial/{ref}"): ("public", 404),
    ("GET", "/api/v1/incidents"): ("public", 200),
    ("GET", "/api/v1/incidents/{incident_id}"): ("public", 404),
    ("GET", "/{lang}/workspace/publication"): ("grade_claims", 200),
    ("POST", "/{lang}/workspace/publication"): ("grade_claims", 400),  # no person in the sample
    # evidence, uploads (tus), exports (path parameters sent literally: not found)
    ("GET", "/{lang}/workspace/evidence"): ("view_workspace", 200),
    ("GET", "/{lang}/workspace/evidence/{item_id}"): ("view_workspace", 404),
    ("GET", "/{lang}/workspace/evidence/{item_id}/proof"): ("view_workspace", 404),
    ("GET", "/api/v1/workspace/evidence/{item_id}/proof"): ("view_restricted", 404),
    ("GET", "/{lang}/workspace/upload"): ("ingest_evidence", 200),
    ("POST", "/{lang}/workspace/upload"): ("ingest_evidence", 400),  # no file in the sample
    ("POST", "/api/v1/workspace/uploads"): ("ingest_evidence", 400),  # no Upload-Length
    ("HEAD", "/api/v1/workspace/uploads/{upload_id}"): ("ingest_evidence", 404),
    ("PATCH", "/api/v1/workspace/uploads/{upload_id}"): ("ingest_evidence", 404),
    ("DELETE", "/api/v1/workspace/uploads/{upload_id}"): ("ingest_evidence", 404),
    ("GET", "/{lang}/workspace/exports"): ("export", 200),
    ("POST", "/{lang}/workspace/exports"): ("export", 400),  # no kind in the sample
    ("GET", "/{lang}/workspace/exports/{export_id}/download"): ("export", 404),
    ("POST", "/{lang}/workspace/exports/{export_id}/delete"): ("export", 404),
}

#: Who may do what, written out independently of gavah.web.permissions.MATRIX.
ROLE_MAY: dict[str, set[str]] = {
    "public": {"anonymous", "admin", "analyst", "documenter", "viewer"},
    "signed_in": {"admin", "analyst", "documenter", "viewer"},
    "view_workspace": {"admin", "analyst", "documenter"},
    "view_audit": {"admin"},
    "manage_accounts": {"admin"},
    "ingest_evidence": {"admin", "analyst", "documenter"},
    "review_linkage": {"admin", "analyst"},
    "grade_claims": {"admin", "analyst"},
    "run_estimates": {"admin", "analyst"},
    "view_restricted": {"admin", "analyst"},
    "export": {"admin", "analyst"},
}

#: Routes that are not application routes, and why they need no permission.
NOT_APPLICATION_ROUTES = {
    "/static": "package assets",
    "/static/fonts": "package fonts",
    OPENAPI_URL: "the public API's schema",
}

SAMPLE_QUERY = {"q": "Hosseini"}
SAMPLE_FORM = {"name": "nobody", "password": "not the password"}
WHO = ["anonymous", *(str(r) for r in Role)]


def _app_routes(web: WebApp) -> list[tuple[str, str]]:
    found = []
    for served in served_routes(web.app):
        key = (served.method, served.path)
        if served.permission is None:
            assert served.path in NOT_APPLICATION_ROUTES, f"{key} declares no permission"
            continue
        assert key in EXPECTED, f"{key} has no line in the permission matrix test"
        assert EXPECTED[key][0] == served.permission.value, f"{key} declares {served.permission}"
        found.append(key)
    return found


def test_every_route_is_in_the_matrix_and_every_line_is_a_route(web: WebApp) -> None:
    assert set(_app_routes(web)) == set(EXPECTED)


def _request(client: TestClient, method: str, path: str) -> int:
    url = path.replace("{lang}", "fa")
    if method == "GET":
        return client.get(url, params=SAMPLE_QUERY).status_code
    token = csrf_of(client, "/fa/login")
    return client.request(method, url, data={**SAMPLE_FORM, CSRF_FIELD: token}).status_code


@pytest.mark.parametrize("who", WHO)
def test_each_route_answers_each_role_as_the_matrix_says(web: WebApp, who: str) -> None:
    client = web.client() if who == "anonymous" else web.signed_in(who)
    # Signing out last, so that the session lasts through the other routes.
    routes = sorted(_app_routes(web), key=lambda key: key[1].endswith("/logout"))
    for method, path in routes:
        permission, allowed_status = EXPECTED[(method, path)]
        if who in ROLE_MAY[permission]:
            expected = allowed_status
        elif who == "anonymous":
            expected = 401 if path.startswith("/api/") else 303
        else:
            expected = 403
        assert _request(client, method, path) == expected, (who, method, path)


def test_an_anonymous_private_page_sends_to_the_sign_in_page(web: WebApp) -> None:
    response = web.client().get("/fa/workspace/audit")
    assert response.headers["location"] == "/fa/login?next=/fa/workspace/audit"


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_every_state_changing_route_refuses_a_missing_or_forged_csrf_token(
    web: WebApp, who: str
) -> None:
    client = web.client() if who == "anonymous" else web.signed_in(who)
    posts = [(m, p) for m, p in _app_routes(web) if m not in {"GET", "HEAD"}]
    assert posts
    for method, path in posts:
        permission, _ = EXPECTED[(method, path)]
        if who not in ROLE_MAY[permission]:
            continue
        url = path.replace("{lang}", "fa")
        assert client.request(method, url, data=SAMPLE_FORM).status_code == 403, url
        forged = {**SAMPLE_FORM, CSRF_FIELD: "0" * 64}
        assert client.request(method, url, data=forged).status_code == 403, url
