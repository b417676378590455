"""Workspace keys: an Ed25519 signing key and an age X25519 identity, sealed under a passphrase.

Owns generating, sealing and unsealing the keys. The sealed file ``keys/secret.age`` is an age v1
file encrypted with age's scrypt passphrase recipient (a memory-hard KDF: scrypt with
N = 2^18, r = 8, about 256 MiB and a second per attempt), so the standard ``age -d`` command opens
it with the passphrase: the organisation never depends on Gavah to reach its own keys. Its
plaintext is a small JSON document (see ``_PAYLOAD_FORMAT``). A field workspace's keys hold no age
identity at all (``age_identity`` is absent, :attr:`KeyPair.age_identity` is ``None``): it encrypts
to the organisation's recipients and can decrypt nothing it ingested. Nothing here writes a
secret in the clear, and nothing reads the environment.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from gavah.errors import PassphraseError, WorkspaceError

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "KeyPair",
    "PublicKeys",
    "check_passphrase_strength",
    "generate_keys",
    "public_key_from_base64",
    "seal",
    "unseal",
]

# NIST SP 800-63B §5.1.1.2 asks memorised secrets to be at least 8 characters long.
MIN_PASSPHRASE_LENGTH = 8
_PAYLOAD_FORMAT = "gavah-workspace-keys/1"
_AGE_SCRYPT_HEADER = b"age-encryption.org/v1\n-> scrypt "


@dataclass(frozen=True, slots=True)
class PublicKeys:
    """The public halves: safe to write into ``gavah.toml`` and to hand out."""

    signing_public_key: str  # base64 of the 32-byte Ed25519 public key
    age_recipient: str | None  # "age1…"; None for a field workspace (it has no identity)


@dataclass(frozen=True, slots=True)
class KeyPair:
    """The unsealed secrets of a workspace. Keep in memory only as long as needed.

    ``age_identity`` is ``None`` in a field workspace, which cannot decrypt.
    """

    signing_key: Ed25519PrivateKey
    age_identity: pyrage.x25519.Identity | None

    @property
    def identities(self) -> list[pyrage.x25519.Identity]:
        """The age identities to decrypt with: none in a field workspace."""
        return [] if self.age_identity is None else [self.age_identity]

    @property
    def public(self) -> PublicKeys:
        """The public halves of both keys."""
        raw = self.signing_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKeys(
            signing_public_key=base64.b64encode(raw).decode("ascii"),
            age_recipient=None if self.age_identity is None else str(self.age_identity.to_public()),
        )


def generate_keys(*, field: bool = False) -> KeyPair:
    """Generate a fresh Ed25519 signing key and (unless ``field``) age identity from the CSPRNG.

    A field workspace gets no age identity: what it ingests is encrypted to the organisation.
    """
    return KeyPair(
        signing_key=Ed25519PrivateKey.generate(),
        age_identity=None if field else pyrage.x25519.Identity.generate(),
    )


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse a passphrase too short to protect the keys.

    Raises:
        PassphraseError: the passphrase is shorter than ``MIN_PASSPHRASE_LENGTH``.
    """
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseError(
            f"the passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters"
        )


def seal(keys: KeyPair, passphrase: str) -> bytes:
    """Encrypt the keys under ``passphrase`` as an age v1 scrypt-recipient file.

    Raises:
        PassphraseError: the passphrase is too short.
    """
    check_passphrase_strength(passphrase)
    raw_signing = keys.signing_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    payload = {
        "format": _PAYLOAD_FORMAT,
        "ed25519_private_key": base64.b64encode(raw_signing).decode("ascii"),
    }
    if keys.age_identity is not None:
        payload["age_identity"] = str(keys.age_identity)
    plaintext = json.dumps(payload, sort_keys=True).encode("utf-8")
    sealed: bytes = pyrage.passphrase.encrypt(plaintext, passphrase)
    return sealed


def unseal(sealed: bytes, passphrase: str) -> KeyPair:
    """Decrypt keys sealed by :func:`seal`.

    Raises:
        PassphraseError: the passphrase does not open the file.
        WorkspaceError: the file is not a Gavah key file (damaged or foreign).
    """
    if not sealed.startswith(_AGE_SCRYPT_HEADER):
        raise WorkspaceError("the workspace key file is not an age passphrase-encrypted file")
    try:
        plaintext: bytes = pyrage.passphrase.decrypt(sealed, passphrase)
    except pyrage.DecryptError:
        raise PassphraseError("wrong passphrase: it does not open the workspace keys") from None
    try:
        payload = json.loads(plaintext)
        if payload.get("format") != _PAYLOAD_FORMAT:
            raise ValueError(payload.get("format"))
        signing = Ed25519PrivateKey.from_private_bytes(
            base64.b64decode(payload["ed25519_private_key"], validate=True)
        )
        identity_text = payload.get("age_identity")  # absent in a field workspace
        identity = None if identity_text is None else pyrage.x25519.Identity.from_str(identity_text)
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise WorkspaceError(f"the workspace key file is damaged or not Gavah's: {err}") from None
    return KeyPair(signing_key=signing, age_identity=identity)


def public_key_from_base64(text: str) -> Ed25519PublicKey:
    """Parse a base64 Ed25519 public key as stored in ``gavah.toml``.

    Raises:
        WorkspaceError: the text is not a 32-byte base64 public key.
    """
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError as err:
        raise WorkspaceError(f"bad signing public key in gavah.toml: {err}") from None
