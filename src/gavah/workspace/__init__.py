"""The workspace: a folder holding configuration, database, vault and encrypted keys.

Owns creating, opening and describing workspaces. It sits at the edge (files, keys, database)
and may use ``gavah.store``; the domain core never imports it.
"""

from gavah.workspace.config import WorkspaceConfig
from gavah.workspace.keys import KeyPair, PublicKeys
from gavah.workspace.layout import InitResult, Workspace
from gavah.workspace.settings import Settings

__all__ = ["InitResult", "KeyPair", "PublicKeys", "Settings", "Workspace", "WorkspaceConfig"]
