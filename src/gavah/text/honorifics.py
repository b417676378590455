"""Honorifics and titles written before Iranian names, in Persian and Latin script.

Owns the list of titles (سید, حاج, دکتر, شهید, Seyed, Haj, Dr...) and :func:`split_honorifics`,
which takes them off the front of a name so that ``سید علی حسینی`` and ``علی حسینی`` can be
compared. It must not judge whether a title is true, and must not drop it: the caller keeps the
titles (سید records descent, شهید a status) and decides what to compare.

The rule:

- A title counts only as a separate word at the start of the name, followed by at least one
  more word: ``سید علی`` → ((``سید``,), ``علی``); several can stack (``شهید حاج سید علی``).
  Multi-word titles are matched with or without their ZWNJ or space (حجت‌الاسلام,
  حجت الاسلام, حجتالاسلام; آیت‌الله العظمی; Hojjat al-Islam).
- A title written solid with the name stays part of it: ``سیدعلی``, ``سید‌علی`` (ZWNJ) and
  ``Seyedali`` are one given name, as civil registration often records them; so do ``سیدی``
  and ``سیدان``, which are surnames. Callers comparing ``سید علی`` with ``سیدعلی`` should
  compare :func:`gavah.text.persian.name_key` of the whole field as well.
- A title followed by a surname suffix is a surname, not a title: ``حاجی زاده``
  (Hajizadeh written with a space), ``Haji Pour``.
- A title alone is a name, not a title (a given-name field holding only ``سید``).

Each title comes back in one canonical Persian form whatever the script or spelling: Seyed,
Sayyed, Seyyed, Sayed and سيد all give ``سید``; Haj, Hajj, Haji, حاجی give ``حاج``.
"""

from __future__ import annotations

from gavah.text.persian import name_key, normalize_persian

__all__ = ["HONORIFICS", "split_honorifics"]

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "سید": ("سید", "seyed", "seyyed", "sayed", "sayyed", "sayyid", "seyyid", "seied", "syed"),
    "سیده": (
        "سیده",
        "seyedeh",
        "seyyedeh",
        "sayedeh",
        "sayyedeh",
        "seyede",
        "sayyida",
        "sayyidah",
    ),
    "حاج": ("حاج", "حاجی", "haj", "hajj", "haji", "hajji", "hadji"),
    "حاجیه": ("حاجیه", "حاجیه خانم", "hajieh", "hajiyeh", "hajiye", "hajjieh"),
    "حجت‌الاسلام": (
        "حجت‌الاسلام",
        "hojatoleslam",
        "hojjatoleslam",
        "hojatolislam",
        "hojjatolislam",
        "hojjat al islam",
        "hojjat ol eslam",
    ),
    "حجت‌الاسلام والمسلمین": (
        "حجت‌الاسلام والمسلمین",
        "hojatoleslam valmoslemin",
        "hojjatoleslam valmoslemin",
        "hojjatoleslam val moslemin",
    ),
    "آیت‌الله": ("آیت‌الله", "ayatollah", "ayatolah", "ayatullah", "ayatallah"),
    "آیت‌الله العظمی": ("آیت‌الله العظمی", "grand ayatollah", "ayatollah ozma", "ayatollah al ozma"),
    "شهید": ("شهید", "شهیده", "shahid", "shaheed"),
    "مرحوم": ("مرحوم", "مرحومه", "marhoum", "marhum", "marhoom"),
    "دکتر": ("دکتر", "dr", "doctor", "doktor"),
    "مهندس": ("مهندس", "mohandes", "eng", "engineer"),
    "سردار": ("سردار", "sardar"),
    "آقای": ("آقای", "mr"),
    "خانم": ("خانم", "mrs", "ms"),
}

HONORIFICS: tuple[str, ...] = tuple(_SPELLINGS)
"""The canonical form of every recognised title."""

_BY_KEY: dict[str, str] = {
    name_key(spelling): canonical
    for canonical, spellings in _SPELLINGS.items()
    for spelling in spellings
}
_LONGEST = max(len(spelling.split()) for spellings in _SPELLINGS.values() for spelling in spellings)

_SURNAME_SUFFIXES = frozenset(
    name_key(suffix)
    for suffix in (
        "زاده",
        "پور",
        "نژاد",
        "نیا",
        "فر",
        "زادگان",
        "zadeh",
        "zade",
        "pour",
        "poor",
        "pur",
        "nejad",
        "nezhad",
        "nia",
        "far",
    )
)


def _match(tokens: list[str], start: int) -> tuple[str, int] | None:
    """Return (canonical title, words used) for the longest title at ``tokens[start]``."""
    for width in range(min(_LONGEST, len(tokens) - start - 1), 0, -1):
        canonical = _BY_KEY.get(name_key("".join(tokens[start : start + width])))
        if canonical is not None:
            return canonical, width
    return None


def split_honorifics(text: str) -> tuple[tuple[str, ...], str]:
    """Split the titles off the front of a name.

    Returns ``(titles, rest)``: the titles found, in order and in canonical form, and the rest
    of the name passed through :func:`gavah.text.persian.normalize_persian`.
    ``split_honorifics("شهید سيد علی")`` → ``(("شهید", "سید"), "علی")``;
    ``split_honorifics("Dr. Seyed Ali Hosseini")`` → ``(("دکتر", "سید"), "Ali Hosseini")``.
    The rules (solid spellings, surname suffixes, a title alone) are in the module docstring.
    """
    tokens = normalize_persian(text).split(" ")
    titles: list[str] = []
    start = 0
    while start < len(tokens) - 1:
        found = _match(tokens, start)
        if found is None:
            break
        canonical, width = found
        if name_key(tokens[start + width]) in _SURNAME_SUFFIXES:
            break
        titles.append(canonical)
        start += width
    return tuple(titles), " ".join(tokens[start:])
