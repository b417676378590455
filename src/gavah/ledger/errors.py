"""Errors of the tamper-evident ledger.

Owns the ledger's branch of the project's error hierarchy: every failure a user can meet here (a
proof that does not verify, a checkpoint that is malformed or badly signed, an entry that is not
canonical) is a :class:`LedgerError` whose ``str()`` is one complete line. This module must not
import anything but :mod:`gavah.errors`: the standalone verifier imports it optionally.
"""

from __future__ import annotations

from gavah.errors import GavahError

__all__ = [
    "CheckpointError",
    "ConsistencyProofError",
    "EntryError",
    "InclusionProofError",
    "LedgerError",
    "NoteError",
    "TreeError",
]


class LedgerError(GavahError):
    """Base of every ledger failure; verification code raises it instead of returning False."""


class TreeError(LedgerError):
    """A tree size, leaf index, subtree range or stored frontier is impossible."""


class InclusionProofError(LedgerError):
    """An inclusion proof (RFC 9162 §2.1.3) does not verify, or cannot be generated."""


class ConsistencyProofError(LedgerError):
    """A consistency proof (RFC 9162 §2.1.4) does not verify, or cannot be generated."""


class EntryError(LedgerError, ValueError):
    """A custody event is invalid, or entry bytes are not its canonical (RFC 8785) encoding."""


class NoteError(LedgerError):
    """A signed note or verifier key is malformed, or no trusted signature verifies."""


class CheckpointError(LedgerError):
    """A checkpoint body is malformed, or names another log than the one expected."""
