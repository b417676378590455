"""Shared fixtures of the ledger tests: a fixed signing key, the log's verifier, test vectors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gavah.ledger.note import NoteVerifier

ORIGIN = "gavah.example/ledger-test"

# The transparency-dev/merkle vectors live in shared/ beside the repository (see its README).
VECTORS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "rfc9162-vectors"

# The leaves of the RFC 6962 / transparency-dev reference tree that the vectors' roots hash.
REFERENCE_ENTRIES = (
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
)


def fixed_key(label: str) -> Ed25519PrivateKey:
    """A deterministic Ed25519 key for tests, derived from a label (never used outside tests)."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


@pytest.fixture
def signing_key() -> Ed25519PrivateKey:
    """The test log's signing key."""
    return fixed_key("gavah ledger test key")


@pytest.fixture
def other_key() -> Ed25519PrivateKey:
    """A key that is not the log's."""
    return fixed_key("someone else's key")


@pytest.fixture
def log_verifier(signing_key: Ed25519PrivateKey) -> NoteVerifier:
    """The verifier of the test log: key name = origin."""
    return NoteVerifier.from_public_key(ORIGIN, signing_key.public_key())
