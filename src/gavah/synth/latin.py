"""How Latin-script names vary between lists: romanisation habits, compounds, typos.

Owns the Latin-script noise of synthetic lists. Each list keeps one romanisation habit (a press
agency writes Mohammed, an academic list Muhammad, a French NGO Djavad) applied to the
vocabulary's spellings; typos are those of a QWERTY typist. Pure functions of their input and a
``random.Random``; it must not transliterate Persian (``gavah.text`` does that) and does no I/O.
"""

from __future__ import annotations

import random
import re
from typing import Final

__all__ = ["HABITS", "Habit", "apply_habit", "join_latin", "latin_typo", "title_case"]

Habit = tuple[tuple[re.Pattern[str], str], ...]


def _habit(*rules: tuple[str, str]) -> Habit:
    return tuple((re.compile(pattern), repl) for pattern, repl in rules)


# Rules apply to the lower-cased spelling. Habit 0 keeps the vocabulary's spelling.
HABITS: Final[tuple[Habit, ...]] = (
    _habit(),
    _habit(
        ("mohammad", "mohammed"),
        ("hossein", "hussein"),
        (r"ei\b", "ee"),
        (r"eh\b", "e"),
    ),
    _habit(
        ("mohammad", "muhammad"),
        ("hossein", "husayn"),
        (r"\bgh", "q"),
        ("ou", "u"),
        (r"eh\b", "a"),
    ),
    _habit(
        ("sh", "ch"),
        (r"\bj", "dj"),
        (r"(?<![oa])u", "ou"),
        ("mohammad", "mohamad"),
    ),
    _habit(
        (r"ei\b", "ey"),
        ("zadeh", "zade"),
        ("ss", "s"),
        ("hossein", "hosein"),
        ("mohammad", "mohamad"),
    ),
)

_NEIGHBOURS: Final = {
    "a": "qwsz",
    "b": "vghn",
    "c": "xdfv",
    "d": "serfcx",
    "e": "wsdr",
    "f": "drtgvc",
    "g": "ftyhbv",
    "h": "gyujnb",
    "i": "ujko",
    "j": "huikmn",
    "k": "jiolm",
    "l": "kop",
    "m": "njk",
    "n": "bhjm",
    "o": "iklp",
    "p": "ol",
    "q": "wa",
    "r": "edft",
    "s": "awedxz",
    "t": "rfgy",
    "u": "yhji",
    "v": "cfgb",
    "w": "qase",
    "x": "zsdc",
    "y": "tghu",
    "z": "asx",
}


def title_case(text: str) -> str:
    """Capitalise each word and each hyphenated part (``mohammad-reza`` → ``Mohammad-Reza``)."""
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in text.split(" "))


def apply_habit(spelling: str, habit: Habit) -> str:
    """Rewrite a vocabulary spelling by a list's romanisation habit, in title case."""
    out = spelling.lower()
    for pattern, repl in habit:
        out = pattern.sub(repl, out)
    return title_case(out)


def join_latin(spelling: str, mode: int) -> str:
    """Write a compound Latin name with spaces (0), hyphens (1) or run together (2)."""
    words = spelling.split(" ")
    if len(words) == 1 or mode == 0:
        return spelling
    if mode == 1:
        return "-".join(words)
    return words[0] + "".join(w.lower() for w in words[1:])


def latin_typo(text: str, rng: random.Random) -> str:
    """Return ``text`` with one typist's error: a deleted, doubled, undoubled, transposed or
    neighbouring-key letter. The first letter and separators are kept."""
    positions = [k for k, ch in enumerate(text) if k > 0 and ch.isalpha()]
    if len(positions) < 2:
        return text
    chars = list(text)
    roll = rng.random()
    doubles = [k for k in positions if chars[k] == chars[k - 1]]
    if roll < 0.15 and doubles:
        del chars[rng.choice(doubles)]
    elif roll < 0.35:
        del chars[rng.choice(positions)]
    elif roll < 0.5:
        k = rng.choice(positions)
        chars.insert(k, chars[k])
    elif roll < 0.75:
        k = rng.choice(positions)
        near = _NEIGHBOURS.get(chars[k].lower())
        if near:
            chars[k] = rng.choice(near)
        else:
            del chars[k]
    else:
        pairs = [k for k in positions if k + 1 in positions and chars[k] != chars[k + 1]]
        if pairs:
            k = rng.choice(pairs)
            chars[k], chars[k + 1] = chars[k + 1], chars[k]
        else:
            del chars[rng.choice(positions)]
    return "".join(chars)
