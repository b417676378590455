"""Digit systems: the three conversions and their round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.text.digits import (
    ARABIC_INDIC_DIGITS,
    DIGIT_SYSTEMS,
    PERSIAN_DIGITS,
    convert_digits,
    to_arabic_indic_digits,
    to_ascii_digits,
    to_persian_digits,
)

ALL_DIGITS = "0123456789" + PERSIAN_DIGITS + ARABIC_INDIC_DIGITS


def test_each_system_reads_as_ascii() -> None:
    assert to_ascii_digits("۱۴۰۴/۱۰/۱۸") == "1404/10/18"
    assert to_ascii_digits("١٤٠٤/١٠/١٨") == "1404/10/18"
    assert to_ascii_digits("1404/10/18") == "1404/10/18"


def test_persian_and_arabic_indic_are_different_code_points() -> None:
    # ۴ ۵ ۶ differ in shape between the two systems; the rest differ only in code point.
    assert to_persian_digits("456") == "۴۵۶"
    assert to_arabic_indic_digits("456") == "٤٥٦"
    assert to_persian_digits("٤٥٦") == "۴۵۶"
    assert to_arabic_indic_digits("۴۵۶") == "٤٥٦"


def test_letters_and_punctuation_are_untouched() -> None:
    text = "علی ali, ۱۲-3"
    assert to_ascii_digits(text) == "علی ali, 12-3"


@pytest.mark.parametrize("system", DIGIT_SYSTEMS)
def test_convert_digits_names_each_system(system: str) -> None:
    expected = {"ascii": "2026", "persian": "۲۰۲۶", "arabic": "٢٠٢٦"}[system]
    assert convert_digits("۲0٢6", system) == expected  # type: ignore[arg-type]


def test_convert_digits_rejects_an_unknown_system() -> None:
    with pytest.raises(ValueError, match="unknown digit system"):
        convert_digits("1", "roman")  # type: ignore[arg-type]


@given(st.text(alphabet=ALL_DIGITS + "ab/ -"))
def test_round_trips_through_every_system(text: str) -> None:
    ascii_text = to_ascii_digits(text)
    assert to_ascii_digits(to_persian_digits(text)) == ascii_text
    assert to_ascii_digits(to_arabic_indic_digits(text)) == ascii_text
    assert to_persian_digits(to_arabic_indic_digits(text)) == to_persian_digits(text)
