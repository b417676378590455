"""`gavah ingest`: digests equal sha256sum's, re-ingest stores nothing, no plaintext remains."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import wave
from pathlib import Path

import piexif
import pytest
from PIL import Image

from gavah.workspace import Settings, Workspace
from tests.integration.cli.conftest import PASSPHRASE, Invoke

ENV = {"GAVAH_PASSPHRASE": PASSPHRASE}


def make_inputs(root: Path) -> dict[str, bytes]:
    """A folder of mixed synthetic originals; returns a marker string per text-like file."""
    (root / "photos" / "day1").mkdir(parents=True)
    (root / "docs").mkdir()
    image = Image.new("RGB", (40, 30), (30, 90, 160))
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"N",
        piexif.GPSIFD.GPSLatitude: ((35, 1), (41, 1), (0, 1)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((51, 1), (25, 1), (0, 1)),
    }
    exif = {"Exif": {piexif.ExifIFD.DateTimeOriginal: b"2026:01:08 21:14:00"}, "GPS": gps}
    image.save(root / "photos" / "day1" / "street.jpg", exif=piexif.dump(exif))
    markers = {
        "docs/statement.txt": b"MARKER-statement-7f3a synthetic witness statement\n" * 20,
        "docs/report.pdf": b"%PDF-1.4\nMARKER-pdf-91bc synthetic\n%%EOF\n",
        "docs/blob.bin": b"\x00\x01MARKER-bin-55de" + os.urandom(50_000),
    }
    for name, data in markers.items():
        (root / name).write_bytes(data)
    with wave.open(str(root / "voice.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x01\x02" * 8000)
    return markers


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_ingest_records_digests_dedups_and_leaves_no_plaintext(
    tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    inputs = tmp_path / "in"
    markers = make_inputs(inputs)
    (inputs / "copy-of-statement.txt").write_bytes(markers["docs/statement.txt"])
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in _files(inputs)}

    result = invoke(
        "--workspace",
        str(workspace),
        "ingest",
        str(inputs),
        "--source",
        "channel A",
        "--case",
        "C-1",
        "--note",
        "from a synthetic test",
        "--json",
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{") :])
    assert report["ingested"] == 5
    assert report["received_again"] == 1
    by_path = {Path(f["path"]): f for f in report["files"]}
    for path, (data, _) in before.items():
        assert by_path[path]["sha256"] == hashlib.sha256(data).hexdigest()
        assert by_path[path]["bytes"] == len(data)
    media = {p.name: f["media_type"] for p, f in by_path.items()}
    assert media["street.jpg"] == "image/jpeg"
    assert media["report.pdf"] == "application/pdf"
    assert media["statement.txt"] == "text/plain"
    assert media["voice.wav"] == "audio/x-wav"
    # The originals are untouched.
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in _files(inputs)} == before
    blobs = list((workspace / "vault").rglob("*.age"))
    assert len(blobs) == 5
    assert not list((workspace / "vault" / "tmp").iterdir())
    # No plaintext of any original anywhere in the workspace (blobs, database, WAL, config).
    needles = [m[:24] for m in markers.values()] + [before[inputs / "docs/blob.bin"][0][-64:]]
    for path in _files(workspace):
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"plaintext of an original found in {path}"

    # Re-ingest: nothing new stored, every file logged as received again.
    again = invoke(
        "--workspace", str(workspace), "ingest", str(inputs), "--source", "channel B", env=ENV
    )
    assert again.exit_code == 0, again.output
    assert "0 ingested, 6 received again" in again.output
    assert "already in the vault" in again.output
    assert len(list((workspace / "vault").rglob("*.age"))) == 5
    verify = invoke("--workspace", str(workspace), "ledger", "verify", env=ENV)
    assert verify.exit_code == 0, verify.output


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command is not installed")
def test_the_age_command_opens_an_ingested_blob(
    tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    original = tmp_path / "note.txt"
    original.write_bytes("یادداشت synthetic note\n".encode() * 10)
    result = invoke(
        "--workspace", str(workspace), "ingest", str(original), "--source", "s", env=ENV
    )
    assert result.exit_code == 0, result.output
    sha = hashlib.sha256(original.read_bytes()).hexdigest()
    blob = workspace / "vault" / sha[:2] / f"{sha}.age"
    keys = Workspace.open(Settings(workspace=workspace)).unlock(PASSPHRASE)
    identity = tmp_path / "identity.txt"
    identity.write_text(str(keys.age_identity) + "\n")
    out = subprocess.run(
        ["age", "-d", "-i", str(identity), str(blob)], capture_output=True, check=True
    ).stdout
    assert out == original.read_bytes()


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path, workspace: Path, invoke: Invoke) -> None:
    missing = invoke(
        "--workspace", str(workspace), "ingest", str(tmp_path / "nope"), "--source", "s", env=ENV
    )
    assert missing.exit_code == 1
    assert "no such file or folder" in missing.output
    assert "Traceback" not in missing.output
    wrong = invoke(
        "--workspace",
        str(workspace),
        "ingest",
        str(tmp_path),
        "--source",
        "s",
        env={"GAVAH_PASSPHRASE": "the wrong passphrase"},
    )
    assert wrong.exit_code == 1
    assert "passphrase" in wrong.output
