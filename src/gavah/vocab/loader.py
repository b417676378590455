"""Load and validate the shipped vocabulary: given names, surnames, provinces and cities of Iran.

Owns reading the CSV files that ship as package data under ``gavah/vocab/data`` (through
:mod:`importlib.resources`, never a path relative to the working directory) and checking every
row before it becomes a value: a bad row raises :class:`~gavah.errors.ParseError` naming the file
and line. The ``parse_*`` functions are pure (text in, values out) so they can be tested on any
text; the ``load_*`` functions read the package data once and cache the result. This module must
not normalise or match names: that is :mod:`gavah.text` and :mod:`gavah.vocab.gazetteer`.

Files and columns (UTF-8, header row, ``|`` separates several values in one cell):

- ``given_names.csv``: ``persian,latin,sex,weight,persian_variants``
- ``surnames.csv``: ``persian,latin,weight,persian_variants``
- ``provinces.csv``: ``code,persian,latin,weight,capital,persian_variants``
- ``cities.csv``: ``province_code,persian,latin,lat,lon,weight,persian_variants``

``latin`` lists the usual Latin spellings, most common first; ``weight`` is a relative frequency
(names) or population (places, thousands); ``capital`` names the province's capital by its
Persian form, which is put first in :attr:`Province.cities`.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from gavah.errors import ParseError
from gavah.vocab.gazetteer import Gazetteer
from gavah.vocab.types import City, GivenName, Province, Sex, Surname, Vocabulary

__all__ = [
    "CITIES_FILE",
    "GIVEN_NAMES_FILE",
    "IRAN_LAT_RANGE",
    "IRAN_LON_RANGE",
    "PROVINCES_FILE",
    "SURNAMES_FILE",
    "is_latin_spelling",
    "is_persian_form",
    "load_gazetteer",
    "load_given_names",
    "load_provinces",
    "load_surnames",
    "load_vocabulary",
    "parse_given_names",
    "parse_provinces",
    "parse_surnames",
]

GIVEN_NAMES_FILE = "given_names.csv"
SURNAMES_FILE = "surnames.csv"
PROVINCES_FILE = "provinces.csv"
CITIES_FILE = "cities.csv"
_DATA_PACKAGE = "gavah.vocab"
_DATA_DIR = "data"

# A rough bounding box of Iran (WGS 84): 25.0-39.8 N, 44.0-63.3 E, rounded outwards.
IRAN_LAT_RANGE = (25.0, 40.0)
IRAN_LON_RANGE = (44.0, 64.0)

_GIVEN_COLUMNS = ("persian", "latin", "sex", "weight", "persian_variants")
_SURNAME_COLUMNS = ("persian", "latin", "weight", "persian_variants")
_PROVINCE_COLUMNS = ("code", "persian", "latin", "weight", "capital", "persian_variants")
_CITY_COLUMNS = ("province_code", "persian", "latin", "lat", "lon", "weight", "persian_variants")

_LATIN_SPELLING = re.compile(r"[A-Za-z](?:[A-Za-z' -]*[A-Za-z])?")
_ISO_CODE = re.compile(r"IR-\d\d")
_ZWNJ = "\u200c"
# Persian letters, plus the hamza forms Persian uses (ء أ ؤ ئ). Excluded on purpose: Arabic yeh
# ي (U+064A), alef maksura ى (U+0649), kaf ك (U+0643) and teh marbuta ة (U+0629): the shipped
# data is written with Persian letter forms, and the synthetic generator derives the Arabic ones.
_PERSIAN_LETTERS = frozenset("ءآأؤئابتثجحخدذرزسشصضطظعغفقلمنهوپچژکگی")


def is_persian_form(text: str) -> bool:
    """Return whether ``text`` is a Persian-script name written with Persian letter forms.

    Letters only, words separated by single spaces or ZWNJ between two letters; no Arabic yeh,
    kaf, alef maksura or teh marbuta, no harakat, digits or Latin.
    """
    if not text or text != text.strip() or "  " in text:
        return False
    for i, char in enumerate(text):
        if char in (" ", _ZWNJ):
            if i == 0 or i == len(text) - 1 or text[i + 1] in (" ", _ZWNJ):
                return False
        elif char not in _PERSIAN_LETTERS:
            return False
    return True


def is_latin_spelling(text: str) -> bool:
    """Return whether ``text`` is a Latin spelling of ASCII letters, spaces, hyphens, apostrophes.

    It must start and end with a letter (``Ja'far``, ``Mohammad-Reza``, ``Sistan and Baluchestan``).
    """
    return _LATIN_SPELLING.fullmatch(text) is not None


class _Row:
    """One CSV row with its file and line, able to check and convert its own cells."""

    def __init__(self, source: str, line: int, cells: dict[str, str]) -> None:
        self.source = source
        self.line = line
        self.cells = cells

    def error(self, problem: str) -> ParseError:
        return ParseError(f"{self.source}, line {self.line}: {problem}")

    def text(self, column: str) -> str:
        value = self.cells[column].strip()
        if not value:
            raise self.error(f"{column} is empty")
        return value

    def persian(self, column: str) -> str:
        value = self.text(column)
        if not is_persian_form(value):
            raise self.error(f"{column} {value!r} is not Persian script with Persian letter forms")
        return value

    def persian_list(self, column: str) -> tuple[str, ...]:
        raw = self.cells[column].strip()
        values = tuple(raw.split("|")) if raw else ()
        for value in values:
            if not is_persian_form(value):
                raise self.error(
                    f"{column} {value!r} is not Persian script with Persian letter forms"
                )
        if len(set(values)) != len(values):
            raise self.error(f"{column} repeats a spelling")
        return values

    def latin(self, column: str) -> tuple[str, ...]:
        values = tuple(self.text(column).split("|"))
        for value in values:
            if not is_latin_spelling(value):
                raise self.error(
                    f"{column} {value!r} is not ASCII letters, spaces, hyphens, apostrophes"
                )
        if len(set(values)) != len(values):
            raise self.error(f"{column} repeats a spelling")
        return values

    def number(self, column: str, low: float = 0.0, high: float = math.inf) -> float:
        raw = self.text(column)
        try:
            value = float(raw)
        except ValueError:
            raise self.error(f"{column} {raw!r} is not a number") from None
        if not math.isfinite(value):
            raise self.error(f"{column} {raw!r} is not a finite number")
        if not low <= value <= high:
            raise self.error(f"{column} {raw} is outside {low:g}..{high:g}")
        return value

    def weight(self) -> float:
        value = self.number("weight", -math.inf)
        if value <= 0:
            raise self.error(f"weight {value:g} is not positive")
        return value


def _rows(text: str, source: str, columns: tuple[str, ...]) -> Iterator[_Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = tuple(reader.fieldnames or ())
        if header != columns:
            raise ParseError(
                f"{source}, line 1: columns are {','.join(header) or '(none)'}, "
                f"expected {','.join(columns)}"
            )
        for cells in reader:
            if None in cells or any(v is None for v in cells.values()):
                raise ParseError(f"{source}, line {reader.line_num}: expected {len(columns)} cells")
            yield _Row(source, reader.line_num, cells)
    except csv.Error as err:
        raise ParseError(f"{source}, line {reader.line_num}: {err}") from err


class _UniqueForms:
    """Guards that no Persian spelling is used by two entries of one file."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def claim(self, row: _Row, forms: tuple[str, ...]) -> None:
        if len(set(forms)) != len(forms):
            raise row.error("a Persian variant repeats the main spelling")
        for form in forms:
            if form in self._seen:
                raise row.error(f"Persian form {form!r} already used on line {self._seen[form]}")
            self._seen[form] = row.line


def parse_given_names(text: str, source: str = GIVEN_NAMES_FILE) -> tuple[GivenName, ...]:
    """Parse and validate the given-names CSV.

    Raises:
        ParseError: a header, cell or row is malformed, or a Persian form is used twice.
    """
    names: list[GivenName] = []
    unique = _UniqueForms()
    for row in _rows(text, source, _GIVEN_COLUMNS):
        persian = row.persian("persian")
        variants = row.persian_list("persian_variants")
        unique.claim(row, (persian, *variants))
        raw_sex = row.text("sex")
        if raw_sex not in ("m", "f"):
            raise row.error(f"sex {raw_sex!r} is not m or f")
        sex: Sex = "m" if raw_sex == "m" else "f"
        names.append(GivenName(persian, row.latin("latin"), sex, row.weight(), variants))
    if not names:
        raise ParseError(f"{source}: no rows")
    return tuple(names)


def parse_surnames(text: str, source: str = SURNAMES_FILE) -> tuple[Surname, ...]:
    """Parse and validate the surnames CSV.

    Raises:
        ParseError: a header, cell or row is malformed, or a Persian form is used twice.
    """
    names: list[Surname] = []
    unique = _UniqueForms()
    for row in _rows(text, source, _SURNAME_COLUMNS):
        persian = row.persian("persian")
        variants = row.persian_list("persian_variants")
        unique.claim(row, (persian, *variants))
        names.append(Surname(persian, row.latin("latin"), row.weight(), variants))
    if not names:
        raise ParseError(f"{source}: no rows")
    return tuple(names)


def _parse_cities(text: str, source: str, codes: set[str]) -> dict[str, list[City]]:
    by_province: dict[str, list[City]] = {code: [] for code in codes}
    unique: dict[str, _UniqueForms] = {code: _UniqueForms() for code in codes}
    for row in _rows(text, source, _CITY_COLUMNS):
        code = row.text("province_code")
        if code not in codes:
            raise row.error(f"province_code {code!r} is not in {PROVINCES_FILE}")
        persian = row.persian("persian")
        variants = row.persian_list("persian_variants")
        unique[code].claim(row, (persian, *variants))
        city = City(
            persian=persian,
            latin=row.latin("latin"),
            lat=row.number("lat", *IRAN_LAT_RANGE),
            lon=row.number("lon", *IRAN_LON_RANGE),
            weight=row.weight(),
            persian_variants=variants,
        )
        by_province[code].append(city)
    return by_province


def parse_provinces(
    provinces_text: str,
    cities_text: str,
    provinces_source: str = PROVINCES_FILE,
    cities_source: str = CITIES_FILE,
) -> tuple[Province, ...]:
    """Parse and validate the provinces CSV and the cities CSV into provinces with their cities.

    Each province's cities start with its capital, then follow the cities file's order. City names
    must be unique within a province; the same name in two provinces is allowed (it happens).

    Raises:
        ParseError: a header, cell or row is malformed, a code or name repeats, a city names an
            unknown province, a coordinate is outside Iran, or a capital is not among the cities.
    """
    heads: list[tuple[_Row, str, str, tuple[str, ...], float, str, tuple[str, ...]]] = []
    codes: set[str] = set()
    unique = _UniqueForms()
    for row in _rows(provinces_text, provinces_source, _PROVINCE_COLUMNS):
        code = row.text("code")
        if not _ISO_CODE.fullmatch(code):
            raise row.error(f"code {code!r} is not an ISO 3166-2:IR code like IR-23")
        if code in codes:
            raise row.error(f"code {code} is used twice")
        codes.add(code)
        persian = row.persian("persian")
        variants = row.persian_list("persian_variants")
        unique.claim(row, (persian, *variants))
        capital = row.persian("capital")
        heads.append((row, code, persian, row.latin("latin"), row.weight(), capital, variants))
    if not heads:
        raise ParseError(f"{provinces_source}: no rows")
    cities = _parse_cities(cities_text, cities_source, codes)
    provinces: list[Province] = []
    for row, code, persian, latin, weight, capital, variants in heads:
        own = cities[code]
        first = [c for c in own if c.persian == capital]
        if not first:
            raise row.error(f"capital {capital!r} is not a city of {code} in {cities_source}")
        ordered = (*first, *(c for c in own if c.persian != capital))
        provinces.append(Province(code, persian, latin, weight, ordered, variants))
    return tuple(provinces)


def _read(name: str) -> str:
    try:
        return resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR, name).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError) as err:
        raise ParseError(f"{name}: cannot read the shipped vocabulary file ({err})") from err


@cache
def load_given_names() -> tuple[GivenName, ...]:
    """Return the shipped given names (read once, then cached).

    Raises:
        ParseError: the shipped file is missing or invalid (a broken installation).
    """
    return parse_given_names(_read(GIVEN_NAMES_FILE), GIVEN_NAMES_FILE)


@cache
def load_surnames() -> tuple[Surname, ...]:
    """Return the shipped surnames (read once, then cached).

    Raises:
        ParseError: the shipped file is missing or invalid (a broken installation).
    """
    return parse_surnames(_read(SURNAMES_FILE), SURNAMES_FILE)


@cache
def load_provinces() -> tuple[Province, ...]:
    """Return the 31 provinces with their main cities (read once, then cached).

    Raises:
        ParseError: a shipped file is missing or invalid (a broken installation).
    """
    return parse_provinces(_read(PROVINCES_FILE), _read(CITIES_FILE))


@cache
def load_vocabulary() -> Vocabulary:
    """Return the whole shipped vocabulary (read once, then cached).

    Raises:
        ParseError: a shipped file is missing or invalid (a broken installation).
    """
    return Vocabulary(load_given_names(), load_surnames(), load_provinces())


@cache
def load_gazetteer() -> Gazetteer:
    """Return a :class:`Gazetteer` over the shipped provinces and cities (built once).

    Raises:
        ParseError: a shipped file is missing or invalid (a broken installation).
    """
    return Gazetteer(load_provinces())
