"""Persian orthography: when و stands for a consonant, a vowel or nothing.

Owns the context rules about Persian vowel letters that both :mod:`gavah.text.translit` and
:mod:`gavah.text.skeleton` rely on, so the two read a word the same way. It works on one word
already passed through :func:`gavah.text.persian.normalize_persian` and must not normalise,
transliterate or know anything of Latin script.

Persian writes long vowels (ا آ و ی) and leaves short vowels unwritten, and the letters و and ی
serve both as consonants (v, y) and as long vowels (u/ou, i/ee). The rules for و, in order:

1. word-initial → consonant (وحید Vahid);
2. after خ and before ا → silent (خواجه Khajeh, خواهر);
3. before the article ال inside a word → vowel (ابوالفضل Abolfazl);
4. after ا or آ → consonant (داوود Davood, کاوه Kaveh, سیاوش Siavash);
5. before ا or آ → consonant (جواد Javad, پروانه Parvaneh);
6. before ی that is not followed by ا → consonant (نوید Navid, پرویز Parviz, موسوی Mousavi);
   ``ویا`` stays a vowel (پویا Pouya, رویا Roya);
7. otherwise → vowel (محمود Mahmoud, یوسف Yousef, خسرو Khosrow).

Known failures: a consonant v between consonants (توکلی Tavakoli, سروناز Sarvenaz read as
vowels), a vowel before final ی (خویی Khoei read as v).
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "ALEFS",
    "GLOTTALS",
    "VavRole",
    "vav_role",
]

ALEFS = frozenset("اآ")
"""Letters that always write a vowel (ā, or the carrier of a word-initial short vowel)."""

GLOTTALS = frozenset("عء")
"""Letters for the glottal stop, which Latin spellings write as an apostrophe or not at all."""

_VAV = "و"
_YEH = "ی"
_KHEH = "خ"
_ARTICLE = "ال"


class VavRole(Enum):
    """What the letter و writes at one place in a word."""

    CONSONANT = "consonant"
    VOWEL = "vowel"
    SILENT = "silent"


def vav_role(word: str, index: int) -> VavRole:
    """Return the role of the letter و at ``word[index]`` by the rules in the module docstring.

    Raises:
        ValueError: ``word[index]`` is not و (a programming error).
    """
    if not 0 <= index < len(word) or word[index] != _VAV:
        raise ValueError(f"no و at index {index} of {word!r}")
    if index == 0:
        return VavRole.CONSONANT
    prev = word[index - 1]
    nxt = word[index + 1] if index + 1 < len(word) else ""
    after = word[index + 2] if index + 2 < len(word) else ""
    if prev == _KHEH and nxt == "ا":
        return VavRole.SILENT
    if word.startswith(_ARTICLE, index + 1) and index + 3 < len(word):
        return VavRole.VOWEL
    if prev in ALEFS or nxt in ALEFS:
        return VavRole.CONSONANT
    if nxt == _YEH and after not in ALEFS:
        return VavRole.CONSONANT
    return VavRole.VOWEL
