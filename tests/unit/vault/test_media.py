"""Media type from content, EXIF with GPS and capture time, perceptual hash, containers."""

from __future__ import annotations

import io
import struct
import wave
from pathlib import Path

import piexif
from PIL import Image

from gavah.vault.media import detect_media_type, examine


def _jpeg(path: Path, colour: tuple[int, int, int] = (200, 10, 10), *, gps: bool = True) -> None:
    image = Image.new("RGB", (64, 48), colour)
    for x in range(0, 64, 8):
        for y in range(48):
            image.putpixel((x, y), (0, 0, 0))
    exif: dict[str, dict[int, object]] = {
        "0th": {piexif.ImageIFD.Make: b"SynthCam"},
        "Exif": {piexif.ExifIFD.DateTimeOriginal: b"2026:01:09 17:02:11"},
    }
    if gps:
        exif["GPS"] = {
            piexif.GPSIFD.GPSLatitudeRef: b"N",
            piexif.GPSIFD.GPSLatitude: ((35, 1), (41, 1), (2, 1)),
            piexif.GPSIFD.GPSLongitudeRef: b"W",
            piexif.GPSIFD.GPSLongitude: ((51, 1), (30, 1), (0, 1)),
        }
    image.save(path, exif=piexif.dump(exif))


def test_media_type_comes_from_content_not_name() -> None:
    png = io.BytesIO()
    Image.new("RGB", (2, 2)).save(png, format="PNG")
    assert detect_media_type(png.getvalue()) == "image/png"
    assert detect_media_type(b"%PDF-1.7\n...") == "application/pdf"
    assert detect_media_type("متن فارسی plain text\n".encode()) == "text/plain"
    assert detect_media_type(b"\x00\x01\x02binary") == "application/octet-stream"
    assert detect_media_type(b"") == "application/octet-stream"
    # A multibyte character cut by the sniffing window is still text.
    assert detect_media_type(b"ab" + "ف".encode()[:1]) == "text/plain"
    assert detect_media_type(b"\xff\xfe broken") == "application/octet-stream"


def test_jpeg_exif_gps_capture_time_and_phash(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _jpeg(path)
    before = path.read_bytes()
    facts = examine(path, "image/jpeg")
    assert path.read_bytes() == before  # the original is never modified
    exif = facts.metadata["exif"]
    assert exif["DateTimeOriginal"] == "2026:01:09 17:02:11"
    assert exif["Make"] == "SynthCam"
    assert exif["gps"]["latitude"] == round(35 + 41 / 60 + 2 / 3600, 7)
    assert exif["gps"]["longitude"] == -51.5
    assert facts.metadata["width"] == 64
    assert facts.perceptual_hash is not None
    assert len(facts.perceptual_hash) == 16
    # A near-duplicate (re-encoded, no EXIF) has the same or a close perceptual hash.
    copy = tmp_path / "copy.jpg"
    Image.open(path).save(copy, quality=60)
    other = examine(copy, "image/jpeg")
    assert other.perceptual_hash is not None
    distance = bin(int(other.perceptual_hash, 16) ^ int(facts.perceptual_hash, 16)).count("1")
    assert distance <= 6
    assert "exif" not in other.metadata


def test_unreadable_image_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    facts = examine(path, "image/jpeg")
    assert facts.warnings
    assert facts.perceptual_hash is None


def test_audio_container_metadata(tmp_path: Path) -> None:
    path = tmp_path / "voice.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"".join(struct.pack("<h", i % 100) for i in range(16000)))
    facts = examine(path, "audio/x-wav")
    container = facts.metadata["container"]
    assert container["channels"] == 1
    assert container["sample_rate"] == 8000
    assert abs(container["length"] - 2.0) < 0.01
    assert examine(path, "text/plain").metadata == {}
    garbage = tmp_path / "x.mp3"
    garbage.write_bytes(b"ID3 not an mp3")
    assert examine(garbage, "audio/mpeg").perceptual_hash is None
