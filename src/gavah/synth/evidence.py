"""Synthetic evidence files for the demo: small drawn JPEGs with EXIF, and a witness note.

Owns making the bytes of each file: a 320×240 picture of drawn shapes and the word SYNTHETIC
(never a real photograph), whose EXIF carries GPS coordinates near its incident's town and a
DateTimeOriginal on the incident's day, plus short text statements. Pure: bytes in memory from a
``random.Random``; writing them is ``gavah.synth.writer``'s job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final

import piexif
from PIL import Image, ImageDraw, ImageFont

from gavah.synth.incidents import Incident

__all__ = ["EvidenceFile", "draw_evidence", "gps_rational"]

_SIZE: Final = (320, 240)
_JITTER_DEG: Final = 0.02  # about 2 km: a phone in the crowd, not the town's centre
_QUALITY: Final = 70


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """One evidence file: its name under ``evidence/``, bytes and what it documents."""

    name: str
    data: bytes
    kind: str
    incident: str
    source: str
    lat: float | None
    lon: float | None
    taken: dt.datetime | None

    @property
    def sha256(self) -> str:
        """The SHA-256 of the file's bytes, in hex."""
        return hashlib.sha256(self.data).hexdigest()

    def as_json(self) -> dict[str, Any]:
        """The file's description for ``evidence.json``."""
        return {
            "file": f"evidence/{self.name}",
            "kind": self.kind,
            "incident": self.incident,
            "source": self.source,
            "sha256": self.sha256,
            "bytes": len(self.data),
            "lat": self.lat,
            "lon": self.lon,
            "taken": self.taken.isoformat() if self.taken else None,
        }


def gps_rational(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Degrees, minutes, seconds of ``abs(value)`` as EXIF rationals (seconds to 1/100)."""
    value = abs(value)
    degrees = int(value)
    minutes_f = (value - degrees) * 60
    minutes = int(minutes_f)
    seconds = Fraction(round((minutes_f - minutes) * 60 * 100), 100)
    return (degrees, 1), (minutes, 1), (seconds.numerator, seconds.denominator)


def _exif(lat: float, lon: float, taken: dt.datetime) -> bytes:
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S").encode("ascii")
    exif: dict[str, Any] = {
        "0th": {
            piexif.ImageIFD.Make: b"Gavah synthetic",
            piexif.ImageIFD.Model: b"SynthCam 1",
            piexif.ImageIFD.DateTime: stamp,
            piexif.ImageIFD.ImageDescription: b"SYNTHETIC test image - not a real photograph",
        },
        "Exif": {piexif.ExifIFD.DateTimeOriginal: stamp},
        "GPS": {
            piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
            piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
            piexif.GPSIFD.GPSLatitude: gps_rational(lat),
            piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
            piexif.GPSIFD.GPSLongitude: gps_rational(lon),
        },
    }
    data: bytes = piexif.dump(exif)
    return data


def _picture(label: str, rng: random.Random) -> Image.Image:
    sky = (rng.randint(10, 60), rng.randint(10, 60), rng.randint(40, 90))
    image = Image.new("RGB", _SIZE, sky)
    draw = ImageDraw.Draw(image)
    width, height = _SIZE
    for _ in range(rng.randint(3, 6)):  # buildings
        x = rng.randint(0, width - 40)
        w, h = rng.randint(30, 90), rng.randint(60, 170)
        shade = rng.randint(50, 120)
        draw.rectangle((x, height - h, x + w, height), fill=(shade, shade, shade + 10))
    for _ in range(rng.randint(4, 10)):  # lights, smoke
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(3, 18)
        colour = rng.choice(((255, 200, 60), (230, 230, 230), (200, 80, 40)))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    font = ImageFont.load_default()
    draw.rectangle((0, 0, width, 34), fill=(0, 0, 0))
    draw.text((8, 4), "SYNTHETIC", fill=(255, 80, 80), font=font)
    draw.text((8, 18), label, fill=(255, 255, 255), font=font)
    return image


def _jpeg(incident: Incident, number: int, rng: random.Random) -> EvidenceFile:
    lat = round(incident.lat + rng.uniform(-_JITTER_DEG, _JITTER_DEG), 5)
    lon = round(incident.lon + rng.uniform(-_JITTER_DEG, _JITTER_DEG), 5)
    taken = dt.datetime.combine(incident.date, dt.time(rng.randint(17, 23), rng.randint(0, 59)))
    taken = taken.replace(second=rng.randint(0, 59))
    image = _picture(f"{incident.id} {incident.city} {incident.date.isoformat()}", rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=_QUALITY, exif=_exif(lat, lon, taken))
    return EvidenceFile(
        name=f"img-{number:03d}.jpg",
        data=buffer.getvalue(),
        kind="image",
        incident=incident.id,
        source=rng.choice(("witness-1", "witness-2")),
        lat=lat,
        lon=lon,
        taken=taken,
    )


def _statement(incident: Incident, number: int) -> EvidenceFile:
    text = (
        "SYNTHETIC WITNESS STATEMENT - generated by gavah synth, not a real account.\n"
        f"شهادت ساختگی - رویداد {incident.id}\n\n"
        f"Place: {incident.city} ({incident.city_fa}), {incident.province}\n"
        f"Date: {incident.date.isoformat()}\n"
        f"I saw {incident.acts[0].perpetrator} use {incident.acts[0].means} against the crowd.\n"
        f"I counted between {incident.count_min} and {incident.count_max} people on the ground.\n"
    )
    return EvidenceFile(
        name=f"statement-{number:02d}.txt",
        data=text.encode("utf-8"),
        kind="text",
        incident=incident.id,
        source="witness-1",
        lat=None,
        lon=None,
        taken=None,
    )


def draw_evidence(
    incidents: tuple[Incident, ...], count: int, rng: random.Random
) -> tuple[EvidenceFile, ...]:
    """``count`` JPEGs spread over the incidents, then a witness statement for each of the first
    two incidents (nothing at all when there is no incident)."""
    if not incidents:
        return ()
    images = tuple(_jpeg(incidents[k % len(incidents)], k + 1, rng) for k in range(count))
    statements = tuple(
        _statement(incidents[k % len(incidents)], k + 1) for k in range(min(2, len(incidents)))
    )
    return images + statements
