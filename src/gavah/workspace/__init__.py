"""The workspace: a folder holding configuration, database, vault and encrypted keys.

Owns creating, opening and describing workspaces. It sits at the edge (files, keys, database)
and may use ``gavah.store``; the domain core never imports it.

The settings and the configuration load eagerly; the keys and the workspace itself (which pull in
cryptography, SQLAlchemy and Alembic through ``gavah.store``) load on first use (PEP 562), so the
command line can build its settings without opening a database library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gavah.workspace.config import WorkspaceConfig
from gavah.workspace.settings import Settings

if TYPE_CHECKING:
    from gavah.workspace.keys import KeyPair, PublicKeys
    from gavah.workspace.layout import InitResult, Workspace

__all__ = ["InitResult", "KeyPair", "PublicKeys", "Settings", "Workspace", "WorkspaceConfig"]

#: The re-exported names that load lazily, and the submodule each comes from.
_LAZY = {
    "InitResult": "gavah.workspace.layout",
    "KeyPair": "gavah.workspace.keys",
    "PublicKeys": "gavah.workspace.keys",
    "Workspace": "gavah.workspace.layout",
}


def __getattr__(name: str) -> Any:
    """Import the keys and the workspace (SQLAlchemy, Alembic) only when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value
