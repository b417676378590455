"""Honorifics split off the front of names, in both scripts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gavah.text.honorifics import HONORIFICS, split_honorifics
from gavah.text.persian import normalize_persian


@pytest.mark.parametrize(
    ("name", "titles", "rest"),
    [
        ("سید علی حسینی", ("سید",), "علی حسینی"),
        ("سيد علي حسيني", ("سید",), "علی حسینی"),  # Arabic letter forms
        ("سیده فاطمه موسوی", ("سیده",), "فاطمه موسوی"),
        ("حاج قاسم", ("حاج",), "قاسم"),
        ("حاجی قاسم", ("حاج",), "قاسم"),
        ("شهید حاج سید علی", ("شهید", "حاج", "سید"), "علی"),
        ("مرحوم دکتر محمد", ("مرحوم", "دکتر"), "محمد"),
        ("مهندس رضا", ("مهندس",), "رضا"),
        ("حجت‌الاسلام محمد", ("حجت‌الاسلام",), "محمد"),
        ("حجت الاسلام محمد", ("حجت‌الاسلام",), "محمد"),
        ("حجت الاسلام والمسلمین محمد", ("حجت‌الاسلام والمسلمین",), "محمد"),
        ("آیت‌الله محمد", ("آیت‌الله",), "محمد"),
        ("آیت الله العظمی محمد", ("آیت‌الله العظمی",), "محمد"),
        ("Seyed Ali Hosseini", ("سید",), "Ali Hosseini"),
        ("Sayyed Ali", ("سید",), "Ali"),
        ("Seyyed Ali", ("سید",), "Ali"),
        ("SAYED Ali", ("سید",), "Ali"),
        ("Haj Qasem", ("حاج",), "Qasem"),
        ("Hajj Qasem", ("حاج",), "Qasem"),
        ("Haji Qasem", ("حاج",), "Qasem"),
        ("Dr. Ali", ("دکتر",), "Ali"),
        ("Dr Ali", ("دکتر",), "Ali"),
        ("Shahid Seyed Ali", ("شهید", "سید"), "Ali"),
        ("Hojjat al-Islam Ali", ("حجت‌الاسلام",), "Ali"),
        ("Ayatollah Ali", ("آیت‌الله",), "Ali"),
    ],
)
def test_titles_are_split_and_canonical(name: str, titles: tuple[str, ...], rest: str) -> None:
    assert split_honorifics(name) == (titles, rest)


@pytest.mark.parametrize(
    "name",
    [
        "سیدعلی حسینی",  # written solid: a compound given name
        "سید\u200cعلی",  # ZWNJ: still one word
        "Seyedali Hosseini",
        "سیدی",  # a surname
        "علی سید",  # not at the front
        "سید",  # a title alone is a name
        "حاجی زاده",  # Hajizadeh written with a space
        "Haji Pour",
        "Said Hosseini",  # Said is Saeed, a given name, not Seyed
        "",
    ],
)
def test_words_that_are_not_titles_stay(name: str) -> None:
    titles, rest = split_honorifics(name)
    assert titles == ()
    assert rest == normalize_persian(name)


def test_every_canonical_form_is_recognised() -> None:
    for title in HONORIFICS:
        assert split_honorifics(f"{title} علی") == ((title,), "علی")


@given(st.text())
def test_split_keeps_every_word_of_the_name(text: str) -> None:
    titles, rest = split_honorifics(text)
    normalised = normalize_persian(text)
    assert normalised.endswith(rest)
    assert len(titles) <= len(normalised.split())
    if normalised:
        assert rest  # a title is never split off leaving nothing
