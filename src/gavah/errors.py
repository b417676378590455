"""The project's error hierarchy.

Every error a user can cause derives from :class:`GavahError` and carries a one-line, user-facing
message; the command line prints that line and exits non-zero instead of showing a traceback.
This module must not import anything outside the standard library.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "GavahError",
    "InvariantError",
    "ParseError",
    "PassphraseError",
    "StorageError",
    "WorkspaceError",
]


class GavahError(Exception):
    """Base of all errors meant for the user; ``str(err)`` is a complete one-line message."""


class ParseError(GavahError, ValueError):
    """Input text (a date, a name, a CSV cell, a table) could not be understood."""


class InvariantError(GavahError, ValueError):
    """A domain value breaks a rule of the model (a count below zero, a span that ends first)."""


class ConfigError(GavahError):
    """A setting, a configuration file or an environment variable is wrong."""


class WorkspaceError(GavahError):
    """The workspace is missing, incomplete or not what the command expects."""


class PassphraseError(GavahError):
    """The passphrase does not open the workspace keys."""


class StorageError(GavahError):
    """The database cannot be reached, migrated or written."""
