"""How Persian-script text varies between lists: letter forms, ZWNJ and spaces, typos.

Owns the Persian-script noise of synthetic lists: Arabic letter forms (ي ك ة), compound names
written with ZWNJ, a space or joined, honorifics, and the typos real typists make (dotted-letter
confusions, missing dots, deletions, transpositions). Pure functions of their input and a
``random.Random``; it must not normalise text (``gavah.text`` does that) and does no I/O.
"""

from __future__ import annotations

import random
from typing import Final, Literal

__all__ = [
    "ZWNJ",
    "Joint",
    "arabic_forms",
    "compound_parts",
    "join_parts",
    "persian_typo",
]

ZWNJ: Final = "\u200c"
Joint = Literal["zwnj", "space", "joined", "zwnj_space"]

_ARABIC_LETTERS: Final = str.maketrans({"ی": "ي", "ک": "ك"})
# Letters told apart only by their dots: a typist or a reader of handwriting confuses them.
_DOT_GROUPS: Final = ("بپتث", "جچحخ", "رزژ", "سش", "صض", "طظ", "عغ", "دذ", "فق")
_CONFUSABLE: Final = {ch: group.replace(ch, "") for group in _DOT_GROUPS for ch in group}
# The letter left when the dots are lost; rarer, the dotless forms of a bare skeleton (rasm).
_DOTLESS: Final = {
    "ب": "ٮ",
    "پ": "ٮ",
    "ت": "ٮ",
    "ث": "ٮ",
    "ن": "ں",
    "ی": "ى",
    "ق": "ٯ",
    "ف": "ڡ",
    "ج": "ح",
    "چ": "ح",
    "خ": "ح",
    "ش": "س",
    "ز": "ر",
    "ژ": "ر",
    "ذ": "د",
    "ض": "ص",
    "ظ": "ط",
    "غ": "ع",
}
_RASM: Final = frozenset("ٮںىٯڡ")
# Known joints of compound names when the vocabulary writes them without a separator.
_PREFIXES: Final = ("محمد", "امیر", "علی", "ابو", "عبد")
_SUFFIXES: Final = ("زاده", "پور", "نژاد", "نیا")
_SEPARATORS: Final[dict[Joint, str]] = {
    "zwnj": ZWNJ,
    "space": " ",
    "joined": "",
    "zwnj_space": ZWNJ + " ",
}


def arabic_forms(text: str, rng: random.Random, teh_marbuta: float = 0.5) -> str:
    """Write ``text`` with Arabic letter forms: ي for ی, ك for ک, and often ة for a final ه."""
    out = text.translate(_ARABIC_LETTERS)
    if "ه" not in out:
        return out
    words = out.split(" ")
    for k, word in enumerate(words):
        if len(word) > 2 and word.endswith("ه") and rng.random() < teh_marbuta:
            words[k] = word[:-1] + "ة"
    return " ".join(words)


def compound_parts(name: str) -> tuple[str, ...]:
    """Split a compound name at its joints (ZWNJ, space, or a known prefix or suffix).

    ``محمدرضا`` and ``محمد رضا`` both give ``("محمد", "رضا")``; a simple name gives itself.
    """
    parts = tuple(p for p in name.replace(ZWNJ, " ").split(" ") if p)
    if len(parts) > 1:
        return parts
    for prefix in _PREFIXES:
        rest = name[len(prefix) :]
        if name.startswith(prefix) and len(rest) >= 2:
            if prefix == "عبد" and not rest.startswith("ال"):
                continue
            return (prefix, rest)
    for suffix in _SUFFIXES:
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and len(stem) >= 2:
            return (stem, suffix)
    return (name,)


def join_parts(parts: tuple[str, ...], joint: Joint) -> str:
    """Join the parts of a compound name the way ``joint`` says (ZWNJ, space, nothing...)."""
    return _SEPARATORS[joint].join(parts)


def persian_typo(text: str, rng: random.Random) -> str:
    """Return ``text`` with one typist's error: a dotted-letter confusion, lost dots, a deleted,
    doubled or transposed letter. Separators (space, ZWNJ) are never touched."""
    positions = [k for k, ch in enumerate(text) if ch not in (" ", ZWNJ)]
    if len(positions) < 2:
        return text
    chars = list(text)
    roll = rng.random()
    dotted = [k for k in positions if chars[k] in _CONFUSABLE]
    if roll < 0.4 and dotted:
        k = rng.choice(dotted)
        chars[k] = rng.choice(_CONFUSABLE[chars[k]])
    elif roll < 0.55 and any(chars[k] in _DOTLESS for k in positions):
        k = rng.choice([k for k in positions if chars[k] in _DOTLESS])
        lost = _DOTLESS[chars[k]]
        # the bare skeleton forms are rarer than a neighbouring real letter
        if lost in _RASM and chars[k] in _CONFUSABLE and rng.random() < 0.6:
            lost = rng.choice(_CONFUSABLE[chars[k]])
        chars[k] = lost
    elif roll < 0.75:
        del chars[rng.choice(positions[1:])]
    elif roll < 0.85:
        k = rng.choice(positions)
        chars.insert(k, chars[k])
    else:
        pairs = [k for k in positions if k + 1 in positions and chars[k] != chars[k + 1]]
        if pairs:
            k = rng.choice(pairs)
            chars[k], chars[k + 1] = chars[k + 1], chars[k]
        else:
            del chars[rng.choice(positions[1:])]
    return "".join(chars)
