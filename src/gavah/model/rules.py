"""Checks shared by the domain types' constructors.

Owns the small rules every type applies to its fields (ids are non-empty printable tokens, text
holds no NUL character, optional text is never the empty string). Raises
:class:`gavah.errors.InvariantError`; must not do I/O or import anything beyond the standard
library and :mod:`gavah.errors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from gavah.errors import InvariantError

__all__ = [
    "MAX_ID_LENGTH",
    "check_id",
    "check_mapping",
    "check_optional_text",
    "check_text",
    "require",
    "unique",
]

#: Longest id accepted; the store's id columns are this wide.
MAX_ID_LENGTH = 64

_ID_PATTERN = re.compile(r"[0-9A-Za-z_\-.:]{1,64}")


def require(condition: bool, message: str) -> None:
    """Raise :class:`InvariantError` with ``message`` unless ``condition`` holds.

    Raises:
        InvariantError: ``condition`` is false.
    """
    if not condition:
        raise InvariantError(message)


def check_id(what: str, value: str) -> None:
    """Check that ``value`` is a usable id: 1–64 characters of ``[0-9A-Za-z_-.:]``.

    Raises:
        InvariantError: the id is empty, too long or holds other characters.
    """
    # Messages are built only on failure: these checks run for every row read from storage.
    if not (isinstance(value, str) and _ID_PATTERN.fullmatch(value) is not None):
        raise InvariantError(
            f"{what} must be 1-{MAX_ID_LENGTH} characters of letters, digits, '_', '-', '.',"
            f" ':'; got {value!r:.80}"
        )


def check_text(what: str, value: str) -> None:
    """Check that ``value`` is a string without NUL (PostgreSQL cannot store U+0000 in text).

    Raises:
        InvariantError: ``value`` is not a string or contains U+0000.
    """
    if not isinstance(value, str):
        raise InvariantError(f"{what} must be text, got {type(value).__name__}")
    if "\x00" in value:
        raise InvariantError(f"{what} contains a NUL character")


def check_optional_text(what: str, value: str | None) -> None:
    """Like :func:`check_text`, and the empty string is refused: absent is ``None``.

    Raises:
        InvariantError: ``value`` is empty, not a string, or contains U+0000.
    """
    if value is None:
        return
    check_text(what, value)
    if value == "":
        raise InvariantError(f"{what} is empty; use None for a missing value")


def check_mapping(what: str, value: Mapping[str, object], scalar_types: tuple[type, ...]) -> None:
    """Check that ``value`` maps text keys to values of ``scalar_types`` (``None`` allowed).

    Raises:
        InvariantError: a key is not text, or a value has another type, or text holds U+0000.
    """
    if not isinstance(value, Mapping):
        raise InvariantError(f"{what} must be a mapping")
    for key, item in value.items():
        if not isinstance(key, str) or "\x00" in key:
            check_text(f"{what} key", key)
        if item is None:
            continue
        if not isinstance(item, scalar_types):
            raise InvariantError(f"{what}[{key!r}] has unsupported type {type(item).__name__}")
        if isinstance(item, str) and "\x00" in item:
            raise InvariantError(f"{what}[{key!r}] contains a NUL character")


def unique(what: str, values: Iterable[str]) -> None:
    """Check that ``values`` holds no repeats.

    Raises:
        InvariantError: a value appears twice.
    """
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise InvariantError(f"{what} repeats {value!r}")
        seen.add(value)
