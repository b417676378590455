"""The errors of store-and-forward bundles: each one a complete, one-line reason for a refusal.

Owns the error hierarchy of :mod:`gavah.bundle`. A bundle is refused whole: whichever of these
is raised, nothing of the bundle has been accepted.
"""

from __future__ import annotations

from gavah.errors import GavahError

__all__ = [
    "BundleError",
    "CorruptBundleError",
    "ForkError",
    "IncompleteBundleError",
    "UnknownSenderError",
]


class BundleError(GavahError):
    """A bundle, chunk or acknowledgement is refused."""


class CorruptBundleError(BundleError):
    """The bytes are not what the sender signed: truncated, damaged or tampered with."""


class IncompleteBundleError(BundleError):
    """Some chunks of a bundle are missing; ``missing`` lists their numbers (1-based)."""

    def __init__(self, message: str, missing: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing


class UnknownSenderError(BundleError):
    """The bundle or acknowledgement is signed by a key that is not a known peer's."""


class ForkError(BundleError):
    """The sender's log contradicts a checkpoint of it that was seen before: it was rewritten."""
