"""Id factories for domain objects.

Owns the shape of ids (ULIDs: 26 characters of Crockford base32, sortable by creation time) and the
factories that make them. The domain core never reads the clock or global randomness: a factory is
built from a clock and a ``random.Random`` handed in by the entry point (``random.SystemRandom()``
in production, a seeded ``random.Random`` in tests and synthetic scenarios).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

__all__ = ["CROCKFORD_ALPHABET", "IdFactory", "hex_ids", "ulid_ids"]

#: Crockford's base32 alphabet (https://www.crockford.com/base32.html), as used by ULID.
CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

_TIME_BITS = 48
_RANDOM_BITS = 80
_ULID_CHARS = 26

IdFactory = Callable[[], str]
"""A callable that returns a fresh id each time it is called."""


def _encode(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        chars.append(CROCKFORD_ALPHABET[digit])
    return "".join(reversed(chars))


def ulid_ids(clock: Callable[[], dt.datetime], rng: random.Random) -> IdFactory:
    """Return a factory of ULIDs (https://github.com/ulid/spec) from ``clock`` and ``rng``.

    ``clock`` must return timezone-aware datetimes. Ids made within the same millisecond are
    ordered by their random part only, as the ULID spec allows without monotonic mode.

    Raises:
        ValueError: (from the returned factory) the clock returned a naive datetime or a time
            before 1970.
    """

    def make() -> str:
        now = clock()
        if now.tzinfo is None:
            raise ValueError("the id clock must return timezone-aware datetimes")
        millis = int(now.timestamp() * 1000)
        if not 0 <= millis < 1 << _TIME_BITS:
            raise ValueError(f"time {now.isoformat()} is outside the ULID range")
        value = (millis << _RANDOM_BITS) | rng.getrandbits(_RANDOM_BITS)
        return _encode(value, _ULID_CHARS)

    return make


def hex_ids(rng: random.Random) -> IdFactory:
    """Return a factory of 32-character lowercase hex ids drawn from ``rng`` (128 random bits)."""

    def make() -> str:
        return f"{rng.getrandbits(128):032x}"

    return make
