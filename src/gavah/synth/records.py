"""Rendering a person as one row of a synthetic list, in that list's style and with its noise.

Owns the list rows: names in the list's script and habits, honorifics, "family, given" order,
swapped fields, ages and dates a little off or cut to month or year, Jalali or Gregorian dates in
the list's digits, places with their spelling variants, notes and missing cells, and record ids
in the list's format. Pure: a ``random.Random`` seeded per list comes in; no I/O.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Final, NamedTuple

from gavah.synth.calendar import Precision, format_list_date
from gavah.synth.capture import ListPlan
from gavah.synth.latin import HABITS, apply_habit, join_latin, latin_typo
from gavah.synth.persian import Joint, arabic_forms, compound_parts, join_parts, persian_typo
from gavah.synth.population import EPOCH, Population
from gavah.synth.styles import ListStyle
from gavah.text.digits import to_arabic_indic_digits, to_persian_digits
from gavah.vocab.types import GivenName, Surname, Vocabulary

__all__ = ["ListRecord", "PersonRow", "RecordRenderer", "iter_records"]

_JOINTS: Final[tuple[Joint, ...]] = ("zwnj", "space", "joined", "zwnj_space")
_LATIN_JOIN: Final = {"zwnj": 0, "space": 0, "joined": 2, "zwnj_space": 1}
_NOTES_FA: Final = (
    "پیکر تحویل خانواده نشد",
    "دفن شبانه با حضور نیروهای امنیتی",
    "گزارش خانواده",
    "تأیید نشده",
    "از فهرست بیمارستان",
    "شلیک مستقیم نیروهای امنیتی",
)
_NOTES_EN: Final = (
    "body withheld from family",
    "buried at night under security presence",
    "reported by family",
    "unverified",
    "name from hospital records",
    "shot by security forces",
)
_SEYED_LATIN: Final = ("Seyed", "Seyyed", "Sayed")
_NAME_COLUMNS: Final = ("full_name", "given_name", "family_name", "father_name")


class PersonRow(NamedTuple):
    """One true person's values as plain Python (numpy scalars are slow one at a time)."""

    female: bool
    age: int
    given: int
    surname: int
    father: int
    province: int
    city: int
    day: int
    event: int
    seyed: bool


@dataclass(frozen=True, slots=True)
class ListRecord:
    """One row of a list: its id, the true person it documents, and its cells by column."""

    record_id: str
    person: int
    duplicate: bool
    cells: dict[str, str]


class RecordRenderer:
    """Writes people as rows of one list; holds the list's caches of habitual spellings."""

    def __init__(self, vocab: Vocabulary, style: ListStyle, rng: random.Random) -> None:
        self._vocab = vocab
        self._style = style
        self._rng = rng
        self._joint_cum = list(accumulate(style.joints))
        self._habit = HABITS[style.habit % len(HABITS)]
        self._spelled: dict[str, str] = {}
        self._parts: dict[str, tuple[str, ...]] = {}
        self._wants = frozenset(style.columns)

    # names ---------------------------------------------------------------------------------

    def _joint(self) -> Joint:
        roll = self._rng.random() * self._joint_cum[-1]
        return _JOINTS[min(bisect(self._joint_cum, roll), len(_JOINTS) - 1)]

    def _persian(self, name: GivenName | Surname) -> str:
        rng = self._rng
        text = name.persian
        if name.persian_variants and rng.random() < 0.15:
            text = rng.choice(name.persian_variants)
        parts = self._parts.get(text)
        if parts is None:
            parts = self._parts[text] = compound_parts(text)
        if len(parts) > 1:
            text = join_parts(parts, self._joint())
        if rng.random() < self._style.typo:
            text = persian_typo(text, rng)
        return text

    def _latin(self, name: GivenName | Surname) -> str:
        rng, style = self._rng, self._style
        if not name.latin:
            return ""
        if len(name.latin) > 1 and rng.random() < style.spelling_alt:
            text = apply_habit(rng.choice(name.latin), self._habit)
        else:
            key = name.latin[min(style.spelling_index, len(name.latin) - 1)]
            text = self._spelled.get(key, "")
            if not text:
                text = self._spelled[key] = apply_habit(key, self._habit)
        if " " in text:
            text = join_latin(text, _LATIN_JOIN[self._joint()])
        if rng.random() < style.typo:
            text = latin_typo(text, rng)
        return text

    def _name(self, name: GivenName | Surname, latin: bool) -> str:
        if self._style.mixed_fields and self._rng.random() < self._style.mixed_fields:
            latin = not latin
        return self._latin(name) if latin else self._persian(name)

    def _honorific(self, given: str, latin: bool, female: bool, age: int, seyed: bool) -> str:
        rng, style = self._rng, self._style
        if seyed and rng.random() < style.honorific:
            if latin:
                title = "Seyedeh" if female else rng.choice(_SEYED_LATIN)
                return f"{title} {given}"
            title = "سیده" if female else "سید"
            return f"{title}{'' if rng.random() < 0.25 else ' '}{given}"
        if not female and age >= 50 and rng.random() < style.honorific * 0.3:
            return f"Haj {given}" if latin else f"حاج {given}"
        return given

    def _full_name(self, given: str, family: str, latin: bool) -> str:
        rng, style = self._rng, self._style
        if rng.random() < style.family_first:
            comma = rng.random() < style.family_comma
            sep = (", " if latin else "، ") if comma else " "
            return f"{family}{sep}{given}"
        return f"{given} {family}"

    # places, dates, numbers ----------------------------------------------------------------

    def _digits(self, text: str, latin: bool) -> str:
        if latin or self._style.digits == "ascii":
            return text
        if self._style.digits == "persian":
            return to_persian_digits(text)
        return to_arabic_indic_digits(text)

    def _place_latin(self, spellings: tuple[str, ...]) -> str:
        if not spellings:
            return ""
        if len(spellings) > 1 and self._rng.random() < self._style.spelling_alt:
            return self._rng.choice(spellings)
        return spellings[min(self._style.spelling_index, len(spellings) - 1)]

    def _province(self, p: PersonRow, latin: bool) -> str:
        rng, style = self._rng, self._style
        province = self._vocab.provinces[p.province]
        if latin:
            text = self._place_latin(province.latin)
            if text.endswith("Province") or rng.random() >= style.place_prefix:
                return text
            return f"{text} Province"
        text = province.persian
        if province.persian_variants and rng.random() < style.spelling_alt + 0.1:
            text = rng.choice(province.persian_variants)
        if " و " in text and rng.random() < 0.2:
            text = text.replace(" و ", " و" if rng.random() < 0.5 else "\u200cو")
        elif " " in text and rng.random() < 0.1:
            text = text.replace(" ", "\u200c")
        return f"استان {text}" if rng.random() < style.place_prefix else text

    def _city(self, p: PersonRow, latin: bool) -> str:
        city = self._vocab.provinces[p.province].cities[p.city]
        if latin:
            return self._place_latin(city.latin)
        rng = self._rng
        text = city.persian
        if city.persian_variants and rng.random() < self._style.spelling_alt + 0.1:
            text = rng.choice(city.persian_variants)
        if rng.random() < self._style.typo / 3:
            return persian_typo(text, rng)
        return text

    def _age(self, p: PersonRow, latin: bool) -> str:
        rng, style = self._rng, self._style
        age = p.age
        if rng.random() < style.age_jitter:
            age += rng.choice((-2, -1, 1, 2))
        if style.age_round > 1:
            age = style.age_round * round(age / style.age_round)
        return self._digits(str(max(age, 1)), latin)

    def _date(self, p: PersonRow, latin: bool) -> str:
        rng, style = self._rng, self._style
        day = EPOCH + dt.timedelta(days=p.day)
        if rng.random() < style.date_jitter:
            day += dt.timedelta(days=rng.choice((-3, -2, -1, 1, 2, 3)))
        roll = rng.random()
        precision: Precision = "day"
        if roll < style.year_precision:
            precision = "year"
        elif roll < style.year_precision + style.month_precision:
            precision = "month"
        calendar = style.calendar_latin if latin else style.calendar_fa
        return self._digits(format_list_date(day, calendar, precision, pad=style.date_pad), latin)

    # the row -------------------------------------------------------------------------------

    def render(self, p: PersonRow) -> dict[str, str]:
        """The cells of a row documenting person ``p`` (every column of the list's style)."""
        rng, style, vocab = self._rng, self._style, self._vocab
        latin = rng.random() < style.latin_share
        female = p.female
        given = self._name(vocab.given_names[p.given], latin)
        given = self._honorific(given, latin, female, p.age, p.seyed)
        family = self._name(vocab.surnames[p.surname], latin)
        if latin and style.upper_family and rng.random() < style.upper_family:
            family = family.upper()
        cells = dict.fromkeys(style.columns, "")
        if style.split_names:
            if rng.random() < style.swap:
                cells["given_name"], cells["family_name"] = family, given
            else:
                cells["given_name"], cells["family_name"] = given, family
        if not style.split_names or rng.random() < style.full_name_too:
            cells["full_name"] = self._full_name(given, family, latin)
        if "father_name" in self._wants:
            cells["father_name"] = self._name(vocab.given_names[p.father], latin)
        event = p.event
        cells["sex"] = (style.sex_latin if latin else style.sex_fa)[female]
        cells["age"] = self._age(p, latin)
        cells["date"] = self._date(p, latin)
        cells["event"] = style.event_latin[event] if latin else rng.choice(style.event_fa[event])
        cells["province"] = self._province(p, latin)
        cells["city"] = self._city(p, latin)
        if rng.random() < style.notes:
            cells["notes"] = rng.choice(_NOTES_EN if latin else _NOTES_FA)
        if not latin and style.arabic_forms and rng.random() < style.arabic_forms:
            for column in (*_NAME_COLUMNS, "province", "city", "notes"):
                if cells.get(column):
                    cells[column] = arabic_forms(cells[column], rng)
        for column, chance in style.missing.items():
            if column in cells and rng.random() < chance:
                cells[column] = ""
        return {column: cells[column] for column in style.columns if column != "record_id"}


def _record_ids(style: ListStyle, rng: random.Random) -> Iterator[str]:
    seen: set[str] = set()
    n = 0
    while True:
        n += 1
        if style.id_kind == "seq":
            yield f"{style.id_prefix}{n:06d}"
        elif style.id_kind == "year":
            yield f"{style.id_prefix}{n:05d}"
        elif style.id_kind == "plain":
            yield f"{style.id_prefix}{n}"
        else:
            rid = f"{style.id_prefix}{rng.getrandbits(40):010x}"
            while rid in seen:
                rid = f"{style.id_prefix}{rng.getrandbits(40):010x}"
            seen.add(rid)
            yield rid


def iter_records(
    vocab: Vocabulary, population: Population, style: ListStyle, plan: ListPlan, seed: int
) -> Iterator[ListRecord]:
    """The rows of one list in order; the same ``seed`` gives the same rows."""
    rng = random.Random(seed)
    ids = _record_ids(style, random.Random(seed ^ 0x5EED))
    renderer = RecordRenderer(vocab, style, rng)
    at = plan.persons
    columns = (
        population.female[at].tolist(),
        population.age[at].tolist(),
        population.given[at].tolist(),
        population.surname[at].tolist(),
        population.father[at].tolist(),
        population.province[at].tolist(),
        population.city[at].tolist(),
        population.day[at].tolist(),
        population.event[at].tolist(),
        population.seyed[at].tolist(),
    )
    for i, duplicate, values in zip(
        at.tolist(), plan.duplicate.tolist(), zip(*columns, strict=True), strict=True
    ):
        yield ListRecord(
            record_id=next(ids),
            person=i,
            duplicate=duplicate,
            cells=renderer.render(PersonRow(*values)),
        )
