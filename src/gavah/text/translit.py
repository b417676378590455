"""Romanisation of Persian script into a deterministic Latin key.

Owns :func:`persian_to_latin`, which writes a Persian-script name in lowercase ASCII so that a
reader without Persian can see and sort it. It must not try to produce the spelling a family
would use: Persian leaves short vowels (a, e, o) unwritten, so the key holds only what the
letters hold, the consonants and the long vowels, and is lossy by nature: محمد → ``mhmd``
(Mohammad), فاطمه → ``ftmh`` (Fatemeh), حسین → ``hsin`` (Hossein). Consonants that Persian
writes with different letters but pronounces alike are merged the way Persian romanisation
merges them (ث س ص → s; ذ ز ض ظ → z; ت ط → t; ح ه → h), so the key cannot be turned back into
Persian script.

Rules, letter by letter (after :func:`gavah.text.persian.normalize_persian`):

- consonants: ب b, پ p, ت ط t, ث س ص s, ج j, چ ch, ح ه h, خ kh, د d, ذ ز ض ظ z, ر r, ژ zh,
  ش sh, غ gh, ف f, ق q, ک k, گ g, ل l, م m, ن n; the glottal letters ع ء are written ``'``;
- ا and آ → a; a word-initial ای → i (ایران → iran);
- و → v, u or nothing by :func:`gavah.text.orthography.vav_role` (جواد → jvad, محمود → mhmud,
  خواجه → khajh);
- ی → y word-initially or after a vowel letter when not word-final (پایان → payan, رضایی →
  rzayi), otherwise i (حسین → hsin, علی → 'li);
- ZWNJ joins (عبد‌الله → ``'bdallh``); everything that is not a Persian letter (Latin
  words, digits, spaces, punctuation) passes through
  :func:`gavah.text.latin.normalize_latin`; Arabic-script punctuation becomes its ASCII twin
  (، → ,).

The digraphs kh, sh, ch, zh and gh may also be read as two letters (اسحاق → ``ashaq``).
"""

from __future__ import annotations

from gavah.text.latin import normalize_latin
from gavah.text.orthography import ALEFS, VavRole, vav_role
from gavah.text.persian import ZWNJ, is_arabic_script_letter, normalize_persian

__all__ = ["persian_to_latin"]

_CONSONANTS: dict[str, str] = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "ع": "'",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ء": "'",
}
_VAV_LATIN = {VavRole.CONSONANT: "v", VavRole.VOWEL: "u", VavRole.SILENT: ""}
_PUNCTUATION = str.maketrans({"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ","})


def _yeh_is_consonant(word: str, index: int) -> bool:
    if index == 0:
        return True
    if index == len(word) - 1:
        return False
    prev = word[index - 1]
    return prev in ALEFS or (prev == "و" and vav_role(word, index - 1) is VavRole.VOWEL)


def _persian_word(word: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(word):
        char = word[index]
        if index == 0 and word.startswith("ای"):
            out.append("i")
            index += 2
            continue
        if char in ALEFS:
            out.append("a")
        elif char == "و":
            out.append(_VAV_LATIN[vav_role(word, index)])
        elif char == "ی":
            out.append("y" if _yeh_is_consonant(word, index) else "i")
        else:  # letters of other languages written in Arabic script (Pashto ټ) are dropped
            out.append(_CONSONANTS.get(char, ""))
        index += 1
    return "".join(out)


def _latin_run(run: str) -> str:
    # Sentinels keep the run's edge spaces (and hyphens, which become spaces) that
    # normalize_latin would strip, so a Latin word does not stick to a Persian one.
    return normalize_latin(f"\ue000{run}\ue000")[1:-1]


def persian_to_latin(text: str) -> str:
    """Return the Latin key of ``text`` by the rules in the module docstring.

    Persian-script words are romanised; everything else comes back normalised by
    :func:`gavah.text.latin.normalize_latin`. ``persian_to_latin("محمدرضا شجاع")`` →
    ``"mhmdrza shja'"``.
    """
    text = normalize_persian(text).translate(_PUNCTUATION)
    pieces: list[str] = []
    run: list[str] = []
    run_is_persian = False
    for char in [*text, ""]:
        persian = char == ZWNJ or is_arabic_script_letter(char)
        if run and (not char or persian != run_is_persian):
            chunk = "".join(run)
            if run_is_persian:
                pieces.extend(_persian_word(word) for word in chunk.split(ZWNJ))
            else:
                pieces.append(_latin_run(chunk))
            run = []
        run.append(char)
        run_is_persian = persian
    return " ".join("".join(pieces).split())
