"""gavah.toml round-trips and bad files give one-line ConfigErrors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gavah.errors import ConfigError
from gavah.workspace import WorkspaceConfig


def _config(**kw: object) -> WorkspaceConfig:
    base: dict[str, object] = {
        "name": "سازمان‌ مستندسازی",
        "created": datetime(2026, 1, 8, 12, 0, tzinfo=UTC),
        "signing_public_key": "AAAA",
        "age_recipients": ("age1example",),
    }
    base.update(kw)
    return WorkspaceConfig(**base)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field() -> None:
    cfg = _config(database_url="postgresql://db/gavah")
    assert WorkspaceConfig.from_toml(cfg.to_toml()) == cfg


def test_written_file_holds_no_secret_field() -> None:
    text = _config().to_toml()
    assert "SECRET" not in text.upper().replace("SECRETS ARE NEVER STORED", "")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("not = [valid", "not valid TOML"),
        ("[workspace]\nformat = 1\n", "missing or has a bad setting"),
        (
            '[workspace]\nformat = 9\nname = "x"\ncreated = "2026-01-08T00:00:00"\n'
            '[keys]\nsigning_public_key = "A"\nage_recipients = ["age1x"]\n',
            "format 9",
        ),
        (
            '[workspace]\nformat = 1\nname = "x"\ncreated = "2026-01-08T00:00:00"\n'
            '[keys]\nsigning_public_key = "A"\nage_recipients = []\n',
            "no age recipient",
        ),
        (
            '[workspace]\nformat = 1\nname = "x"\ncreated = "yesterday"\n'
            '[keys]\nsigning_public_key = "A"\nage_recipients = ["age1x"]\n',
            "bad setting",
        ),
    ],
)
def test_bad_config_is_a_one_line_error(text: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment) as info:
        WorkspaceConfig.from_toml(text)
    assert "\n" not in str(info.value)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        WorkspaceConfig.load(tmp_path / "missing.toml")
    bad = tmp_path / "gavah.toml"
    bad.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ConfigError, match="not UTF-8"):
        WorkspaceConfig.load(bad)
