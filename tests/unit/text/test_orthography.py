"""The roles of و in Persian words."""

from __future__ import annotations

import pytest

from gavah.text.orthography import VavRole, vav_role


@pytest.mark.parametrize(
    ("word", "index", "role"),
    [
        ("وحید", 0, VavRole.CONSONANT),  # word-initial
        ("خواجه", 1, VavRole.SILENT),  # khā
        ("ابوالفضل", 2, VavRole.VOWEL),  # before the article
        ("داوود", 2, VavRole.CONSONANT),  # after alef
        ("داوود", 3, VavRole.VOWEL),
        ("جواد", 1, VavRole.CONSONANT),  # before alef
        ("نوید", 1, VavRole.CONSONANT),  # before yeh
        ("موسوی", 1, VavRole.VOWEL),
        ("موسوی", 3, VavRole.CONSONANT),
        ("پویا", 1, VavRole.VOWEL),  # ouya
        ("محمود", 3, VavRole.VOWEL),
        ("خسرو", 3, VavRole.VOWEL),
        ("جوال", 1, VavRole.CONSONANT),  # ال at the end is not an article
    ],
)
def test_vav_roles(word: str, index: int, role: VavRole) -> None:
    assert vav_role(word, index) is role


@pytest.mark.parametrize(("word", "index"), [("علی", 1), ("و", 1), ("و", -1)])
def test_asking_about_a_letter_that_is_not_vav_is_a_programming_error(
    word: str, index: int
) -> None:
    with pytest.raises(ValueError, match="no و"):
        vav_role(word, index)
