"""Month names of the Solar Hijri and Gregorian calendars, for display and for parsing.

Owns the Persian and Latin names of the twelve Solar Hijri months and the spellings of month
names that dates in victims lists are written with (``۱۸ دی ۱۴۰۴``, ``18 Dey 1404``,
``8 January 2026``, ``۸ ژانویه ۲۰۲۶``). It must not parse or convert dates: that is
:mod:`gavah.text.dates`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from gavah.text.persian import name_key

__all__ = [
    "JALALI_MONTHS",
    "JALALI_MONTHS_LATIN",
    "Calendar",
    "jalali_month_name",
    "lookup_month",
]


class Calendar(StrEnum):
    """The calendar a date was written in."""

    GREGORIAN = "gregorian"
    SOLAR_HIJRI = "solar_hijri"


JALALI_MONTHS: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
"""Solar Hijri month names in Persian, Farvardin first."""

JALALI_MONTHS_LATIN: tuple[str, ...] = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)
"""Solar Hijri month names in the usual Latin spelling, Farvardin first."""

_JALALI_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("farvardin", "farvardeen"),
    ("ordibehest", "ordibehesht"),
    ("khordad",),
    ("tir", "teer"),
    ("mordad", "amordad", "امرداد"),
    ("shahrivar", "shahriwar"),
    ("mehr",),
    ("aban", "aaban"),
    ("azar", "aazar"),
    ("dey", "dei", "day", "di"),
    ("bahman",),
    ("esfand", "isfand", "esfend"),
)

_GREGORIAN_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "ژانویه", "ینایر"),
    ("february", "feb", "فوریه", "فبرایر"),
    ("march", "mar", "مارس", "مارچ"),
    ("april", "apr", "آوریل", "اوریل", "آپریل", "ابریل"),
    ("may", "مه", "می", "مای", "مایو"),
    ("june", "jun", "ژوئن", "جون", "یونیو"),
    ("july", "jul", "ژوئیه", "جولای", "یولیو"),
    ("august", "aug", "اوت", "آگوست", "اگوست", "اغسطس"),
    ("september", "sep", "sept", "سپتامبر"),
    ("october", "oct", "اکتبر"),
    ("november", "nov", "نوامبر"),
    ("december", "dec", "دسامبر"),
)


def _build() -> dict[str, tuple[Calendar, int]]:
    table: dict[str, tuple[Calendar, int]] = {}
    for month, names in enumerate(_JALALI_VARIANTS, start=1):
        for name in (JALALI_MONTHS[month - 1], JALALI_MONTHS_LATIN[month - 1], *names):
            table[name_key(name)] = (Calendar.SOLAR_HIJRI, month)
    for month, names in enumerate(_GREGORIAN_NAMES, start=1):
        for name in names:
            table.setdefault(name_key(name), (Calendar.GREGORIAN, month))
    return table


_MONTHS = _build()


def lookup_month(word: str) -> tuple[Calendar, int] | None:
    """Return (calendar, month number) for a month name in any listed spelling, else ``None``.

    ``lookup_month("دی") == (Calendar.SOLAR_HIJRI, 10)``; ``lookup_month("Jan") ==
    (Calendar.GREGORIAN, 1)``. Letter forms, case, accents and ZWNJ do not matter.
    """
    return _MONTHS.get(name_key(word))


def jalali_month_name(month: int, script: Literal["persian", "latin"] = "persian") -> str:
    """Return the name of Solar Hijri month ``month`` (1 = Farvardin) in Persian or Latin.

    Raises:
        ValueError: ``month`` is not between 1 and 12.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"Solar Hijri month must be 1 to 12, not {month}")
    names = JALALI_MONTHS if script == "persian" else JALALI_MONTHS_LATIN
    return names[month - 1]
