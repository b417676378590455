"""The web application (FastAPI + Jinja2 + HTMX): the public site and the private workspace.

Owns the app factory (:func:`create_app`) and its options (:class:`WebOptions`); the modules
behind it are listed in ``docs/web.md``. It reads and writes through ``gavah.store`` and must
never be imported by the domain core.

``create_app`` and ``WebOptions`` load on first use (PEP 562), so ``gavah.web.permissions`` and
``gavah.web.passwords`` can be imported without FastAPI and Starlette (``gavah --help`` stays fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gavah.web.permissions import MATRIX, Permission, Role

if TYPE_CHECKING:
    from gavah.web.app import create_app
    from gavah.web.context import WebOptions

__all__ = ["MATRIX", "Permission", "Role", "WebOptions", "create_app"]


def __getattr__(name: str) -> Any:
    """Import the FastAPI-backed names only when they are first asked for."""
    if name == "create_app":
        from gavah.web.app import create_app  # noqa: PLC0415 - FastAPI is heavy

        return create_app
    if name == "WebOptions":
        from gavah.web.context import WebOptions  # noqa: PLC0415 - Starlette is heavy

        return WebOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
