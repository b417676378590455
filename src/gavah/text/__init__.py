"""gavah.text: Persian and Latin names and dates as victims lists write them.

Normalisation (:func:`normalize_persian`, :func:`normalize_latin`), comparison keys for names
(:func:`name_key` exact, :func:`consonant_skeleton` phonetic across scripts), a Latin key for
Persian script (:func:`persian_to_latin`), honorifics (:func:`split_honorifics`), digit systems,
and Gregorian / Solar Hijri dates (:func:`parse_date`, :class:`PartialDate`). Pure functions
over strings and dates: this package does no I/O and reads no clock.
"""

from __future__ import annotations

from gavah.text.dates import (
    GREGORIAN_YEARS,
    SOLAR_HIJRI_YEARS,
    DatePrecision,
    PartialDate,
    format_jalali,
    format_jalali_long,
    from_jalali,
    jalali_days_in_month,
    parse_date,
    to_jalali,
)
from gavah.text.digits import (
    ARABIC_INDIC_DIGITS,
    DIGIT_SYSTEMS,
    PERSIAN_DIGITS,
    DigitSystem,
    convert_digits,
    to_arabic_indic_digits,
    to_ascii_digits,
    to_persian_digits,
)
from gavah.text.honorifics import HONORIFICS, split_honorifics
from gavah.text.latin import name_tokens, normalize_latin
from gavah.text.months import (
    JALALI_MONTHS,
    JALALI_MONTHS_LATIN,
    Calendar,
    jalali_month_name,
    lookup_month,
)
from gavah.text.persian import ZWNJ, name_key, normalize_persian
from gavah.text.skeleton import consonant_skeleton
from gavah.text.translit import persian_to_latin

__all__ = [
    "ARABIC_INDIC_DIGITS",
    "DIGIT_SYSTEMS",
    "GREGORIAN_YEARS",
    "HONORIFICS",
    "JALALI_MONTHS",
    "JALALI_MONTHS_LATIN",
    "PERSIAN_DIGITS",
    "SOLAR_HIJRI_YEARS",
    "ZWNJ",
    "Calendar",
    "DatePrecision",
    "DigitSystem",
    "PartialDate",
    "consonant_skeleton",
    "convert_digits",
    "format_jalali",
    "format_jalali_long",
    "from_jalali",
    "jalali_days_in_month",
    "jalali_month_name",
    "lookup_month",
    "name_key",
    "name_tokens",
    "normalize_latin",
    "normalize_persian",
    "parse_date",
    "persian_to_latin",
    "split_honorifics",
    "to_arabic_indic_digits",
    "to_ascii_digits",
    "to_jalali",
    "to_persian_digits",
]
