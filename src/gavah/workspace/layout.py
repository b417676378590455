"""Creating and opening a workspace folder.

Owns the folder layout (``gavah.toml``, ``gavah.db``, ``vault/``, ``keys/secret.age``), the
atomic creation of a workspace and the resolution of its database URL. A workspace is created in
a temporary sibling folder and renamed into place, so a failure leaves nothing half-made. A
*field* workspace (``init(..., field_recipients=...)``) holds only the organisation's public age
recipients and its own signing key: ``gavah.toml`` says so under ``[field]``, its key file holds
no age identity, and it can ingest but never decrypt.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import Engine

from gavah.errors import WorkspaceError
from gavah.store import (
    Store,
    current_revision,
    describe_url,
    head_revision,
    make_engine,
    normalise_url,
    upgrade,
)
from gavah.vault.blobs import fsync_dir
from gavah.workspace.config import CONFIG_FILE, WorkspaceConfig
from gavah.workspace.keys import KeyPair, generate_keys, seal, unseal
from gavah.workspace.settings import Settings

__all__ = ["DATABASE_FILE", "FIELD_SECTION", "KEY_FILE", "VAULT_DIR", "InitResult", "Workspace"]

DATABASE_FILE = "gavah.db"
VAULT_DIR = "vault"
KEY_DIR = "keys"
KEY_FILE = f"{KEY_DIR}/secret.age"
#: The ``gavah.toml`` section that marks a field workspace.
FIELD_SECTION = "field"


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``init`` did: ``created`` is False when the workspace already existed."""

    workspace: Workspace
    created: bool


def _sqlite_url(root: Path) -> str:
    return f"sqlite:///{(root / DATABASE_FILE).resolve()}"


class Workspace:
    """An opened workspace folder. Open with :meth:`open`, create with :meth:`init`."""

    def __init__(self, root: Path, config: WorkspaceConfig, database_url: str) -> None:
        self.root = root
        self.config = config
        self.database_url = database_url

    # -- creating and opening -------------------------------------------------------------

    @classmethod
    def init(
        cls,
        settings: Settings,
        passphrase: str,
        *,
        now: datetime,
        name: str | None = None,
        database_url: str | None = None,
        field_recipients: tuple[str, ...] = (),
    ) -> InitResult:
        """Create a workspace at ``settings.workspace``, or leave an existing one untouched.

        ``database_url`` (an explicit option) is recorded in ``gavah.toml``; otherwise the
        environment's URL is used for this run only and the config keeps SQLite as its default.
        ``field_recipients`` (the organisation's ``age1…`` recipients) makes a field workspace:
        blobs are encrypted to them only, and no age identity is generated.

        Raises:
            WorkspaceError: the folder exists, is not empty and is not a workspace.
            PassphraseError: the passphrase is too weak.
            StorageError: the database cannot be reached or migrated.
        """
        root = settings.workspace
        if (root / CONFIG_FILE).exists():
            return InitResult(workspace=cls.open(settings), created=False)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise WorkspaceError(f"{root} exists and is not an empty folder or a workspace")
        root.parent.mkdir(parents=True, exist_ok=True)
        field = bool(field_recipients)
        if field:
            _check_recipients(field_recipients)
        keys = generate_keys(field=field)
        sealed = seal(keys, passphrase)
        public = keys.public
        recipients = field_recipients if public.age_recipient is None else (public.age_recipient,)
        config = WorkspaceConfig(
            name=name or root.resolve().name,
            created=now,
            signing_public_key=public.signing_public_key,
            age_recipients=recipients,
            database_url=database_url or "",
            extra={FIELD_SECTION: {"mode": "field", "can_decrypt": False}} if field else {},
        )
        staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.init-", dir=root.parent))
        try:
            (staging / VAULT_DIR).mkdir()
            (staging / KEY_DIR).mkdir(mode=0o700)
            _write_file(staging / KEY_FILE, sealed, mode=0o600)
            url = database_url or settings.database_url
            # The SQLite file is made inside the staging folder and moves with it.
            engine = make_engine(url or _sqlite_url(staging))
            try:
                upgrade(engine)
            finally:
                engine.dispose()
            _write_file(staging / CONFIG_FILE, config.to_toml().encode("utf-8"), mode=0o644)
            fsync_dir(staging)
            os.replace(staging, root)
            fsync_dir(root.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return InitResult(workspace=cls.open(settings), created=True)

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        """Open the workspace named by ``settings``.

        Raises:
            WorkspaceError: there is no workspace there.
            ConfigError: its ``gavah.toml`` is invalid.
        """
        root = settings.workspace
        config_path = root / CONFIG_FILE
        if not config_path.is_file():
            raise WorkspaceError(
                f"no workspace at {root} (no {CONFIG_FILE}); run `gavah init {root}` "
                "or set GAVAH_HOME / --workspace"
            )
        config = WorkspaceConfig.load(config_path)
        url = settings.database_url or config.database_url or _sqlite_url(root)
        return cls(root=root, config=config, database_url=url)

    # -- parts ----------------------------------------------------------------------------

    @property
    def is_field(self) -> bool:
        """Whether this is a field workspace (it holds no age identity and cannot decrypt)."""
        return FIELD_SECTION in self.config.extra

    @property
    def vault_dir(self) -> Path:
        """The folder of encrypted blobs."""
        return self.root / VAULT_DIR

    @cached_property
    def engine(self) -> Engine:
        """The database engine (created on first use)."""
        return make_engine(self.database_url)

    def store(self) -> Store:
        """The store, with the schema migrated to the newest revision first.

        Raises:
            StorageError: the database cannot be reached or migrated.
        """
        upgrade(self.engine)
        return Store(self.engine)

    def unlock(self, passphrase: str) -> KeyPair:
        """Unseal the workspace keys.

        Raises:
            PassphraseError: wrong passphrase.
            WorkspaceError: the key file is missing or damaged.
        """
        try:
            sealed = (self.root / KEY_FILE).read_bytes()
        except OSError as err:
            raise WorkspaceError(f"cannot read the workspace keys: {err.strerror}") from None
        return unseal(sealed, passphrase)

    def close(self) -> None:
        """Release database connections."""
        if "engine" in self.__dict__:
            self.engine.dispose()

    def status(self) -> dict[str, Any]:
        """Describe what the workspace holds, as plain JSON-ready data.

        Raises:
            StorageError: the database cannot be reached.
        """
        revision = current_revision(self.engine)
        head = head_revision()
        counts = Store(self.engine).counts() if revision == head else {}
        blobs = [p for p in self.vault_dir.rglob("*") if p.is_file()]
        return {
            "workspace": str(self.root.resolve()),
            "name": self.config.name,
            "created": self.config.created.isoformat(),
            "format": self.config.format,
            "database": {
                "backend": normalise_url(self.database_url).get_backend_name(),
                "url": describe_url(self.database_url),
                "revision": revision,
                "head": head,
                "up_to_date": revision == head,
            },
            "counts": counts,
            "vault": {"blobs": len(blobs), "bytes": sum(p.stat().st_size for p in blobs)},
            "keys": {
                "signing_public_key": self.config.signing_public_key,
                "age_recipients": list(self.config.age_recipients),
            },
            "field": self.is_field,
        }


def _check_recipients(recipients: tuple[str, ...]) -> None:
    for text in recipients:
        try:
            pyrage.x25519.Recipient.from_str(text)
        except pyrage.RecipientError:
            raise WorkspaceError(f"{text!r} is not an age X25519 recipient (age1…)") from None


def _write_file(path: Path, data: bytes, *, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
