"""Digit systems: ASCII, Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669).

Owns conversion between the three; it must not touch letters or any other character.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ARABIC_INDIC_DIGITS",
    "DIGIT_SYSTEMS",
    "PERSIAN_DIGITS",
    "DigitSystem",
    "convert_digits",
    "to_arabic_indic_digits",
    "to_ascii_digits",
    "to_persian_digits",
]

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_ASCII_DIGITS = "0123456789"

DigitSystem = Literal["ascii", "persian", "arabic"]
"""The three digit systems found in Iranian lists; ``"arabic"`` means Arabic-Indic digits."""

DIGIT_SYSTEMS: tuple[DigitSystem, ...] = get_args(DigitSystem)

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, _ASCII_DIGITS * 2)
_TO_PERSIAN = str.maketrans(_ASCII_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_ARABIC_INDIC = str.maketrans(_ASCII_DIGITS + PERSIAN_DIGITS, ARABIC_INDIC_DIGITS * 2)


def to_ascii_digits(text: str) -> str:
    """Return ``text`` with Persian and Arabic-Indic digits replaced by ASCII digits."""
    return text.translate(_TO_ASCII)


def to_persian_digits(text: str) -> str:
    """Return ``text`` with ASCII and Arabic-Indic digits replaced by Persian digits."""
    return text.translate(_TO_PERSIAN)


def to_arabic_indic_digits(text: str) -> str:
    """Return ``text`` with ASCII and Persian digits replaced by Arabic-Indic digits."""
    return text.translate(_TO_ARABIC_INDIC)


def convert_digits(text: str, system: DigitSystem) -> str:
    """Return ``text`` with every digit of the three systems written in ``system``.

    Raises:
        ValueError: ``system`` is not one of :data:`DIGIT_SYSTEMS` (a programming error).
    """
    if system == "ascii":
        return to_ascii_digits(text)
    if system == "persian":
        return to_persian_digits(text)
    if system == "arabic":
        return to_arabic_indic_digits(text)
    raise ValueError(f"unknown digit system {system!r}; expected one of {DIGIT_SYSTEMS}")
