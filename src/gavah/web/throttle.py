"""Login rate limiting, per account name and client address, in memory.

Owns :class:`LoginThrottle`: after :data:`MAX_FAILURES` failed sign-ins for one (name, address)
within :data:`WINDOW`, further attempts are refused until the oldest failure leaves the window.
Keyed on both so that an attacker cannot lock a documenter out from elsewhere by guessing at
their name, and one address cannot try one name forever. The clock is passed in. State is per
process (one uvicorn worker is the supported setup); it is not persisted, so a restart forgives.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import deque

__all__ = ["MAX_FAILURES", "WINDOW", "LoginThrottle"]

#: OWASP Authentication Cheat Sheet: lock out after a small number of failures.
MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
#: Bound on remembered keys, so a flood of names cannot exhaust memory.
MAX_KEYS = 100_000


class LoginThrottle:
    """Failed sign-ins per (account name, client address) over a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: dt.timedelta = WINDOW) -> None:
        self._max = max_failures
        self._window = window
        self._failures: dict[tuple[str, str], deque[dt.datetime]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(name: str, address: str) -> tuple[str, str]:
        return (name.strip().casefold(), address)

    def _recent(self, key: tuple[str, str], now: dt.datetime) -> deque[dt.datetime]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self._window:
            times.popleft()
        return times

    def is_blocked(self, name: str, address: str, *, now: dt.datetime) -> bool:
        """Whether a sign-in for ``name`` from ``address`` must be refused now."""
        with self._lock:
            return len(self._recent(self._key(name, address), now)) >= self._max

    def failed(self, name: str, address: str, *, now: dt.datetime) -> None:
        """Count one failed sign-in."""
        key = self._key(name, address)
        with self._lock:
            if key not in self._failures and len(self._failures) >= MAX_KEYS:
                self._failures.pop(next(iter(self._failures)))
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times

    def succeeded(self, name: str, address: str) -> None:
        """Forget the failures of a pair after a successful sign-in."""
        with self._lock:
            self._failures.pop(self._key(name, address), None)
