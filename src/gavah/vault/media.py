"""What a file is and what it says about itself: media type, EXIF, container metadata, pHash.

Owns content sniffing (``filetype``, magic numbers only: the file name is never trusted), image
metadata (EXIF through Pillow, with GPS as decimal degrees and the capture time), the perceptual
hash of images (``imagehash`` pHash, 64 bits, for near-duplicate search) and basic audio and video
container metadata (``mutagen``: duration, bit rate, channels, codec). Every extractor reads the
original read-only and returns plain JSON values; a file a library cannot parse yields a
``warning`` entry, never an exception, because evidence is kept whatever its condition. Must not
write files or touch the database.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import filetype  # type: ignore[import-untyped]
import imagehash
import mutagen
from PIL import ExifTags, Image, UnidentifiedImageError

__all__ = ["MediaFacts", "detect_media_type", "examine"]

_OCTET_STREAM = "application/octet-stream"
_TEXT_CONTROL = set(range(9)) | {11} | set(range(14, 32))
_EXIF_FIELDS = (
    "Make",
    "Model",
    "Software",
    "DateTime",
    "DateTimeOriginal",
    "DateTimeDigitized",
    "OffsetTimeOriginal",
    "ImageDescription",
    "Artist",
)
# Pillow refuses images past this many pixels (decompression bombs); so do we, loudly.
_MAX_PIXELS = 200_000_000


@dataclass(frozen=True, slots=True)
class MediaFacts:
    """Metadata read from one original: JSON values, plus the image's perceptual hash."""

    metadata: dict[str, Any] = field(default_factory=dict)
    perceptual_hash: str | None = None
    warnings: tuple[str, ...] = ()


def _is_text(head: bytes) -> bool:
    if not head:
        return False
    if any(byte in _TEXT_CONTROL for byte in head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        # A multi-byte character cut at the end of the sniffed head is still text.
        return err.start >= len(head) - 3
    return True


def detect_media_type(head: bytes) -> str:
    """The media type of a file from its first bytes (magic numbers), lowercased.

    Unknown binary content is ``application/octet-stream``; UTF-8 text without control
    characters is ``text/plain``.
    """
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime).lower()
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return "text/plain" if _is_text(head) else _OCTET_STREAM


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").rstrip("\x00").strip()
    if isinstance(value, str):
        return value.rstrip("\x00").strip()
    if isinstance(value, (Fraction, float)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, int):
        return value
    if isinstance(value, tuple):
        return [_json_value(part) for part in value]
    return str(value)


def _degrees(parts: Any, ref: Any) -> float | None:
    try:
        degrees, minutes, seconds = (float(part) for part in parts)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(value):
        return None
    if str(ref).strip("\x00 ").upper() in {"S", "W"}:
        value = -value
    return round(value, 7)


def _gps(exif: Image.Exif) -> dict[str, Any]:
    info: Mapping[int, Any] = exif.get_ifd(ExifTags.IFD.GPSInfo)
    if not info:
        return {}
    gps: dict[str, Any] = {}
    lat = _degrees(info.get(ExifTags.GPS.GPSLatitude), info.get(ExifTags.GPS.GPSLatitudeRef))
    lon = _degrees(info.get(ExifTags.GPS.GPSLongitude), info.get(ExifTags.GPS.GPSLongitudeRef))
    if lat is not None and lon is not None:
        gps["latitude"] = lat
        gps["longitude"] = lon
    altitude = info.get(ExifTags.GPS.GPSAltitude)
    if altitude is not None:
        gps["altitude"] = _json_value(altitude)
    for tag in (ExifTags.GPS.GPSDateStamp, ExifTags.GPS.GPSTimeStamp):
        if tag in info:
            gps[ExifTags.GPS(tag).name] = _json_value(info[tag])
    return gps


def _exif(image: Image.Image) -> dict[str, Any]:
    exif = image.getexif()
    names = {tag.name: tag.value for tag in ExifTags.Base}
    found: dict[str, Any] = {}
    detail = exif.get_ifd(ExifTags.IFD.Exif)
    for name in _EXIF_FIELDS:
        tag = names[name]
        value = detail.get(tag, exif.get(tag))
        if value is not None:
            found[name] = _json_value(value)
    gps = _gps(exif)
    if gps:
        found["gps"] = gps
    return found


def _image(path: Path) -> MediaFacts:
    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    try:
        with Image.open(path) as image:
            metadata: dict[str, Any] = {
                "width": image.width,
                "height": image.height,
                "format": image.format,
            }
            exif = _exif(image)
            if exif:
                metadata["exif"] = exif
            phash = str(imagehash.phash(image))
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as err:
        return MediaFacts(warnings=(f"image not readable: {err}",))
    return MediaFacts(metadata=metadata, perceptual_hash=phash)


def _container(path: Path) -> MediaFacts:
    try:
        parsed = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError) as err:
        return MediaFacts(warnings=(f"container not readable: {err}",))
    if parsed is None or parsed.info is None:
        return MediaFacts()
    info = parsed.info
    metadata: dict[str, Any] = {}
    for name in ("length", "bitrate", "channels", "sample_rate", "codec"):
        value = getattr(info, name, None)
        if value is not None:
            metadata[name] = _json_value(value)
    return MediaFacts(metadata={"container": metadata} if metadata else {})


def examine(path: Path, media_type: str) -> MediaFacts:
    """Read the metadata of the original at ``path`` (read-only) according to its media type."""
    if media_type.startswith("image/"):
        return _image(path)
    if media_type.startswith(("audio/", "video/")):
        return _container(path)
    return MediaFacts()
