"""Evidence items: files received into the vault, identified by their content.

Owns :class:`EvidenceItem`, the description of one received file (its digests, size, media type,
original name, when and from which source it came, and the case it belongs to). Hashing, encrypting
and storing the bytes is ``gavah.vault``'s business; custody events live in the ledger.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gavah.model.rules import check_id, check_optional_text, check_text, require

__all__ = ["EvidenceItem"]

_SHA256 = re.compile(r"[0-9a-f]{64}")
_SHA512 = re.compile(r"[0-9a-f]{128}")
_MEDIA_TYPE = re.compile(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")  # RFC 6838 names, lowercased


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A file received as evidence.

    Attributes:
        id: stable id.
        sha256: SHA-256 of the original bytes, lowercase hex; unique in a workspace.
        sha512: SHA-512 of the original bytes, lowercase hex (for BagIt manifests).
        size: size of the original in bytes.
        media_type: media type detected from the content (``image/jpeg``).
        original_filename: the file's name as received (never trusted as a path).
        received_at: when it was ingested; timezone-aware.
        source_id: the source it came from.
        case: case label it was filed under, if any.
        perceptual_hash: perceptual hash of an image (hex), for near-duplicate search.
        note: free text given at intake.
    """

    id: str
    sha256: str
    sha512: str
    size: int
    media_type: str
    original_filename: str
    received_at: dt.datetime
    source_id: str
    case: str | None = None
    perceptual_hash: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        check_id("evidence id", self.id)
        require(
            isinstance(self.sha256, str) and _SHA256.fullmatch(self.sha256) is not None,
            "sha256 must be 64 lowercase hex digits",
        )
        require(
            isinstance(self.sha512, str) and _SHA512.fullmatch(self.sha512) is not None,
            "sha512 must be 128 lowercase hex digits",
        )
        require(
            isinstance(self.size, int) and not isinstance(self.size, bool) and self.size >= 0,
            "size must be a whole number of bytes, at least 0",
        )
        require(
            isinstance(self.media_type, str) and _MEDIA_TYPE.fullmatch(self.media_type) is not None,
            f"media type {self.media_type!r:.80} is not type/subtype in lowercase",
        )
        check_text("original filename", self.original_filename)
        require(
            isinstance(self.received_at, dt.datetime) and self.received_at.tzinfo is not None,
            "received_at must be a timezone-aware datetime",
        )
        check_id("evidence source id", self.source_id)
        check_optional_text("evidence case", self.case)
        if self.perceptual_hash is not None:
            require(
                re.fullmatch(r"[0-9a-f]{1,64}", self.perceptual_hash) is not None,
                "perceptual hash must be lowercase hex",
            )
        check_optional_text("evidence note", self.note)
