"""Schemathesis against the app's OpenAPI schema, in process (ASGI, no server).

Every documented operation is called with generated parameters, as nobody and as a signed-in
analyst (the private API), on the shared ``demo_site`` (read only: the API only reads). Checks:
no server error, and a documented response matches its schema. Few examples per operation, so
the whole file stays well under half a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import APIOperation, Case
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from gavah.web import Role
from tests.integration.web.conftest import DemoSite

#: Generated cases per operation and identity (the schema has a few dozen operations).
EXAMPLES = 12
CHECKS: list[Callable[..., bool | None]] = [not_a_server_error, response_schema_conformance]
BASE_URL = "https://testserver"
Operation = APIOperation[Any, Any, Any, Any]
#: Operations whose responses are known not to match their schema yet (still checked for
#: server errors), with why. Remove an entry once its owner fixes it.
SCHEMA_KNOWN_BAD: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(demo_site: DemoSite) -> OpenApiSchema:
    return schemathesis.openapi.from_asgi("/api/openapi.json", demo_site.web.app)


@pytest.fixture(scope="module")
def analyst_cookies(demo_site: DemoSite) -> dict[str, str]:
    client = demo_site.web.signed_in(Role.ANALYST)
    return {name: value for name, value in client.cookies.items() if value}


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,
)


def _operations(api_schema: OpenApiSchema) -> list[Operation]:
    operations = []
    for result in api_schema.get_all_operations():
        assert isinstance(result, Ok), f"the schema is valid: {result}"
        operations.append(result.ok())
    assert operations, "the schema documents operations"
    return operations


def _fuzz(operation: Operation, cookies: dict[str, str] | None = None) -> str | None:
    """Run the operation's generated cases; return the first failure, if any."""

    @SETTINGS
    @given(case=operation.as_strategy())
    def check(case: Case[Any]) -> None:
        response = case.call(base_url=BASE_URL, cookies=cookies)
        if cookies is not None and case.path.startswith("/api/v1/workspace"):
            assert response.status_code not in {401, 403}, "the analyst may use the private API"
        case.validate_response(response, checks=checks)

    name = f"{operation.method.upper()} {operation.path}"
    checks = CHECKS[:1] if name in SCHEMA_KNOWN_BAD else CHECKS
    try:
        check()
    except (AssertionError, FailureGroup) as failure:
        return f"{name}: {str(failure)[:2000]}"
    return None


def _failures(api_schema: OpenApiSchema, cookies: dict[str, str] | None = None) -> list[str]:
    found = [_fuzz(operation, cookies) for operation in _operations(api_schema)]
    return [f for f in found if f]


def test_no_server_error_for_anybody(api_schema: OpenApiSchema) -> None:
    failures = _failures(api_schema)
    assert not failures, "\n\n".join(failures)


def test_no_server_error_for_a_signed_in_analyst(
    api_schema: OpenApiSchema, analyst_cookies: dict[str, str]
) -> None:
    assert analyst_cookies, "signed in"
    failures = _failures(api_schema, analyst_cookies)
    assert not failures, "\n\n".join(failures)
