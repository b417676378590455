"""Settings are built from an explicit option and an explicit environment mapping."""

from __future__ import annotations

from pathlib import Path

from gavah.workspace import Settings


def test_option_wins_over_environment() -> None:
    s = Settings.build({"GAVAH_HOME": "/from/env"}, Path("/from/option"))
    assert s.workspace == Path("/from/option")


def test_environment_home_is_used_without_option() -> None:
    s = Settings.build({"GAVAH_HOME": "/from/env"})
    assert s.workspace == Path("/from/env")


def test_default_workspace_without_option_or_environment() -> None:
    s = Settings.build({})
    assert s.workspace == Path("gavah-workspace")
    assert s.database_url is None
    assert s.passphrase is None


def test_database_url_and_passphrase_come_from_environment() -> None:
    s = Settings.build(
        {"GAVAH_DATABASE_URL": " postgresql://h/db ", "GAVAH_PASSPHRASE": "گذرواژهٔ بلند"}
    )
    assert s.database_url == "postgresql://h/db"
    assert s.passphrase == "گذرواژهٔ بلند"


def test_blank_values_count_as_unset() -> None:
    s = Settings.build({"GAVAH_HOME": "  ", "GAVAH_DATABASE_URL": "", "GAVAH_PASSPHRASE": ""})
    assert s.workspace == Path("gavah-workspace")
    assert s.database_url is None
    assert s.passphrase is None
