"""Settings: the one object built at each entry point and passed down.

Owns turning command-line options and an explicit environment mapping into settings. It reads no
environment at import time and never reads ``os.environ`` itself: the caller passes it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ENV_DATABASE_URL", "ENV_HOME", "ENV_PASSPHRASE", "Settings"]

ENV_HOME = "GAVAH_HOME"
ENV_DATABASE_URL = "GAVAH_DATABASE_URL"
ENV_PASSPHRASE = "GAVAH_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret

DEFAULT_WORKSPACE = Path("gavah-workspace")


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the workspace is, which database to use, and where a passphrase may come from.

    ``database_url`` overrides the workspace's configured database when set (from
    ``GAVAH_DATABASE_URL``); ``passphrase`` is the value of ``GAVAH_PASSPHRASE`` if given.
    """

    workspace: Path
    database_url: str | None = None
    passphrase: str | None = None

    @classmethod
    def build(cls, environ: Mapping[str, str], workspace: Path | None = None) -> Settings:
        """Build settings from an explicit ``--workspace`` option and an environment mapping.

        The option wins over ``GAVAH_HOME``; without either the workspace is ``./gavah-workspace``.
        """
        if workspace is None:
            home = environ.get(ENV_HOME, "").strip()
            workspace = Path(home) if home else DEFAULT_WORKSPACE
        url = environ.get(ENV_DATABASE_URL, "").strip() or None
        passphrase = environ.get(ENV_PASSPHRASE) or None
        return cls(workspace=workspace.expanduser(), database_url=url, passphrase=passphrase)
