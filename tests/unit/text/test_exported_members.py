"""The public surface of gavah.text, pinned so that a change to it is deliberate."""

from __future__ import annotations

import inspect

import gavah.text

EXPECTED = {
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
}


def test_all_is_pinned() -> None:
    assert set(gavah.text.__all__) == EXPECTED


def test_every_exported_name_exists_and_public_callables_are_documented() -> None:
    for name in gavah.text.__all__:
        member = getattr(gavah.text, name)
        if inspect.isfunction(member) or inspect.isclass(member):
            assert member.__doc__, name
