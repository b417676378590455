"""The estimation error: the data cannot support the estimate that was asked for.

Owns :class:`NotEstimableError`, raised when a table is valid but the chosen method cannot give a
number from it (the maximum-likelihood estimate does not exist or is not identifiable, too few
lists for the method, a stratum with no usable lists). It derives from
:class:`gavah.errors.GavahError`, so the command line prints its one-line message and exits
non-zero. This module must not import anything but :mod:`gavah.errors`.
"""

from __future__ import annotations

from gavah.errors import GavahError

__all__ = ["NotEstimableError"]


class NotEstimableError(GavahError, ValueError):
    """The table is well formed but gives no estimate with this method; the message says why."""
