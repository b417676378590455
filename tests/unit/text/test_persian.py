"""Persian normalisation and the exact name key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.text.persian import ZWNJ, is_arabic_script_letter, name_key, normalize_persian

# Text made mostly of the characters the normaliser cares about, so Hypothesis explores them.
PERSIANISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءيىكةۀھە",
                *"\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0670",
                *f"\u0640{ZWNJ}\u200d\u200b\u00ad\u200f \u00a0\t",
                *"۰۱۲۳٤٥6é-",
                "e\u0301",
                "\ufef5",
                "\ufdf2",
            ]
        ),
        st.characters(),
    )
).map("".join)


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("علي", "علی"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كريم", "کریم"),  # Arabic kaf
        ("فاطمة", "فاطمه"),  # teh marbuta
        ("فاطمۀ", "فاطمه"),  # heh with yeh above
        ("فاطمهٔ", "فاطمه"),  # heh + combining hamza
        ("ﻋﻠﻲ", "علی"),  # presentation forms
        ("رئیسی", "رییسی"),  # yeh with hamza
        ("مؤمن", "مومن"),  # waw with hamza
        ("أحمد", "احمد"),  # alef with hamza above
        ("إبراهیم", "ابراهیم"),  # alef with hamza below
        ("مُحَمَّد", "محمد"),  # harakat and shadda
        ("مـــحـمـد", "محمد"),  # tatweel
        ("آرش", "آرش"),  # madda is a letter and stays
        ("\u0627\u0653رش", "آرش"),  # decomposed alef + madda composes
        ("علاء", "علاء"),  # standalone hamza stays
        ("ژینە", "ژینه"),  # Sorani ae
        ("ڕەزا", "رهزا"),  # Sorani reh; the mapping is letter by letter
        ("۱۴۰۴", "1404"),
        ("١٤٠٤", "1404"),
    ],
)
def test_letter_variants(variant: str, expected: str) -> None:
    assert normalize_persian(variant) == expected


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("عبد\u200c\u200cالله", f"عبد{ZWNJ}الله"),  # double ZWNJ collapses
        ("علی\u200dاکبر", f"علی{ZWNJ}اکبر"),  # ZWJ typed for ZWNJ
        ("علی\u00adاکبر", f"علی{ZWNJ}اکبر"),  # soft hyphen typed for ZWNJ
        ("علی\u200bاکبر", f"علی{ZWNJ}اکبر"),  # zero-width space typed for ZWNJ
        (f"{ZWNJ}علی{ZWNJ}", "علی"),  # ZWNJ at the edges
        (f"علی {ZWNJ}اکبر", "علی اکبر"),  # ZWNJ next to a space
        (f"علی{ZWNJ} {ZWNJ} اکبر", "علی اکبر"),
        (f"Ali{ZWNJ}Reza", "AliReza"),  # ZWNJ between Latin letters means nothing
        ("  محمد \u00a0\t رضا  ", "محمد رضا"),  # whitespace
        ("\u200f۱۴۰۴/۱۰/۱۸\u200e", "1404/10/18"),  # bidi marks
    ],
)
def test_zwnj_and_whitespace(variant: str, expected: str) -> None:
    assert normalize_persian(variant) == expected


def test_latin_text_passes_through() -> None:
    assert normalize_persian("Mohammad-Reza Hosseini") == "Mohammad-Reza Hosseini"


@pytest.mark.parametrize(
    "spellings",
    [
        ("عبدالله", "عبد الله", "عبد\u200cالله", "عبد\u200c\u200cالله", "عبدالله", "عَبْدُاللّٰه"),
        ("محمدرضا", "محمد رضا", "محمد\u200cرضا", "محمد\u200c\u200cرضا", "محمدرضا"),
        ("امیرحسین", "امیر حسین", "امیر\u200cحسین", "امير حسين", "امیر\u200c\u200cحسین"),
        ("علی‌اکبر", "علی اکبر", "علیاکبر", "علي اكبر", "علی\u200c\u200cاکبر", "علی\u200dاکبر"),
    ],
)
def test_compound_names_share_a_key(spellings: tuple[str, ...]) -> None:
    keys = {name_key(spelling) for spelling in spellings}
    assert len(keys) == 1, keys


def test_name_key_of_latin_names() -> None:
    assert name_key("Ali-Reza") == name_key("Ali Reza") == name_key("alireza") == "alireza"
    assert name_key("Ja’far") == "jafar"


def test_name_key_drops_madda_and_hamza_but_keeps_letters_apart() -> None:
    assert name_key("آرش") == name_key("ارش")
    assert name_key("علاءالدین") == name_key("علاالدین")
    assert name_key("حسن") != name_key("حسین")
    assert name_key("کریم") != name_key("گریم")


def test_is_arabic_script_letter() -> None:
    assert is_arabic_script_letter("ی")
    assert is_arabic_script_letter("ك")
    assert not is_arabic_script_letter("a")
    assert not is_arabic_script_letter("۱")
    assert not is_arabic_script_letter(ZWNJ)
    assert not is_arabic_script_letter("ab")


@given(PERSIANISH)
def test_normalize_persian_is_idempotent(text: str) -> None:
    once = normalize_persian(text)
    assert normalize_persian(once) == once


@given(PERSIANISH)
def test_name_key_is_idempotent(text: str) -> None:
    once = name_key(text)
    assert name_key(once) == once


@given(PERSIANISH)
def test_normalized_text_has_no_variant_letters_or_marks(text: str) -> None:
    result = normalize_persian(text)
    assert not set(result) & set("يىكةۀأإؤئ\u0640\u064e\u0650\u0651\u0652\u200d\u200b\u00ad\u200f")
    assert f"{ZWNJ}{ZWNJ}" not in result
    assert "  " not in result
    assert result == result.strip()
