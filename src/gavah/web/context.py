"""What every request handler needs: the settings and services of one web application.

Owns :class:`WebOptions` (cookie security, session lifetime) and :class:`WebContext` (workspace
name, store, clock, CSRF key, login throttle, the open workspace), stored on ``app.state`` by
:func:`gavah.web.app.create_app` and read back by :func:`web_context`. No module-level state:
two apps in one process (tests) never share a throttle or a key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.requests import HTTPConnection

from gavah.store import Store
from gavah.web.throttle import LoginThrottle

if TYPE_CHECKING:
    from gavah.workspace import Workspace

__all__ = ["SESSION_LIFETIME", "WebContext", "WebOptions", "web_context"]

#: A signed-in session lasts one working day, then the password (and code) are asked again.
SESSION_LIFETIME = dt.timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class WebOptions:
    """How the app is served. ``secure_cookies`` is off only for plain-HTTP development."""

    secure_cookies: bool = True
    session_lifetime: dt.timedelta = SESSION_LIFETIME


@dataclass(slots=True)
class WebContext:
    """The services of one app; built once by the factory."""

    name: str
    counts: Callable[[], Mapping[str, int]]
    store: Store | None
    clock: Callable[[], dt.datetime]
    key: bytes
    options: WebOptions = WebOptions()
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    #: The open workspace (vault, keys, settings), when serving one; ``None`` in tests of pages
    #: that need only the store.
    workspace: Workspace | None = None


def web_context(connection: HTTPConnection) -> WebContext:
    """The :class:`WebContext` of the app serving ``connection``."""
    context = connection.app.state.gavah
    if not isinstance(context, WebContext):  # pragma: no cover - the factory always sets it
        raise TypeError("the web app was not built by gavah.web.create_app")
    return context
