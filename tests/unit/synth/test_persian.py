"""Persian-script noise: Arabic letter forms, compound joints, typists' errors."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from gavah.synth.persian import ZWNJ, arabic_forms, compound_parts, join_parts, persian_typo

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def test_arabic_forms_replace_yeh_and_kaf_and_sometimes_final_heh() -> None:
    rng = random.Random(1)
    assert arabic_forms("کریمی", rng) == "كريمي"
    assert arabic_forms("فاطمه", random.Random(1), teh_marbuta=1.0) == "فاطمة"
    assert arabic_forms("فاطمه", random.Random(1), teh_marbuta=0.0) == "فاطمه"


def test_compound_parts_finds_joints_with_and_without_separators() -> None:
    assert compound_parts("محمدرضا") == ("محمد", "رضا")
    assert compound_parts("محمد رضا") == ("محمد", "رضا")
    assert compound_parts(f"حسین{ZWNJ}زاده") == ("حسین", "زاده")
    assert compound_parts("حسینزاده") == ("حسین", "زاده")
    assert compound_parts("عبدالله") == ("عبد", "الله")
    assert compound_parts("عبدی") == ("عبدی",)
    assert compound_parts("محمد") == ("محمد",)


def test_join_parts_writes_each_joint() -> None:
    parts = ("امیر", "حسین")
    assert join_parts(parts, "zwnj") == f"امیر{ZWNJ}حسین"
    assert join_parts(parts, "space") == "امیر حسین"
    assert join_parts(parts, "joined") == "امیرحسین"
    assert join_parts(parts, "zwnj_space") == f"امیر{ZWNJ} حسین"


def test_typos_include_dotted_letter_confusions() -> None:
    rng = random.Random(3)
    outputs = {persian_typo("پژمان", rng) for _ in range(300)}
    # a dotted letter swapped for one of its group (پ→ب/ت/ث, ژ→ر/ز)
    assert {"بژمان", "پزمان"} & outputs


@given(
    st.text(alphabet=PERSIAN_LETTERS + " " + ZWNJ, min_size=0, max_size=20),
    st.integers(0, 2**32),
)
def test_typo_changes_at_most_one_letter_and_keeps_separators(text: str, seed: int) -> None:
    out = persian_typo(text, random.Random(seed))
    assert abs(len(out) - len(text)) <= 1
    assert out.count(" ") == text.count(" ")
    assert out.count(ZWNJ) == text.count(ZWNJ)
