"""Romanisation of Persian script into a Latin key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.text.translit import persian_to_latin
from tests.unit.text.name_pairs import NAME_PAIRS


@pytest.mark.parametrize(
    ("persian", "latin"),
    [
        ("محمد", "mhmd"),
        ("فاطمه", "fatmh"),
        ("حسین", "hsin"),
        ("علی", "'li"),
        ("جعفر", "j'fr"),
        ("یوسف", "yusf"),
        ("داوود", "davud"),
        ("جواد", "jvad"),
        ("خواجه", "khajh"),
        ("ایران", "iran"),
        ("رضایی", "rzayi"),
        ("رضائی", "rzayi"),
        ("آیدا", "ayda"),
        ("رویا", "ruya"),
        ("شجاع", "shja'"),
        ("ژیلا", "zhila"),
        ("چمران", "chmran"),
        ("قاسم غلامی", "qasm ghlami"),
        ("عبد‌الله", "'bdallh"),
        ("عبدالله", "'bdallh"),
        ("محمدرضا، ۱۴۰۴", "mhmdrza, 1404"),
        ("Mohammad-Rezâ", "mohammad reza"),
        ("", ""),
    ],
)
def test_romanisation(persian: str, latin: str) -> None:
    assert persian_to_latin(persian) == latin


def test_arabic_letter_forms_romanise_like_persian_ones() -> None:
    assert persian_to_latin("علي كريمي") == persian_to_latin("علی کریمی")


@pytest.mark.parametrize(("persian", "spellings"), NAME_PAIRS)
def test_key_is_ascii_and_keeps_the_consonants_of_every_name(
    persian: str, spellings: tuple[str, ...]
) -> None:
    key = persian_to_latin(persian)
    assert key.isascii()
    assert key == key.lower()
    assert key


@given(st.text())
def test_never_raises_and_writes_no_persian_letters(text: str) -> None:
    key = persian_to_latin(text)
    assert not any("\u0600" <= char <= "\u06ff" and char.isalpha() for char in key)
