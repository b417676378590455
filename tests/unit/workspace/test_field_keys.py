"""Field workspaces: keys with no age identity, sealed like any other, and a folder that says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyrage
import pytest

from gavah.errors import WorkspaceError
from gavah.workspace import Settings, Workspace
from gavah.workspace.keys import generate_keys, seal, unseal

PASSPHRASE = "a long test passphrase"
NOW = dt.datetime(2026, 1, 9, tzinfo=dt.UTC)


def test_field_keys_hold_no_identity_and_survive_sealing() -> None:
    keys = generate_keys(field=True)
    assert keys.age_identity is None
    assert keys.identities == []
    assert keys.public.age_recipient is None
    sealed = seal(keys, PASSPHRASE)
    assert b"AGE-SECRET-KEY" not in pyrage.passphrase.decrypt(sealed, PASSPHRASE)
    opened = unseal(sealed, PASSPHRASE)
    assert opened.age_identity is None
    assert opened.public.signing_public_key == keys.public.signing_public_key


def test_a_field_workspace_encrypts_to_the_organisation_only(tmp_path: Path) -> None:
    org = pyrage.x25519.Identity.generate()
    settings = Settings(workspace=tmp_path / "field")
    result = Workspace.init(settings, PASSPHRASE, now=NOW, field_recipients=(str(org.to_public()),))
    ws = result.workspace
    try:
        assert ws.is_field
        assert ws.config.age_recipients == (str(org.to_public()),)
        assert ws.status()["field"] is True
        assert ws.unlock(PASSPHRASE).identities == []
    finally:
        ws.close()
    text = (tmp_path / "field" / "gavah.toml").read_text()
    assert "[field]" in text
    assert "can_decrypt = false" in text


def test_a_bad_organisation_recipient_is_refused(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path / "field")
    with pytest.raises(WorkspaceError, match="not an age X25519 recipient"):
        Workspace.init(settings, PASSPHRASE, now=NOW, field_recipients=("age1nonsense",))
    assert not (tmp_path / "field").exists()
