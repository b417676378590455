"""Consonant skeleton: one phonetic key for a name in Persian or Latin script.

Owns :func:`consonant_skeleton`, which puts the Persian spelling of a name and its usual Latin
spellings on the same short key (محمد, Mohammad, Muhammad, Mohamad, Mohammed → ``MHMD``), for
blocking and comparison in record linkage. It must not be used to decide that two records are
the same person: it is deliberately coarse, and different names share keys (below).

Why consonants: Persian does not write short vowels, Latin spellings write them in many ways
(Hossein, Hosein, Husain, Hussein), so only consonants and the position of a word-initial vowel
can be compared across scripts. Both scripts map to one alphabet of consonant classes:

==========  ==========================  ===================
class       Persian                     Latin
==========  ==========================  ===================
B P F       ب پ ف                       b p f, ph
T           ت ط                         t
S           ث س ص                       s
Z           ذ ز ض ظ                     z
J           ج ژ                         j, zh (Jila = Zhila)
C           چ                           ch
W           ش                           sh
X           خ                           kh
H           ح ه                         h
Q           ق غ                         q, gh
K           ک گ                         k, g, c (عسکری = عسگری)
D R L M N   د ر ل م ن                   d r l m n
V           و as consonant              v, w as consonant
Y           ی at the start of the name  y at the start of the name
A           first letter ا آ ع ء        first letter a e i o u
==========  ==========================  ===================

Rules, in order:

1. Both scripts are normalised (:func:`~gavah.text.persian.normalize_persian`, then
   :func:`~gavah.text.latin.normalize_latin` for Latin words) and cut into words at spaces,
   ZWNJ, hyphens and any other non-letter. A word that is the tail الله / الدین (Latin
   ``ollah``, ``ullah``, ``allah``, ``eddin``, ``oddin``...) is glued to the word before it, so
   روح الله, روح‌الله and Ruhollah agree.
2. Vowels are dropped but remembered as separators: ا آ; و when
   :func:`~gavah.text.orthography.vav_role` calls it a vowel (a silent و is dropped without
   trace); ی everywhere but the first letter of the name; the glottal letters ع ء; Latin
   a e i o u; y except as first letter; w after a vowel and not before one (Khosrow, Nowruz).
3. A word-final H is dropped in both scripts: the silent heh (فاطمه = Fatemeh = Fateme =
   Fatima) and, symmetrically, a final ح (صالح = Saleh) and the h of الله (Abdollah).
4. Identical classes next to each other with no vowel between collapse into one (Mohammad =
   Mohamad; عبدالله = Abdollah); across a vowel they stay (لیلا = Leila ``LL``, not Ali).
   Word boundaries do not separate, so spacing variants of a compound agree (محمد داوود =
   Mohammaddavood).
5. If the name begins with a vowel letter (ا آ ع ء, a e i o u) the key begins with ``A``
   (Ahmad ``AHMD`` vs Hamid ``HMD``; Ali ``AL``). Only the first letter of the whole name
   counts, so ``Ali Akbar`` and ``Aliakbar`` agree.

Known failures (measured in the tests): و written for v between consonants (توکلی Tavakoli,
سروناز Sarvenaz); Latin digraphs that are two Persian letters (اسحاق Eshaq, where sh is س+ح);
Arabic ``th`` for ث (Hadith, Othman); a compound written solid in Latin whose first part ends
in silent -eh (Fatemehzahra) or written solid in Persian whose second part begins with و
(محمدولی); Latin ``ow``/``w`` for a vowel و before a vowel; Turkish spellings (Mehmet).
Different names that share a key: Hassan / Hossein (``HSN``), Mohammad / Mahmoud (``MHMD``),
Hamid / Hamed (``HMD``), Saeed / Seyed (``SD``); the short-vowel difference is all that
separates them and Persian does not write it.
"""

from __future__ import annotations

import unicodedata

from gavah.text.latin import normalize_latin
from gavah.text.orthography import ALEFS, GLOTTALS, VavRole, vav_role
from gavah.text.persian import is_arabic_script_letter, normalize_persian

__all__ = ["consonant_skeleton"]

_SEP = "."  # a vowel or glottal: blocks the collapse of identical neighbours, then dropped

_PERSIAN: dict[str, str] = {
    "ب": "B",
    "پ": "P",
    "ف": "F",
    "ت": "T",
    "ط": "T",
    "ث": "S",
    "س": "S",
    "ص": "S",
    "ذ": "Z",
    "ز": "Z",
    "ض": "Z",
    "ظ": "Z",
    "ج": "J",
    "ژ": "J",
    "چ": "C",
    "ش": "W",
    "خ": "X",
    "ح": "H",
    "ه": "H",
    "ق": "Q",
    "غ": "Q",
    "ک": "K",
    "گ": "K",
    "د": "D",
    "ر": "R",
    "ل": "L",
    "م": "M",
    "ن": "N",
}
_LATIN: dict[str, str] = {
    "b": "B",
    "p": "P",
    "f": "F",
    "t": "T",
    "s": "S",
    "z": "Z",
    "j": "J",
    "h": "H",
    "q": "Q",
    "k": "K",
    "g": "K",
    "c": "K",
    "d": "D",
    "r": "R",
    "l": "L",
    "m": "M",
    "n": "N",
    "v": "V",
}
_DIGRAPHS = {"kh": "X", "sh": "W", "ch": "C", "zh": "J", "gh": "Q", "ph": "F"}
_VOWELS = frozenset("aeiou")
_PERSIAN_TAILS = frozenset({"الله", "الدین"})
_LATIN_TAILS = frozenset(
    [v + ll + "ah" for v in "aeiou" for ll in ("l", "ll")]
    + [v + dd + "din" for v in "aeiou" for dd in ("d", "dd", "l")]
)


def _persian_tokens(word: str, name_start: bool) -> list[str]:
    tokens: list[str] = []
    for index, char in enumerate(word):
        if char in _PERSIAN:
            tokens.append(_PERSIAN[char])
        elif char == "و":
            role = vav_role(word, index)
            if role is VavRole.CONSONANT:
                tokens.append("V")
            elif role is VavRole.VOWEL:
                tokens.append(_SEP)
        elif char == "ی" and name_start and index == 0:
            tokens.append("Y")
        else:  # ا آ ی ع ء, and letters of other alphabets
            tokens.append(_SEP)
    return tokens


def _latin_tokens(word: str, name_start: bool) -> list[str]:
    tokens: list[str] = []
    index = 0
    while index < len(word):
        char = word[index]
        pair = word[index : index + 2]
        if pair in _DIGRAPHS:
            tokens.append(_DIGRAPHS[pair])
            index += 2
            continue
        prev = word[index - 1] if index else ""
        nxt = word[index + 1] if index + 1 < len(word) else ""
        if char == "y":
            tokens.append("Y" if name_start and index == 0 else _SEP)
        elif char == "w":
            tokens.append(_SEP if prev in _VOWELS and nxt not in _VOWELS else "V")
        elif char == "x":
            tokens.extend(("K", "S"))
        elif char in _LATIN:
            tokens.append(_LATIN[char])
        else:  # vowels, and letters outside a-z
            tokens.append(_SEP)
        index += 1
    return tokens


def _words(text: str) -> list[tuple[bool, str]]:
    """Cut normalised text into (is_persian, word) runs of one script's letters."""
    words: list[tuple[bool, str]] = []
    current: list[str] = []
    current_persian = False
    for char in text:
        is_letter = char.isalpha() or unicodedata.category(char).startswith("M")
        persian = is_arabic_script_letter(char)
        if current and (not is_letter or (char.isalpha() and persian != current_persian)):
            words.append((current_persian, "".join(current)))
            current = []
        if is_letter:
            if not current:
                current_persian = persian
            current.append(char)
    if current:
        words.append((current_persian, "".join(current)))
    split: list[tuple[bool, str]] = []
    for persian, word in words:
        if persian:
            split.append((True, word))
        else:
            split.extend((False, part) for part in normalize_latin(word).split())
    return split


def _glue_tails(words: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    glued: list[tuple[bool, str]] = []
    for persian, word in words:
        tails = _PERSIAN_TAILS if persian else _LATIN_TAILS
        if glued and glued[-1][0] == persian and word in tails:
            glued[-1] = (persian, glued[-1][1] + word)
        else:
            glued.append((persian, word))
    return glued


def consonant_skeleton(text: str) -> str:
    """Return the consonant skeleton of a name in Persian or Latin script (or both).

    ``consonant_skeleton("محمد") == consonant_skeleton("Mohammed") == "MHMD"``. Apply it to one
    name field at a time. Never raises; text with no letters gives ``""``. The rules and their
    known failures are in the module docstring.
    """
    words = _glue_tails(_words(normalize_persian(text)))
    if not words:
        return ""
    stream: list[str] = []
    for position, (persian, word) in enumerate(words):
        tokens = (_persian_tokens if persian else _latin_tokens)(word, position == 0)
        if tokens and tokens[-1] == "H":
            tokens.pop()
        stream.extend(tokens)
    first_persian, first_word = words[0]
    first = first_word[0]
    initial_vowel = first in ALEFS or first in GLOTTALS if first_persian else first in _VOWELS
    key: list[str] = ["A"] if initial_vowel else []
    previous = _SEP
    for token in stream:
        if token not in (_SEP, previous):
            key.append(token)
        previous = token
    return "".join(key)
