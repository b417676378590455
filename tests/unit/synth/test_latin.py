"""Latin-script noise: romanisation habits, compounds, typists' errors."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from gavah.synth.latin import HABITS, apply_habit, join_latin, latin_typo, title_case


def test_habits_give_the_usual_spellings_of_one_name() -> None:
    spellings = {apply_habit("Mohammad Hossein", habit) for habit in HABITS}
    assert {"Mohammad Hossein", "Mohammed Hussein", "Muhammad Husayn"} <= spellings


def test_habits_rewrite_endings_and_initials() -> None:
    assert apply_habit("Rezaei", HABITS[1]) == "Rezaee"
    assert apply_habit("Ghasemi", HABITS[2]) == "Qasemi"
    assert apply_habit("Javad", HABITS[3]) == "Djavad"
    assert apply_habit("Hosseinzadeh", HABITS[4]) == "Hoseinzade"


def test_title_case_handles_hyphens() -> None:
    assert title_case("mohammad-reza ali") == "Mohammad-Reza Ali"


def test_join_latin_compound_modes() -> None:
    assert join_latin("Mohammad Reza", 0) == "Mohammad Reza"
    assert join_latin("Mohammad Reza", 1) == "Mohammad-Reza"
    assert join_latin("Mohammad Reza", 2) == "Mohammadreza"
    assert join_latin("Ali", 2) == "Ali"


@given(st.from_regex(r"[A-Z][a-z]{0,12}( [A-Z][a-z]{1,8})?", fullmatch=True), st.integers(0, 99))
def test_latin_typo_is_one_edit_and_keeps_the_initial(name: str, seed: int) -> None:
    out = latin_typo(name, random.Random(seed))
    assert abs(len(out) - len(name)) <= 1
    assert out[:1] == name[:1]
    assert out.count(" ") == name.count(" ")


def test_latin_typo_changes_a_long_name() -> None:
    rng = random.Random(5)
    assert any(latin_typo("Hosseini", rng) != "Hosseini" for _ in range(10))
