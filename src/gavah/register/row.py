"""One list row → one :class:`Record`: the row kept verbatim, its fields normalised.

Owns the reading of the list-CSV columns of design.md (``full_name``, ``given_name``,
``family_name``, ``father_name``, ``sex``, ``age``, ``date``, ``event``, ``province``, ``city``)
in Persian or Latin script, Persian or Arabic-Indic digits, Solar Hijri or Gregorian dates, and
"family، given" order. A cell that cannot be read leaves its field empty and is named in the
returned problems: the raw row always survives, so nothing the source said is lost. It must not
read files or decide who is the same person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from gavah.errors import ParseError
from gavah.model import PersonStatus, Record, Sex
from gavah.model.dates import PartialDate
from gavah.text import (
    consonant_skeleton,
    normalize_latin,
    normalize_persian,
    parse_date,
    persian_to_latin,
    split_honorifics,
)
from gavah.text.digits import to_ascii_digits
from gavah.vocab import Gazetteer

__all__ = ["EVENT_WORDS", "SEX_WORDS", "record_from_row"]

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_ORDER_COMMA = re.compile(r"\s*[،,]\s*")

SEX_WORDS: Mapping[str, Sex] = {
    "m": Sex.MALE,
    "male": Sex.MALE,
    "man": Sex.MALE,
    "مرد": Sex.MALE,
    "مذکر": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "زن": Sex.FEMALE,
    "مونث": Sex.FEMALE,
    "مؤنث": Sex.FEMALE,
}

EVENT_WORDS: Mapping[str, PersonStatus] = {
    "killed": PersonStatus.KILLED,
    "died in custody": PersonStatus.KILLED,
    "executed": PersonStatus.EXECUTED,
    "injured": PersonStatus.INJURED,
    "detained": PersonStatus.DETAINED,
    "arrested": PersonStatus.DETAINED,
    "disappeared": PersonStatus.DISAPPEARED,
    "sentenced": PersonStatus.SENTENCED,
    "released": PersonStatus.RELEASED,
    "کشته": PersonStatus.KILLED,
    "جانباخته": PersonStatus.KILLED,
    "مرگ در بازداشت": PersonStatus.KILLED,
    "اعدام": PersonStatus.EXECUTED,
    "زخمی": PersonStatus.INJURED,
    "مجروح": PersonStatus.INJURED,
    "بازداشت": PersonStatus.DETAINED,
    "ناپدید": PersonStatus.DISAPPEARED,
    "محکوم": PersonStatus.SENTENCED,
    "آزاد": PersonStatus.RELEASED,
}


#: Distinct cell values remembered per normalisation (names, dates and words repeat in a list).
_CACHE = 1 << 16


def _cell(row: Mapping[str, str], column: str) -> str:
    return (row.get(column) or "").strip()


def _is_persian(text: str) -> bool:
    return bool(_ARABIC_SCRIPT.search(text))


@lru_cache(maxsize=_CACHE)
def _norm_name(text: str) -> str:
    """Normalise a name part in its own script, without titles."""
    if not text:
        return ""
    _, rest = split_honorifics(text)
    return normalize_persian(rest) if _is_persian(rest) else normalize_latin(rest)


@lru_cache(maxsize=_CACHE)
def _vocab_key(text: str) -> str:
    return normalize_persian(text).replace("\u200c", "") if _is_persian(text) else text.casefold()


@lru_cache(maxsize=_CACHE)
def _parsed_date(text: str) -> PartialDate:
    """:func:`gavah.text.parse_date`, remembered (a list repeats its few dates)."""
    return parse_date(text)


@lru_cache(maxsize=_CACHE)
def _keys(full: str) -> tuple[str | None, str | None]:
    """(Latin key, consonant skeleton) of a normalised full name."""
    latin_key = normalize_latin(persian_to_latin(full)) if _is_persian(full) else full
    return latin_key or None, consonant_skeleton(full) or None


def _names(row: Mapping[str, str]) -> tuple[str, str, str]:
    """Return (full name, given, family), each normalised, from whichever columns are filled."""
    given = _norm_name(_cell(row, "given_name"))
    family = _norm_name(_cell(row, "family_name"))
    full_text = _cell(row, "full_name")
    if full_text and not (given or family):
        parts = _ORDER_COMMA.split(full_text, maxsplit=1)
        if len(parts) == 2:  # "family، given" order
            family, given = _norm_name(parts[0]), _norm_name(parts[1])
    full = " ".join(p for p in (given, family) if p) or _norm_name(full_text)
    return full, given, family


def record_from_row(
    source_id: str,
    row: Mapping[str, str],
    gazetteer: Gazetteer,
    *,
    raw: Mapping[str, str] | None = None,
) -> tuple[Record, list[str]]:
    """Build the record for ``row`` and list the cells that could not be read.

    ``row`` is read under the list-CSV column names; ``raw`` (default: ``row``) is what the
    record keeps verbatim, e.g. the row under the list's own column names before a mapping.

    Raises:
        InvariantError: the row has no ``record_id``.
    """
    problems: list[str] = []
    full, given, family = _names(row)
    sex = SEX_WORDS.get(_vocab_key(_cell(row, "sex")))
    if _cell(row, "sex") and sex is None:
        problems.append(f"sex {_cell(row, 'sex')!r} is not a known value")
    event = EVENT_WORDS.get(_vocab_key(_cell(row, "event")))
    if _cell(row, "event") and event is None:
        problems.append(f"event {_cell(row, 'event')!r} is not a known value")
    age: int | None = None
    age_text = to_ascii_digits(_cell(row, "age"))
    if age_text:
        if age_text.isdigit() and int(age_text) <= 130:
            age = int(age_text)
        else:
            problems.append(f"age {age_text!r} is not a number of years")
    event_date = None
    if _cell(row, "date"):
        try:
            event_date = _parsed_date(_cell(row, "date"))
        except ParseError as err:
            problems.append(str(err))
    province = gazetteer.match_province(_cell(row, "province")) if _cell(row, "province") else None
    city_match = gazetteer.match_city(_cell(row, "city"), province) if _cell(row, "city") else None
    if city_match is not None and province is None:
        province = city_match[0]
    latin_key, skeleton = _keys(full)
    record = Record(
        source_id=source_id,
        record_id=_cell(row, "record_id"),
        raw=dict(row if raw is None else raw),
        full_name=full or None,
        latin_key=latin_key,
        skeleton=skeleton,
        given_name=given or None,
        family_name=family or None,
        father_name=_norm_name(_cell(row, "father_name")) or None,
        sex=sex,
        age=age,
        event_date=event_date,
        event=event,
        province=province.code if province else None,
        city=city_match[1].persian if city_match else (_cell(row, "city") or None),
    )
    return record, problems
