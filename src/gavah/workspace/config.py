"""``gavah.toml``: the workspace's configuration file.

Owns reading, validating and writing the file. It does not create folders or keys (see
``layout`` and ``keys``) and never stores a secret: only public keys and settings live here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from gavah.errors import ConfigError

__all__ = ["CONFIG_FILE", "FORMAT_VERSION", "WorkspaceConfig", "save_config"]

CONFIG_FILE = "gavah.toml"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class WorkspaceConfig:
    """The parsed contents of ``gavah.toml``."""

    name: str
    created: datetime
    signing_public_key: str
    age_recipients: tuple[str, ...]
    database_url: str = ""
    format: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_toml(self) -> str:
        """Render the configuration as TOML text, with a short header comment."""
        doc: dict[str, Any] = {
            "workspace": {
                "format": self.format,
                "name": self.name,
                "created": self.created.isoformat(),
            },
            "database": {"url": self.database_url},
            "keys": {
                "signing_public_key": self.signing_public_key,
                "age_recipients": list(self.age_recipients),
            },
        }
        doc.update(self.extra)
        header = (
            "# Gavah workspace configuration. Secrets are never stored here.\n"
            "# database.url: empty means the SQLite file gavah.db in this folder;\n"
            "# GAVAH_DATABASE_URL overrides it.\n"
        )
        return header + tomli_w.dumps(doc)

    @classmethod
    def from_toml(cls, text: str, source: str = CONFIG_FILE) -> WorkspaceConfig:
        """Parse and validate configuration text.

        Raises:
            ConfigError: the text is not TOML or lacks a required setting.
        """
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{source} is not valid TOML: {err}") from None
        try:
            ws = doc["workspace"]
            keys = doc["keys"]
            fmt = int(ws["format"])
            name = str(ws["name"])
            created = datetime.fromisoformat(str(ws["created"]))
            signing = str(keys["signing_public_key"])
            recipients = tuple(str(r) for r in keys["age_recipients"])
            url = str(doc.get("database", {}).get("url", ""))
        except (KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{source} is missing or has a bad setting: {err}") from None
        if fmt != FORMAT_VERSION:
            raise ConfigError(
                f"{source} has workspace format {fmt}; this Gavah reads format {FORMAT_VERSION}"
            )
        if not recipients:
            raise ConfigError(f"{source} lists no age recipient under [keys]")
        extra = {k: v for k, v in doc.items() if k not in {"workspace", "keys", "database"}}
        return cls(
            name=name,
            created=created,
            signing_public_key=signing,
            age_recipients=recipients,
            database_url=url,
            format=fmt,
            extra=extra,
        )

    @classmethod
    def load(cls, path: Path) -> WorkspaceConfig:
        """Read ``path`` and parse it.

        Raises:
            ConfigError: the file cannot be read or is invalid.
        """
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise ConfigError(f"cannot read {path}: {err.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path} is not UTF-8 text") from None
        return cls.from_toml(text, source=str(path))


def save_config(config: WorkspaceConfig, path: Path) -> None:
    """Replace the file at ``path`` with ``config`` atomically (write, fsync, rename).

    Raises:
        ConfigError: the file cannot be written.
    """
    staging = path.with_name(f".{path.name}.new")
    try:
        with staging.open("w", encoding="utf-8") as out:
            out.write(config.to_toml())
            out.flush()
            os.fsync(out.fileno())
        os.replace(staging, path)
    except OSError as err:
        staging.unlink(missing_ok=True)
        raise ConfigError(f"cannot write {path}: {err.strerror}") from None
