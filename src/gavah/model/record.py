"""Records: one row of one source's list, kept verbatim beside its normalised fields.

Owns :class:`Record` and :class:`RecordKey`. A record never changes what the source said: ``raw``
is the row exactly as read (column name → cell text, in the file's column order); the normalised
fields are what ``gavah.register`` derived from it for linkage. Normalising text is
``gavah.text``'s business; this module only holds and checks values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from gavah.errors import InvariantError
from gavah.model.dates import PartialDate, check_date
from gavah.model.rules import check_id, check_mapping, check_optional_text, check_text
from gavah.model.vocabulary import PersonStatus, Sex

__all__ = ["MAX_AGE", "MAX_RECORD_ID_LENGTH", "Record", "RecordKey"]

#: Oldest age a record may state; anything above is a data error, not a person.
MAX_AGE = 130
#: Longest record id accepted (the store's column width).
MAX_RECORD_ID_LENGTH = 200
#: Longest province code (ISO 3166-2 codes such as ``IR-23`` are far shorter).
_MAX_PROVINCE_LENGTH = 16
_TEXT_FIELDS = (
    "full_name",
    "latin_key",
    "skeleton",
    "given_name",
    "family_name",
    "father_name",
    "province",
    "city",
)


@dataclass(frozen=True, slots=True, order=True)
class RecordKey:
    """What identifies a record: its source and its id within that source."""

    source_id: str
    record_id: str


@dataclass(frozen=True, slots=True)
class Record:
    """One row of a source's list of persons.

    Attributes:
        source_id: the source whose list this row comes from.
        record_id: the row's id, unique within the source, verbatim from the list.
        raw: the row as read, column name → cell text, in column order.
        full_name: the full name in normalised Persian script (if it could be derived).
        latin_key: a Latin-script key of the full name for cross-script comparison.
        skeleton: the consonant skeleton of the full name (for blocking).
        given_name: normalised given name.
        family_name: normalised family name.
        father_name: normalised father's given name.
        sex: sex, when stated.
        age: age in years, when stated.
        event_date: date of the event the row reports, to a precision.
        event: what the row reports happened to the person.
        province: province code (ISO 3166-2, e.g. ``IR-23``).
        city: city name as matched to the gazetteer (or as given).
        revision: 1 on first import; raised each time a re-import changes the row.
    """

    source_id: str
    record_id: str
    raw: Mapping[str, str] = field(default_factory=dict, hash=False)
    full_name: str | None = None
    latin_key: str | None = None
    skeleton: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    father_name: str | None = None
    sex: Sex | None = None
    age: int | None = None
    event_date: PartialDate | None = None
    event: PersonStatus | None = None
    province: str | None = None
    city: str | None = None
    revision: int = 1

    def __post_init__(self) -> None:
        # Messages are built only on failure: this runs for every record read from storage.
        check_id("record source id", self.source_id)
        check_text("record id", self.record_id)
        if not self.record_id.strip():
            raise InvariantError("a record needs a record_id")
        if len(self.record_id) > MAX_RECORD_ID_LENGTH:
            raise InvariantError(f"record_id is longer than {MAX_RECORD_ID_LENGTH} characters")
        check_mapping("record raw row", self.raw, (str,))
        if None in self.raw.values():
            raise InvariantError(
                f"record {self.record_id!r}: raw cells must be text (empty cells are '')"
            )
        # Freeze a private copy so the caller's dict cannot change the record afterwards.
        object.__setattr__(self, "raw", MappingProxyType(dict(self.raw)))
        for name in _TEXT_FIELDS:
            check_optional_text(name, getattr(self, name))
        if self.province is not None and len(self.province) > _MAX_PROVINCE_LENGTH:
            raise InvariantError(f"province code {self.province!r:.40} is too long")
        if self.sex is not None and not isinstance(self.sex, Sex):
            raise InvariantError(f"unknown sex {self.sex!r}")
        if self.event is not None and not isinstance(self.event, PersonStatus):
            raise InvariantError(f"unknown event {self.event!r}")
        if self.age is not None:
            if not isinstance(self.age, int) or isinstance(self.age, bool):
                raise InvariantError("age must be a whole number of years")
            if not 0 <= self.age <= MAX_AGE:
                raise InvariantError(f"age {self.age} is outside 0-{MAX_AGE}")
        check_date("event_date", self.event_date)
        if not isinstance(self.revision, int) or self.revision < 1:
            raise InvariantError("revision must be at least 1")

    @property
    def key(self) -> RecordKey:
        """The record's identity: (source id, record id)."""
        return RecordKey(self.source_id, self.record_id)

    def same_content(self, other: Record) -> bool:
        """Whether ``other`` holds the same row and fields (column order counts; revision not)."""
        return (
            self.key == other.key
            and dict(self.raw) == dict(other.raw)
            and list(self.raw) == list(other.raw)
            and _fields(self) == _fields(other)
        )


def _fields(record: Record) -> tuple[object, ...]:
    return (
        record.full_name,
        record.latin_key,
        record.skeleton,
        record.given_name,
        record.family_name,
        record.father_name,
        record.sex,
        record.age,
        record.event_date,
        record.event,
        record.province,
        record.city,
    )
