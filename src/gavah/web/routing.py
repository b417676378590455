"""Declaring a route: every route names its permission, every POST checks CSRF.

Owns :func:`route` (the only way routes are added: it attaches :func:`gavah.web.auth.requires`
and, for methods that change state, :func:`gavah.web.auth.verify_csrf`, and records the
permission in the route's OpenAPI extension :data:`PERMISSION_KEY`), :func:`route_permission`
(read back by the permission-matrix test) and :func:`page_language` (the ``/fa/``, ``/en/``
prefix, 404 otherwise).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

from gavah.web.auth import requires, verify_csrf
from gavah.web.i18n import Language, as_language
from gavah.web.permissions import Permission

__all__ = [
    "PERMISSION_KEY",
    "ServedRoute",
    "page_language",
    "route",
    "route_permission",
    "served_routes",
]

PERMISSION_KEY = "x-gavah-permission"
_SAFE_METHODS = frozenset({"GET", "HEAD"})

F = TypeVar("F", bound=Callable[..., Any])


def route(
    router: APIRouter,
    path: str,
    permission: Permission,
    *,
    methods: Sequence[str] = ("GET",),
    **kwargs: Any,
) -> Callable[[F], F]:
    """Add a route to ``router`` guarded by ``permission`` (and CSRF unless GET/HEAD).

    A ``GET`` route also answers ``HEAD`` only if asked for it in ``methods``.
    """
    dependencies = [Depends(requires(permission))]
    if not set(methods) <= _SAFE_METHODS:
        dependencies.append(Depends(verify_csrf))
    decorator = router.api_route(
        path,
        methods=list(methods),
        dependencies=dependencies,
        openapi_extra={PERMISSION_KEY: permission.value},
        **kwargs,
    )

    def register(endpoint: F) -> F:
        decorator(endpoint)
        return endpoint

    return register


def route_permission(candidate: BaseRoute) -> Permission | None:
    """The permission a route was declared with, or ``None`` for one added otherwise."""
    if not isinstance(candidate, APIRoute) or not candidate.openapi_extra:
        return None
    value = candidate.openapi_extra.get(PERMISSION_KEY)
    return Permission(value) if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class ServedRoute:
    """One path and method the app answers, with its declared permission (``None``: not an
    application route, e.g. a static mount or the OpenAPI schema)."""

    method: str
    path: str
    permission: Permission | None


def served_routes(app: FastAPI) -> list[ServedRoute]:
    """Every route of ``app``, routers included, with the full path (for the matrix test)."""
    served = []
    for context in iter_route_contexts(app.routes):
        path = context.path or ""
        methods = sorted(getattr(context, "methods", None) or {"*"})
        permission = route_permission(context.original_route)
        served += [ServedRoute(method, path, permission) for method in methods]
    return served


def page_language(lang: str) -> Language:
    """The language of a ``/{lang}/…`` path.

    Raises:
        HTTPException: 404 for anything but a supported language.
    """
    found = as_language(lang)
    if found is None:
        raise HTTPException(status_code=404)
    return found
