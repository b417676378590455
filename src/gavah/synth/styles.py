"""The style of each synthetic list: script, digits, calendar, layout, habits, noise and coverage.

Owns the list archetypes (an in-country documentation network, international media, a leaked
morgue list, families' reports, an NGO register) and the hybrids that combine their traits, each
drawn deterministically from the list index and a ``random.Random``. It must not render records
(``gavah.synth.records`` does) and does no I/O.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal

from gavah.register.mapping import KNOWN_COLUMNS
from gavah.synth.calendar import Calendar
from gavah.synth.latin import HABITS

__all__ = ["COLUMNS", "Digits", "ListStyle", "draw_styles"]

#: The list-CSV columns of design.md: the register reads exactly what the generator writes.
COLUMNS: Final = KNOWN_COLUMNS
Digits = Literal["ascii", "persian", "arabic"]
IdKind = Literal["seq", "hex", "year", "plain"]
_DIGIT_SYSTEMS: Final[tuple[Digits, ...]] = ("ascii", "persian", "arabic")
_CALENDARS: Final[tuple[Calendar, ...]] = ("gregorian", "jalali")
_HYBRID_IDS: Final[tuple[IdKind, ...]] = ("seq", "hex", "plain")


@dataclass(frozen=True, slots=True)
class ListStyle:
    """How one list writes its records, and how well it covers the population."""

    name: str
    label: str
    language: Literal["fa", "en", "mixed"]
    columns: tuple[str, ...]
    latin_share: float  # share of records written in Latin script
    mixed_fields: float  # chance a single name field is in the other script
    digits: Digits  # digits of Persian-script records (Latin records use ASCII)
    calendar_fa: Calendar
    calendar_latin: Calendar
    date_pad: bool
    month_precision: float
    year_precision: float
    date_jitter: float  # chance the date is off by 1-3 days
    arabic_forms: float  # chance a Persian record is typed with Arabic letter forms
    joints: tuple[float, float, float, float]  # zwnj, space, joined, zwnj+space
    split_names: bool  # given_name/family_name filled (else full_name only)
    full_name_too: float  # with split names, chance full_name is filled as well
    family_first: float  # chance full_name is "family, given"
    family_comma: float  # with family first, chance of a comma between
    upper_family: float  # chance a Latin family name is in capitals
    swap: float  # chance given and family are swapped
    honorific: float  # chance a Seyed/Haj is written when it applies
    typo: float  # chance per name field of a typo
    habit: int  # index into latin.HABITS
    spelling_index: int  # preferred vocabulary spelling (0 = most common)
    spelling_alt: float  # chance a record uses another vocabulary spelling
    age_jitter: float  # chance the age is off by 1-2 years
    age_round: int  # 5 for approximate ages
    missing: Mapping[str, float]  # chance per column that the cell is empty
    duplicates: float  # share of the list's records that are a second entry of someone
    sex_fa: tuple[str, str]  # (male, female)
    sex_latin: tuple[str, str]
    event_fa: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    event_latin: tuple[str, str, str]
    place_prefix: float  # chance of "استان"/"Province" around a province name
    notes: float
    id_kind: IdKind
    id_prefix: str
    sort_by_date: bool
    coverage: float  # base capture probability
    visibility_weight: float  # how strongly capture follows the shared visibility
    focus: int  # >0: the list covers only this many provinces well (a morgue, a hospital)
    event_logit: tuple[float, float, float]  # capture shift by event
    window: tuple[int, int] | None  # days since 2026-01-01 the list covers, if limited


_EVENT_FA: Final = (("کشته", "جان‌باخته", "جانباخته"), ("مرگ در بازداشت",), ("اعدام",))
_EVENT_EN: Final = ("killed", "died in custody", "executed")
_ALL: Final = COLUMNS


def _network(rng: random.Random) -> ListStyle:
    return ListStyle(
        name="rights-network",
        label="In-country documentation network (Persian)",
        language="fa",
        columns=_ALL,
        latin_share=0.0,
        mixed_fields=0.0,
        digits="persian",
        calendar_fa="jalali",
        calendar_latin="gregorian",
        date_pad=True,
        month_precision=0.03,
        year_precision=0.0,
        date_jitter=0.04,
        arabic_forms=0.08,
        joints=(0.55, 0.3, 0.15, 0.0),
        split_names=True,
        full_name_too=0.6,
        family_first=0.0,
        family_comma=1.0,
        upper_family=0.0,
        swap=0.01,
        honorific=0.5,
        typo=rng.uniform(0.03, 0.06),
        habit=0,
        spelling_index=0,
        spelling_alt=0.0,
        age_jitter=0.05,
        age_round=1,
        missing={"father_name": 0.3, "age": 0.1, "city": 0.05, "notes": 0.7},
        duplicates=rng.uniform(0.02, 0.04),
        sex_fa=("مرد", "زن"),
        sex_latin=("male", "female"),
        event_fa=_EVENT_FA,
        event_latin=_EVENT_EN,
        place_prefix=0.1,
        notes=0.3,
        id_kind="seq",
        id_prefix="HR-",
        sort_by_date=True,
        coverage=rng.uniform(0.3, 0.55),
        visibility_weight=rng.uniform(0.8, 1.2),
        focus=0,
        event_logit=(0.0, 0.8, 1.5),
        window=None,
    )


def _media(rng: random.Random) -> ListStyle:
    return replace(
        _network(rng),
        name="intl-media",
        label="International media list (Latin script)",
        language="en",
        columns=tuple(c for c in _ALL if c != "father_name"),
        latin_share=1.0,
        calendar_latin="gregorian",
        arabic_forms=0.0,
        split_names=False,
        family_first=0.0,
        honorific=0.3,
        typo=rng.uniform(0.02, 0.05),
        habit=rng.choice((1, 2)),
        spelling_index=rng.choice((0, 1)),
        spelling_alt=0.15,
        missing={"age": 0.25, "city": 0.1, "province": 0.1, "notes": 0.8, "sex": 0.1},
        event_latin=("killed", "killed", "executed"),
        id_kind="plain",
        id_prefix="MED",
        sort_by_date=False,
        coverage=rng.uniform(0.2, 0.4),
    )


def _morgue(rng: random.Random) -> ListStyle:
    return replace(
        _network(rng),
        name="morgue-leak",
        label="Leaked morgue list (Persian, Arabic letter forms)",
        columns=("record_id", "full_name", "sex", "age", "date", "city", "notes"),
        digits="arabic",
        arabic_forms=0.85,
        joints=(0.05, 0.45, 0.5, 0.0),
        split_names=False,
        family_first=0.9,
        family_comma=0.7,
        honorific=0.1,
        typo=rng.uniform(0.06, 0.1),
        missing={"full_name": 0.08, "age": 0.45, "date": 0.1, "city": 0.35, "notes": 0.6},
        sex_fa=("مذکر", "مونث"),
        notes=0.4,
        id_kind="hex",
        id_prefix="m-",
        sort_by_date=False,
        coverage=rng.uniform(0.55, 0.75),
        focus=2,
        event_logit=(0.0, 0.0, -8.0),
        window=(7, 16),
    )


def _families(rng: random.Random) -> ListStyle:
    half = dict.fromkeys(("father_name", "sex", "age", "event", "province", "city"), 0.5)
    return replace(
        _network(rng),
        name="family-reports",
        label="Families' reports (mixed scripts, Jalali dates in Latin digits)",
        language="mixed",
        latin_share=0.4,
        mixed_fields=0.08,
        digits="ascii",
        calendar_latin="jalali",
        date_pad=False,
        month_precision=0.15,
        year_precision=0.03,
        date_jitter=0.12,
        joints=(0.3, 0.35, 0.3, 0.05),
        full_name_too=0.3,
        typo=rng.uniform(0.06, 0.1),
        habit=rng.choice((0, 4)),
        spelling_alt=0.3,
        age_jitter=0.2,
        age_round=5,
        missing={**half, "date": 0.2, "notes": 0.5, "family_name": 0.05},
        sex_latin=("M", "F"),
        notes=0.5,
        id_kind="year",
        id_prefix="FAM-1404-",
        sort_by_date=False,
        coverage=rng.uniform(0.12, 0.25),
        event_logit=(0.0, 1.0, 0.5),
    )


def _ngo(rng: random.Random) -> ListStyle:
    return replace(
        _network(rng),
        name="ngo-register",
        label="NGO register (Latin script, family name first in some rows)",
        language="en",
        latin_share=1.0,
        calendar_latin="gregorian",
        arabic_forms=0.0,
        split_names=rng.random() < 0.5,
        full_name_too=0.8,
        family_first=rng.uniform(0.25, 0.45),
        family_comma=0.8,
        upper_family=0.6,
        swap=0.03,
        habit=3 if rng.random() < 0.5 else 4,
        spelling_index=rng.choice((0, 1)),
        spelling_alt=0.1,
        missing={"father_name": 0.6, "age": 0.15, "city": 0.15, "notes": 0.6},
        id_kind="seq",
        id_prefix="NGO/",
        sort_by_date=rng.random() < 0.5,
        coverage=rng.uniform(0.2, 0.4),
    )


_ARCHETYPES: Final[tuple[Callable[[random.Random], ListStyle], ...]] = (
    _network,
    _media,
    _morgue,
    _families,
    _ngo,
)
_HYBRID_NAMES: Final = (
    "local-monitor",
    "journalist-collective",
    "lawyers-group",
    "diaspora-archive",
    "hospital-staff-list",
)


def _hybrid(index: int, rng: random.Random) -> ListStyle:
    """A list that writes like one archetype and covers like another, with its own habits."""
    writer = rng.choice(_ARCHETYPES)(rng)
    coverer = rng.choice(_ARCHETYPES)(rng)
    name = f"{_HYBRID_NAMES[(index - 5) % len(_HYBRID_NAMES)]}-{index + 1}"
    return replace(
        writer,
        name=name,
        label=f"{writer.label.split(' (')[0]} style, list {index + 1}",
        digits=rng.choice(_DIGIT_SYSTEMS),
        calendar_latin=rng.choice(_CALENDARS),
        family_first=rng.choice((0.0, 0.2, writer.family_first)),
        habit=rng.randrange(len(HABITS)),
        typo=rng.uniform(0.02, 0.1),
        duplicates=rng.uniform(0.02, 0.04),
        id_kind=rng.choice(_HYBRID_IDS),
        id_prefix=f"L{index + 1}-",
        coverage=rng.uniform(0.15, 0.45),
        focus=coverer.focus,
        window=coverer.window,
        event_logit=coverer.event_logit,
    )


def draw_styles(k: int, rng: random.Random) -> tuple[ListStyle, ...]:
    """The styles of ``k`` lists: the five archetypes in order, then hybrids combining them.

    List ``i`` always has the same archetype; its parameters (coverage, habits, noise) come from
    ``rng``, so the same seed gives the same styles.
    """
    styles = []
    for index in range(k):
        if index < len(_ARCHETYPES):
            styles.append(_ARCHETYPES[index](rng))
        else:
            styles.append(_hybrid(index, rng))
    return tuple(styles)
