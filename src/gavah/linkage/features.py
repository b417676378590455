"""Linkage features: one flat row of comparison keys per record, the same in either script.

Owns :func:`features_of`, which turns a :class:`gavah.model.Record` into the columns the
Fellegi-Sunter comparisons read: consonant skeletons of the given, family and father's names (the
key that puts محمد and Mohammad together), the whole name's skeleton in both orders (for
"family given" lists and compound names written with or without ZWNJ or a space), a Latin key for
spelling similarity within Latin script, the skeleton by letter shape (dotless: typos that add or
drop a dot meet), sex, age, the event day as a day number, and the
gazetteer's province code and city. Pure functions over records: no I/O, no scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gavah.model import Record
from gavah.text import DatePrecision, consonant_skeleton, normalize_latin, normalize_persian

__all__ = ["FEATURE_COLUMNS", "LinkageFeatures", "features_of", "record_uid", "split_uid"]

#: Separator of source id and record id in a linkage uid (a control character: never in ids).
_UID_SEP = "\x1f"
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_SPLIT = re.compile(r"[\s\u200c\-]+")
# A title written joined to the name ("سیدمحمد", "Seyedmohammad"): dropped for comparison only.
_JOINED_TITLE_FA = re.compile(r"^(?:سید|سیده|سيد)(?=\S{3,})")
_JOINED_TITLE_LATIN = re.compile(
    r"^(?:seyyed|seyed|sayyed|sayed|sayyid|seyyedeh|seyedeh)(?=\S{3,})"
)

FEATURE_COLUMNS = (
    "unique_id",
    "source_dataset",
    "given_sk",
    "family_sk",
    "name_sk",
    "name_sk_rev",
    "name_loose",
    "name_loose_rev",
    "name_rasm",
    "name_rasm_rev",
    "father_sk",
    "name_latin",
    "sex",
    "age",
    "day",
    "province",
    "city",
)


@dataclass(frozen=True, slots=True)
class LinkageFeatures:
    """The comparison keys of one record (``None`` where the record says nothing)."""

    unique_id: str
    source_dataset: str
    given_sk: str | None
    family_sk: str | None
    name_sk: str | None
    name_sk_rev: str | None
    name_loose: str | None
    name_loose_rev: str | None
    name_rasm: str | None
    name_rasm_rev: str | None
    father_sk: str | None
    name_latin: str | None
    sex: str | None
    age: int | None
    day: int | None
    province: str | None
    city: str | None

    def as_dict(self) -> dict[str, str | int | None]:
        """The features as a column name → value mapping, in :data:`FEATURE_COLUMNS` order."""
        return {name: getattr(self, name) for name in FEATURE_COLUMNS}


def record_uid(source_id: str, record_id: str) -> str:
    """The linkage uid of a record: its source id and record id, joined unambiguously."""
    return f"{source_id}{_UID_SEP}{record_id}"


def split_uid(uid: str) -> tuple[str, str]:
    """Inverse of :func:`record_uid`: (source id, record id)."""
    source_id, _, record_id = uid.partition(_UID_SEP)
    return source_id, record_id


def _is_persian(text: str) -> bool:
    return bool(_ARABIC_SCRIPT.search(text))


def _untitled(text: str) -> str:
    """``text`` without a title joined to its first word."""
    if _is_persian(text):
        return _JOINED_TITLE_FA.sub("", normalize_persian(text))
    return _JOINED_TITLE_LATIN.sub("", normalize_latin(text))


@lru_cache(maxsize=1 << 16)
def _skeleton(text: str | None) -> str | None:
    if not text:
        return None
    return consonant_skeleton(_untitled(text)) or None


def _loose(skeleton: str | None) -> str | None:
    """A skeleton without vowel markers and V, with ch and sh merged.

    "Ali Asghar" = "علی‌اصغر"; "Hachemi" (French spelling) = "هاشمی"; "Jabervand" = "جابروند"
    (a و between consonants is read as a vowel in Persian script, as v in Latin).
    """
    return (skeleton or "").replace("A", "").replace("V", "").replace("C", "W") or None


#: Skeleton letters whose Persian letters differ only by their dots (ب پ ت ن; ج چ ح خ; د ذ ر ز;
#: س ش; ف ق): a dot lost or added in typing or transcription changes the letter, not the shape.
_RASM = str.maketrans(
    {
        "P": "B",
        "T": "B",
        "N": "B",
        "C": "J",
        "H": "J",
        "X": "J",
        "Z": "D",
        "R": "D",
        "W": "S",
        "Q": "F",
    }
)


def _rasm(skeleton: str | None) -> str | None:
    """The skeleton by letter shape: dot typos (پهنام/بهنام, احمذی/احمدی) and French "dj" meet."""
    if not skeleton:
        return None
    return skeleton.replace("DJ", "J").replace("A", "").replace("V", "").translate(_RASM) or None


def _parts(record: Record) -> tuple[str | None, str | None]:
    """(given, family) of the record; from the full name (first word given) when not split."""
    if record.given_name or record.family_name:
        return record.given_name, record.family_name
    if not record.full_name:
        return None, None
    words = [w for w in _SPLIT.split(record.full_name) if w]
    if len(words) < 2:
        return record.full_name, None
    return words[0], " ".join(words[1:])


def _latin(record: Record) -> str | None:
    """A Latin-script spelling of the whole name, only when the record wrote it in Latin."""
    if not record.full_name or _is_persian(record.full_name):
        return None
    return "".join(sorted(_SPLIT.split(normalize_latin(record.full_name)))) or None


def _orders(record: Record) -> tuple[str | None, str | None]:
    """The whole name in both orders (given first, family first), as one text each.

    A list that does not split the name is read both as "given ... family" and as "family ...
    given" with the last word first: so a morgue list's "Hashem zadeh Ali" meets "Ali
    Hashemzadeh" whatever the spacing of the compound.
    """
    if record.given_name or record.family_name:
        given, family = record.given_name or "", record.family_name or ""
        return f"{given} {family}".strip(), f"{family} {given}".strip()
    words = [w for w in _SPLIT.split(record.full_name or "") if w]
    if not words:
        return None, None
    return " ".join(words), " ".join([words[-1], *words[:-1]])


def features_of(record: Record) -> LinkageFeatures:
    """The linkage features of ``record``."""
    given, family = _parts(record)
    given_sk, family_sk = _skeleton(given), _skeleton(family)
    name_sk = "".join(p for p in (given_sk, family_sk) if p) or None
    name_rev = "".join(p for p in (family_sk, given_sk) if p) or None
    # The loose and letter-shape keys read the whole name at once: the skeleton collapses
    # letters across word boundaries, so the name must not be cut where a list cut it.
    forward, backward = (_skeleton(text) for text in _orders(record))
    when = record.event_date
    # Only a date known to the day is compared by days; a month or year says too little.
    day = when.to_date().toordinal() if when and when.precision is DatePrecision.DAY else None
    return LinkageFeatures(
        unique_id=record_uid(record.source_id, record.record_id),
        source_dataset=record.source_id,
        given_sk=given_sk,
        family_sk=family_sk,
        name_sk=name_sk,
        name_sk_rev=name_rev,
        name_loose=_loose(forward),
        name_loose_rev=_loose(backward),
        name_rasm=_rasm(forward),
        name_rasm_rev=_rasm(backward),
        father_sk=_skeleton(record.father_name),
        name_latin=_latin(record),
        sex=None if record.sex is None else record.sex.value,
        age=record.age,
        day=day,
        province=record.province,
        city=record.city,
    )
