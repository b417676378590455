"""Lists the project did not generate, with a realistically diverse vocabulary and noise.

An independent generator, written apart from ``gavah.synth``, ``gavah.vocab`` and ``gavah.text``
(its own names in ``diverse_names``, its own transliteration variants, its own Solar Hijri
conversion and digits), so that linkage is measured on data it was not tuned on. Its parameters
are fixed here and documented in docs/linkage.md › Measuring; they were chosen to look like the
lists, not to suit the model.

Persons (:data:`PARAMS`): 85% men; given names Zipf-distributed (exponent 1.0) over ~180 names
of the person's sex plus ~70 compound names (محمدرضا, Mohammadreza; روح‌الله); family names
Zipf (exponent 0.8) over ~2,300 names built from ~160 roots and 14 suffixes; father a man's
given name (same law); age 14–65 (mode 24); the day of death in January 2026, 60% in a
three-day peak; city by weight (Tehran 30%).

Lists (each person is on each list independently; a person on none is not written):

- ``rights-network`` (p 0.65): Persian script, given/family split; compound names and suffixes
  joined, with ZWNJ or a space; Arabic letter forms on 30% of rows; father 60%; age in Persian
  digits (missing 15%, ±1 on 10%); Solar Hijri date in Persian digits (a day off on 5%); 5% typos.
- ``press`` (p 0.5): Latin full name "Given Family" or "FAMILY, Given" (30%), spelled by
  rule-made variants (ou/u/oo, gh/q, final eh/e, doubled letters, ei/ey, ee/i, ...); Gregorian
  date, one or two days off on 15% (reported, not died); age ±1 on 20%, missing 20%; father 25%.
- ``morgue`` (p 0.3): Persian full name, family name first; Latin digits; Solar Hijri date with
  dashes; estimated age (±3 on 40%, missing 20%); no father; 10% typos.
- ``families`` (p 0.25): full name only, Persian (60%) or Latin; half the fields missing; the
  date sometimes only a month, sometimes written out ("۱۸ دی ۱۴۰۴"); 10% typos.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass

from tests.unit.linkage.diverse_names import (
    ALLAH_NAMES,
    CITIES,
    COMPOUND_FIRST,
    COMPOUND_SECOND,
    FAMILY_ROOTS,
    FAMILY_SUFFIXES,
    GIVEN,
)

HEADER = "record_id,full_name,given_name,family_name,father_name,sex,age,date,event,city\n"
_ZWNJ = "\u200c"
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
#: Letters a dot typed differently turns into one another.
_DOTS = {"ب": "پ", "پ": "ب", "ت": "ث", "ح": "خ", "خ": "ح", "ج": "چ", "د": "ذ", "ر": "ز", "ز": "ر"}
_DOTS |= {"س": "ش", "ش": "س", "ع": "غ", "ف": "ق"}


@dataclass(frozen=True, slots=True)
class Params:
    """The generator's knobs (documented in the module docstring)."""

    men: float = 0.85
    given_zipf: float = 1.0
    family_zipf: float = 0.8
    on_list: tuple[float, float, float, float] = (0.65, 0.5, 0.3, 0.25)
    peak_share: float = 0.6


PARAMS = Params()


@dataclass(frozen=True, slots=True)
class _Name:
    fa: str
    latin: str


@dataclass(frozen=True, slots=True)
class _Person:
    given: _Name
    family: _Name
    father: _Name
    female: bool
    age: int
    day: dt.date
    city: tuple[str, str]


class _Zipf:
    """Draws from ``items`` with weight 1 / rank ** exponent."""

    def __init__(self, items: list[_Name], exponent: float) -> None:
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** exponent for r in range(len(items))))

    def draw(self, rng: random.Random) -> _Name:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def _given_names(rng: random.Random, sex: str) -> list[_Name]:
    names = [_Name(fa, la) for fa, la, s in GIVEN if s == sex]
    if sex == "m":
        names += [
            _Name(f"{a}{_ZWNJ}{b}", f"{la}{lb}")
            for (a, la), (b, lb) in itertools.product(COMPOUND_FIRST, COMPOUND_SECOND)
            if a != b
        ]
        names += [_Name(fa, la) for fa, la in ALLAH_NAMES]
    head, tail = names[:6], names[6:]
    rng.shuffle(tail)  # the commonest names stay first; the rest in a random order
    return head + tail


def _family_names(rng: random.Random) -> list[_Name]:
    names: list[_Name] = []
    for (root, lroot), (suffix, lsuffix) in itertools.product(FAMILY_ROOTS, FAMILY_SUFFIXES):
        if suffix == "ی" and root.endswith(("ا", "و")):
            names.append(_Name(root + "یی", lroot + "ei"))
        else:
            names.append(_Name(root + suffix, lroot + lsuffix))
    rng.shuffle(names)
    return names


def _jalali(day: dt.date) -> tuple[int, int, int]:
    """Solar Hijri (year, month, day) of a Gregorian day (the arithmetic algorithm)."""
    gy, gm, gd = day.year, day.month, day.day
    before = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
    gy2 = gy + 1 if gm > 2 else gy
    days = 355666 + 365 * gy + (gy2 + 3) // 4 - (gy2 + 99) // 100 + (gy2 + 399) // 400
    days += gd + before[gm - 1]
    jy = -1595 + 33 * (days // 12053)
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return jy, 1 + days // 31, 1 + days % 31
    return jy, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def _arabic_forms(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def _joined(text: str, rng: random.Random) -> str:
    """A ZWNJ written as ZWNJ, a space, or nothing."""
    return text.replace(_ZWNJ, rng.choice((_ZWNJ, _ZWNJ, " ", "")))


def _typo_fa(text: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(text) if c in _DOTS]
    if spots and rng.random() < 0.6:
        i = rng.choice(spots)
        return text[:i] + _DOTS[text[i]] + text[i + 1 :]
    return _typo_latin(text, rng)


def _typo_latin(text: str, rng: random.Random) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i] + text[i:]


#: Transliteration variants: (pattern, replacement, probability each time a name is written).
_VARIANTS = (
    ("ou", "u", 0.25),
    ("ou", "oo", 0.15),
    ("gh", "q", 0.3),
    ("kh", "x", 0.03),
    ("ee", "i", 0.3),
    ("ei", "ey", 0.3),
    ("ae", "a'e", 0.1),
    ("Moh", "Muh", 0.15),
    ("mm", "m", 0.4),
    ("ss", "s", 0.4),
    ("rr", "r", 0.4),
    ("ff", "f", 0.4),
    ("jj", "j", 0.4),
    ("zz", "z", 0.4),
    ("tt", "t", 0.4),
    ("j", "dj", 0.03),
    ("v", "w", 0.05),
    ("ia", "iya", 0.1),
    ("eh", "e", 0.3),
)


def _spelled(latin: str, rng: random.Random) -> str:
    """One writer's Latin spelling of ``latin``."""
    out = latin
    for pattern, replacement, p in _VARIANTS:
        if pattern in out.lower() and rng.random() < p:
            if pattern == "eh":
                if out.endswith("eh"):
                    out = out[:-2] + "e"
                continue
            out = out.replace(pattern, replacement).replace(
                pattern.capitalize(), replacement.capitalize()
            )
    if out.endswith("i") and rng.random() < 0.1:
        out = out[:-1] + "y"
    return out


def _fa_digits(text: str) -> str:
    return text.translate(_FA_DIGITS)


def _person(rng: random.Random, names: dict[str, _Zipf], family: _Zipf) -> _Person:
    female = rng.random() >= PARAMS.men
    start = dt.date(2026, 1, 1)
    offset = 7 + rng.randrange(3) if rng.random() < PARAMS.peak_share else rng.randrange(31)
    city = rng.choices(CITIES, weights=[w for _, _, w in CITIES])[0]
    return _Person(
        given=names["f" if female else "m"].draw(rng),
        family=family.draw(rng),
        father=names["m"].draw(rng),
        female=female,
        age=round(rng.triangular(14, 65, 24)),
        day=start + dt.timedelta(days=offset),
        city=(city[0], city[1]),
    )


def _csv(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"


def _rights_network(p: _Person, rid: str, rng: random.Random) -> list[str]:
    given, family = _joined(p.given.fa, rng), _joined(p.family.fa, rng)
    if rng.random() < 0.05:
        given, family = _typo_fa(given, rng), _typo_fa(family, rng)
    age = p.age + (rng.choice((-1, 1)) if rng.random() < 0.1 else 0)
    day = p.day + dt.timedelta(days=rng.choice((-1, 1)) if rng.random() < 0.05 else 0)
    y, m, d = _jalali(day)
    cells = [
        rid,
        "",
        given,
        family,
        _joined(p.father.fa, rng) if rng.random() < 0.6 else "",
        "زن" if p.female else "مرد",
        _fa_digits(str(age)) if rng.random() < 0.85 else "",
        _fa_digits(f"{y}/{m:02d}/{d:02d}"),
        "کشته",
        p.city[0],
    ]
    return [_arabic_forms(c) for c in cells] if rng.random() < 0.3 else cells


def _press(p: _Person, rid: str, rng: random.Random) -> list[str]:
    given, family = _spelled(p.given.latin, rng), _spelled(p.family.latin, rng)
    full = f"{family.upper()}, {given}" if rng.random() < 0.3 else f"{given} {family}"
    shift = rng.choice((1, 1, 2, -1)) if rng.random() < 0.15 else 0
    age = p.age + (rng.choice((-1, 1)) if rng.random() < 0.2 else 0)
    return [
        rid,
        full,
        "",
        "",
        _spelled(p.father.latin, rng) if rng.random() < 0.25 else "",
        "female" if p.female else "male",
        str(age) if rng.random() < 0.8 else "",
        (p.day + dt.timedelta(days=shift)).isoformat(),
        "killed",
        p.city[1] if rng.random() < 0.9 else "",
    ]


def _morgue(p: _Person, rid: str, rng: random.Random) -> list[str]:
    full = f"{_joined(p.family.fa, rng)} {_joined(p.given.fa, rng)}"
    if rng.random() < 0.1:
        full = _typo_fa(full, rng)
    age = p.age + (rng.randint(-3, 3) if rng.random() < 0.4 else 0)
    y, m, d = _jalali(p.day)
    return [
        rid,
        full,
        "",
        "",
        "",
        "زن" if p.female else "مرد",
        str(age) if rng.random() < 0.8 else "",
        f"{y}-{m:02d}-{d:02d}",
        "کشته",
        p.city[0],
    ]


def _families(p: _Person, rid: str, rng: random.Random) -> list[str]:
    if rng.random() < 0.6:
        full = f"{_joined(p.given.fa, rng)} {_joined(p.family.fa, rng)}"
        full = _typo_fa(full, rng) if rng.random() < 0.1 else full
        father = _joined(p.father.fa, rng)
    else:
        full = f"{_spelled(p.given.latin, rng)} {_spelled(p.family.latin, rng)}"
        full = _typo_latin(full, rng) if rng.random() < 0.1 else full
        father = _spelled(p.father.latin, rng)
    y, m, d = _jalali(p.day)
    date = rng.choice(
        (
            f"{_fa_digits(str(d))} {_MONTHS[m - 1]} {_fa_digits(str(y))}",
            p.day.isoformat(),
            p.day.isoformat(),
            f"{y}/{m:02d}",
            "",
        )
    )
    return [
        rid,
        full,
        "",
        "",
        father if rng.random() < 0.5 else "",
        "",
        str(p.age) if rng.random() < 0.6 else "",
        date,
        "",
        rng.choice(p.city) if rng.random() < 0.7 else "",
    ]


_LISTS = (
    ("rights-network", "RN", _rights_network),
    ("press", "PR-", _press),
    ("morgue", "M", _morgue),
    ("families", "fam", _families),
)


def diverse_lists(persons: int, seed: int) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Four list-CSV texts (name → text) and the truth ((list, record id) → person)."""
    rng = random.Random(seed)
    names = {s: _Zipf(_given_names(rng, s), PARAMS.given_zipf) for s in ("m", "f")}
    family = _Zipf(_family_names(rng), PARAMS.family_zipf)
    rows: dict[str, list[str]] = {name: [HEADER] for name, _, _ in _LISTS}
    truth: dict[tuple[str, str], str] = {}
    for n in range(persons):
        person = _person(rng, names, family)
        for (name, prefix, write), p in zip(_LISTS, PARAMS.on_list, strict=True):
            if rng.random() < p:
                rid = f"{prefix}{n:06d}"
                rows[name].append(_csv(write(person, rid, rng)))
                truth[(name, rid)] = f"P{n}"
    return {name: "".join(lines) for name, lines in rows.items()}, truth
