"""Evidence files: small drawn JPEGs whose EXIF GPS and time read back, and witness notes."""

from __future__ import annotations

import datetime as dt
import io
import json
from fractions import Fraction
from pathlib import Path

import piexif
from PIL import Image

from gavah.synth.evidence import gps_rational

IRAN_LAT = (25.0, 40.0)
IRAN_LON = (44.0, 63.5)


def _degrees(value: tuple[tuple[int, int], ...], ref: bytes) -> float:
    d, m, s = (Fraction(n, den) for n, den in value)
    sign = -1 if ref in (b"S", b"W") else 1
    return sign * float(d + m / 60 + s / 3600)


def test_gps_rational_round_trips() -> None:
    value = gps_rational(35.68923)
    assert abs(_degrees(value, b"N") - 35.68923) < 1e-5
    assert abs(_degrees(gps_rational(-51.5), b"W") + 51.5) < 1e-9


def test_images_carry_gps_inside_iran_and_the_incident_date(written: Path) -> None:
    index = json.loads((written / "evidence.json").read_text(encoding="utf-8"))
    incidents = {
        i["id"]: i for i in json.loads((written / "incidents.json").read_text(encoding="utf-8"))
    }
    images = [e for e in index if e["kind"] == "image"]
    assert len(images) == 4
    for item in images:
        data = (written / item["file"]).read_bytes()
        exif = piexif.load(data)
        gps = exif["GPS"]
        lat = _degrees(gps[piexif.GPSIFD.GPSLatitude], gps[piexif.GPSIFD.GPSLatitudeRef])
        lon = _degrees(gps[piexif.GPSIFD.GPSLongitude], gps[piexif.GPSIFD.GPSLongitudeRef])
        assert IRAN_LAT[0] < lat < IRAN_LAT[1]
        assert IRAN_LON[0] < lon < IRAN_LON[1]
        incident = incidents[item["incident"]]
        assert abs(lat - incident["place"]["lat"]) < 0.03
        assert abs(lon - incident["place"]["lon"]) < 0.03
        taken = exif["Exif"][piexif.ExifIFD.DateTimeOriginal].decode("ascii")
        assert (
            dt.datetime.strptime(taken, "%Y:%m:%d %H:%M:%S").date().isoformat() == incident["date"]
        )
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (320, 240)
            assert image.format == "JPEG"


def test_evidence_is_small_and_indexed(written: Path) -> None:
    files = sorted((written / "evidence").iterdir())
    assert sum(f.stat().st_size for f in files) < 1_000_000
    index = json.loads((written / "evidence.json").read_text(encoding="utf-8"))
    assert sorted(e["file"] for e in index) == sorted(f"evidence/{f.name}" for f in files)
    statements = [f for f in files if f.suffix == ".txt"]
    assert statements
    assert "SYNTHETIC" in statements[0].read_text(encoding="utf-8")
