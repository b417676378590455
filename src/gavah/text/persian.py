"""Normalisation of Persian-script text and an exact comparison key for Persian names.

Owns the rules that make the many ways of typing the same Persian word (Arabic or Persian letter
forms, presentation forms, harakat, tatweel, stray ZWNJ or zero-width characters, three digit
systems) into one string. It must not transliterate, guess vowels or split names into parts:
that is :mod:`gavah.text.translit`, :mod:`gavah.text.skeleton` and
:mod:`gavah.text.honorifics`.

What :func:`normalize_persian` does, in order:

1. Unicode NFKC: presentation forms (ﻙ ﯼ ﻻ) become base letters, alef + combining madda
   becomes آ, compatibility spaces become spaces.
2. Bidirectional and invisible format characters (LRM, RLM, embeddings, isolates, BOM, word
   joiner) are removed; ZWJ, zero-width space, soft hyphen and the combining grapheme joiner,
   which are typed by mistake for ZWNJ, become ZWNJ.
3. Letter variants become the Persian letter: Arabic yeh ي and alef maksura ى → ی; Arabic kaf
   ك and swash kaf ڪ → ک; teh marbuta ة, heh with yeh above ۀ, heh goal ہ, heh doachashmee ھ,
   ae ە → ه; hamza on a seat → the seat (أ إ ٱ → ا, ؤ → و, ئ → ی); standalone hamza ء is a
   letter and is kept. Kurdish (Sorani) and Urdu forms map to the nearest Persian letter
   (ڕ → ر, ڵ → ل, ۆ → و, ێ ې ے → ی, ڤ → و) so names written in those orthographies compare
   with Persian lists. آ is kept as a letter.
4. Harakat, Quranic marks, superscript alef (U+0670) and tatweel (U+0640) are removed; a
   hamza or madda written as a combining mark after step 3 is removed with them (so هٔ → ه).
5. NFKC again, since removals can bring a base letter and a Latin combining mark together.
6. Persian and Arabic-Indic digits become ASCII digits.
7. Whitespace runs become one space; runs of ZWNJ become one; a ZWNJ is kept only between two
   Arabic-script letters (so never at a word edge or next to a space); the ends are stripped.

The function is idempotent. Latin text passes through it unchanged apart from steps 1, 2, 5–7.
"""

from __future__ import annotations

import re
import unicodedata

from gavah.text.digits import to_ascii_digits
from gavah.text.latin import normalize_latin

__all__ = [
    "ZWNJ",
    "is_arabic_script_letter",
    "name_key",
    "normalize_persian",
]

ZWNJ = "\u200c"

# Invisible characters typed by mistake where a ZWNJ was meant.
_ZWNJ_LOOKALIKES = "\u200b\u200d\u00ad\u034f"
# Bidi controls, BOM, word joiner, Arabic letter mark, Mongolian vowel separator: never content.
_FORMAT_CONTROLS = (
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff\u2060\u180e"
)

_LETTER_MAP: dict[str, str] = {
    # yeh
    "\u064a": "ی",  # ARABIC LETTER YEH
    "\u0649": "ی",  # ARABIC LETTER ALEF MAKSURA
    "\u0626": "ی",  # YEH WITH HAMZA ABOVE
    "\u06ce": "ی",  # YEH WITH SMALL V (Sorani)
    "\u06d0": "ی",  # E (Pashto, Uyghur)
    "\u06d2": "ی",  # YEH BARREE (Urdu)
    "\u06d3": "ی",  # YEH BARREE WITH HAMZA ABOVE
    "\u06cd": "ی",  # YEH WITH TAIL
    # kaf
    "\u0643": "ک",  # ARABIC LETTER KAF
    "\u06aa": "ک",  # SWASH KAF
    # heh
    "\u0629": "ه",  # TEH MARBUTA
    "\u06c0": "ه",  # HEH WITH YEH ABOVE
    "\u06c1": "ه",  # HEH GOAL
    "\u06c2": "ه",  # HEH GOAL WITH HAMZA ABOVE
    "\u06c3": "ه",  # TEH MARBUTA GOAL
    "\u06be": "ه",  # HEH DOACHASHMEE
    "\u06d5": "ه",  # AE (Sorani)
    # alef and hamza seats
    "\u0623": "ا",  # ALEF WITH HAMZA ABOVE
    "\u0625": "ا",  # ALEF WITH HAMZA BELOW
    "\u0671": "ا",  # ALEF WASLA
    "\u0672": "ا",  # ALEF WITH WAVY HAMZA ABOVE
    "\u0673": "ا",  # ALEF WITH WAVY HAMZA BELOW
    "\u0624": "و",  # WAW WITH HAMZA ABOVE
    # Kurdish and Urdu forms
    "\u0695": "ر",  # REH WITH SMALL V BELOW
    "\u06b5": "ل",  # LAM WITH SMALL V
    "\u06c6": "و",  # OE
    "\u06c7": "و",  # U
    "\u06c8": "و",  # YU
    "\u06cb": "و",  # VE
    "\u06a4": "و",  # VEH (Kurdish v; Persian writes v with و)
}
_LETTER_TABLE = str.maketrans(_LETTER_MAP)

_MARKS_AND_TATWEEL = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u0674\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8"
    "\u06ea-\u06ed\u08d3-\u08ff\u0640]"
)
_FORMAT_RE = re.compile(f"[{_FORMAT_CONTROLS}]")
_LOOKALIKE_RE = re.compile(f"[{_ZWNJ_LOOKALIKES}]")
_SPACE_RUN = re.compile(rf"[\s{ZWNJ}]*\s[\s{ZWNJ}]*")
_ZWNJ_RUN = re.compile(f"{ZWNJ}+")

# Unicode blocks of the Arabic script (after NFKC the presentation-form blocks are empty).
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF))


def is_arabic_script_letter(char: str) -> bool:
    """Return whether ``char`` is one letter of the Arabic script (Persian letters included)."""
    if len(char) != 1 or not char.isalpha():
        return False
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _ARABIC_RANGES)


def _clean_zwnj(text: str) -> str:
    kept: list[str] = []
    for i, char in enumerate(text):
        if char == ZWNJ and not (
            0 < i < len(text) - 1
            and is_arabic_script_letter(text[i - 1])
            and is_arabic_script_letter(text[i + 1])
        ):
            continue
        kept.append(char)
    return "".join(kept)


def normalize_persian(text: str) -> str:
    """Return ``text`` with Persian letter forms, marks, ZWNJ, whitespace and digits normalised.

    The steps are listed in the module docstring. The result is idempotent:
    ``normalize_persian(normalize_persian(x)) == normalize_persian(x)``.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _FORMAT_RE.sub("", text)
    text = _LOOKALIKE_RE.sub(ZWNJ, text)
    text = text.translate(_LETTER_TABLE)
    text = _MARKS_AND_TATWEEL.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = to_ascii_digits(text)
    text = _SPACE_RUN.sub(" ", text)
    text = _ZWNJ_RUN.sub(ZWNJ, text)
    return _clean_zwnj(text).strip()


def name_key(text: str) -> str:
    """Return an exact comparison key for a name, in Persian or Latin script.

    The key is :func:`normalize_persian`, then :func:`~gavah.text.latin.normalize_latin`
    (accents removed, casefolded; in Persian script this turns آ into ا, since lists often type
    آرش as ارش), then only letters and digits are kept: spaces, ZWNJ, hyphens, dots and the
    standalone hamza ء are dropped. So the spellings of a compound name that differ only in
    spacing share a key (``عبدالله``, ``عبد الله``, ``عبد‌الله`` → ``عبدالله``; ``Ali-Reza``,
    ``Ali Reza``, ``Alireza`` → ``alireza``). Apply it to one name field at a time (given name,
    family name): on a full name it joins the parts too. Honorifics are kept; split them off
    first with :func:`gavah.text.honorifics.split_honorifics` if they should not count.
    The key is idempotent.
    """
    text = normalize_latin(normalize_persian(text))
    return "".join(char for char in text if unicodedata.category(char)[0] in "LN" and char != "ء")
