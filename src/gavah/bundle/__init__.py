"""gavah.bundle: store-and-forward bundles between workspaces (pure core, no I/O).

Owns the bundle format (docs/bundles.md): the signed envelope in front of an age payload
(``envelope``), the payload framing and manifest (``manifest``), chunks that travel separately and
reassemble in any order (``chunks``), the checks that a bundle extends what the receiver holds of
the sender's log and is not a fork (``logcheck``), and acknowledgements as C2SP cosignatures
(``cosign``). Reading and writing files, the database and the vault is
:mod:`gavah.vault.bundles`'s.
"""

from __future__ import annotations

from gavah.bundle.chunks import (
    CHUNK_MAGIC,
    Chunk,
    ChunkHeader,
    chunk_header,
    parse_chunk_header,
    plan_chunks,
    reassembly_order,
)
from gavah.bundle.cosign import Cosignature, cosign, cosigner_key_id, open_cosigned
from gavah.bundle.envelope import (
    MAGIC,
    MAX_NOTE_SIZE,
    Envelope,
    EnvelopeHeader,
    open_envelope,
    read_header,
    seal_envelope,
)
from gavah.bundle.errors import (
    BundleError,
    CorruptBundleError,
    ForkError,
    IncompleteBundleError,
    UnknownSenderError,
)
from gavah.bundle.logcheck import LogExtension, SeenCheckpoint, check_extension
from gavah.bundle.manifest import (
    BundleItem,
    Manifest,
    decode_manifest,
    payload_prefix,
    read_payload_prefix,
)

__all__ = [
    "CHUNK_MAGIC",
    "MAGIC",
    "MAX_NOTE_SIZE",
    "BundleError",
    "BundleItem",
    "Chunk",
    "ChunkHeader",
    "CorruptBundleError",
    "Cosignature",
    "Envelope",
    "EnvelopeHeader",
    "ForkError",
    "IncompleteBundleError",
    "LogExtension",
    "Manifest",
    "SeenCheckpoint",
    "UnknownSenderError",
    "check_extension",
    "chunk_header",
    "cosign",
    "cosigner_key_id",
    "decode_manifest",
    "open_cosigned",
    "open_envelope",
    "parse_chunk_header",
    "payload_prefix",
    "plan_chunks",
    "read_header",
    "read_payload_prefix",
    "reassembly_order",
    "seal_envelope",
]
