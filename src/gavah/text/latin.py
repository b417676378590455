"""Normalisation of Latin-script names for comparison.

Owns the rules that make the Latin spellings of one name differ only where the letters differ:
accents and diacritics (é â ā ḥ ş) are removed, letters without a decomposition are spelt out
(ø → o, ł → l, ı → i, ə → e, æ → ae, ß → ss), apostrophes and ayn/hamza signs (' ’ ‘ ` ´ ʿ ʾ ʼ)
are removed (``Ja'far`` → ``jafar``), hyphens, dashes and underscores become spaces, whitespace
runs become one space, Persian and Arabic-Indic digits become ASCII, and the result is
casefolded. It must not guess at transliteration variants (``ou`` vs ``u``): that is
:mod:`gavah.text.skeleton`. Other punctuation (commas, dots, brackets) is kept, since a comma can
mark the "family, given" order the importer has to see; :func:`name_tokens` drops it.
"""

from __future__ import annotations

import re
import unicodedata

from gavah.text.digits import to_ascii_digits

__all__ = ["name_tokens", "normalize_latin"]

_APOSTROPHES = re.compile("['’‘`´ʿʾʼʻˈ′‛＇]")
_DASHES = re.compile("[-‐‑‒–—―−_]")
# Invisible characters: dropped, never turned into a space.
_INVISIBLE = re.compile("[\u200b-\u200f\u00ad\u034f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff]")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+|_+")

_SPELT_OUT = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "ə": "e",
        "ɛ": "e",
        "ɔ": "o",
        "ŋ": "n",
        "ð": "d",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ĸ": "k",
        "ſ": "s",
    }
)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def normalize_latin(text: str) -> str:
    """Return ``text`` without accents, apostrophes or hyphens, with one space between words,
    casefolded.

    ``"Ja’far  Mohammad-Rezâ"`` → ``"jafar mohammad reza"``. Idempotent:
    ``normalize_latin(normalize_latin(x)) == normalize_latin(x)``.
    """
    text = _INVISIBLE.sub("", text)
    # Apostrophes go before decomposition: NFKD turns ´ into a space and a combining accent.
    text = _APOSTROPHES.sub("", text)
    text = _strip_marks(text).casefold()
    # Casefolding can produce decomposable letters (İ → i̇) and apostrophes (ŉ → ʼn).
    text = _strip_marks(text).translate(_SPELT_OUT)
    text = _APOSTROPHES.sub("", text)
    text = _DASHES.sub(" ", text)
    text = to_ascii_digits(text)
    return _SPACES.sub(" ", text).strip()


def name_tokens(text: str) -> tuple[str, ...]:
    """Return the words of a Latin-script name, normalised, with all punctuation dropped.

    ``"Hosseini, Seyed Ali-Reza"`` → ``("hosseini", "seyed", "ali", "reza")``.
    """
    return tuple(token for token in _NON_WORD.split(normalize_latin(text)) if token)
