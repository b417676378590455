"""Latin normalisation and name tokens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.text.latin import name_tokens, normalize_latin

LATINISH = st.lists(
    st.one_of(
        st.sampled_from([*"aAeEiIoOuUhHsSkK'’ʿʾ`´-–_ .,éâāḥşøłıəæœßİŉ", "e\u0301", "ℌ"]),
        st.characters(),
    )
).map("".join)


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("Rezâ", "reza"),
        ("Mohammad-Rezā", "mohammad reza"),
        ("Ḥasan", "hasan"),
        ("Ja'far", "jafar"),
        ("Ja’far", "jafar"),
        ("Jaʿfar", "jafar"),
        ("Ja´far", "jafar"),
        ("Esmaʾil", "esmail"),
        ("Shoja'", "shoja"),
        ("  Seyed   Ali  ", "seyed ali"),
        ("Ali–Reza", "ali reza"),
        ("Ali__Reza", "ali reza"),
        ("Øskar Łukasz", "oskar lukasz"),
        ("Əli Qasımov", "eli qasimov"),
        ("Strauß", "strauss"),
        ("HOSSEINI, Ali", "hosseini, ali"),
        ("Mo\u00adhammad", "mohammad"),
        ("۱۲", "12"),
    ],
)
def test_variants(variant: str, expected: str) -> None:
    assert normalize_latin(variant) == expected


def test_name_tokens_drop_punctuation() -> None:
    assert name_tokens("Hosseini, Seyed Ali-Reza (Dr.)") == (
        "hosseini",
        "seyed",
        "ali",
        "reza",
        "dr",
    )
    assert name_tokens(" , ") == ()


@given(LATINISH)
def test_normalize_latin_is_idempotent(text: str) -> None:
    once = normalize_latin(text)
    assert normalize_latin(once) == once


@given(LATINISH)
def test_output_is_casefolded_without_apostrophes(text: str) -> None:
    result = normalize_latin(text)
    assert result == result.casefold()
    assert not set(result) & set("'’ʿʾ`-")
