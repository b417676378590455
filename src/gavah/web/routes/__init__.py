"""The routes of the web application, one module per area.

``public`` (no account), ``account`` (sign in and out), ``private`` (the workspace) and ``api``
(JSON). Each module exposes ``router``; :func:`gavah.web.app.create_app` includes them all.
"""

from __future__ import annotations

from gavah.web.routes import account, api, private, public

__all__ = ["ROUTERS"]

ROUTERS = (public.router, account.router, private.router, api.router)
