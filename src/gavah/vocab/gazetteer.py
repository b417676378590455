"""Match names of Iran's provinces and cities, as lists and reports write them, to the gazetteer.

Owns the lookup keys for place names and the rules for choosing among candidates. Persian text
may use Arabic letter forms (ي ك), ZWNJ or a space or nothing between parts, and carry a prefix
(``استان``, ``شهر``, ``شهرستان``); Latin text may use any listed spelling, in any case, with
accents, hyphens or spaces, ``and``/``va``/``o`` between parts, the ezafe written or not
(``Shahr-e Kord``, ``Shahr Kord``, ``Shahrekord``), and a ``province``/``ostan``/``city`` word
before or after. Letter normalisation comes from :mod:`gavah.text`; this module does no I/O and
must not guess at places that are not in the gazetteer (no fuzzy edit distance: a wrong place in
a victims register is worse than a missing one).

Lookup runs in tiers and stops at the first hit: the whole text; the text without a prefix or
suffix word; then the same two with a *loose* Latin key that folds common transliteration
variants (``ou``/``oo``/``u``, ``gh``/``q``, ``w``/``v``, ``y``/``i``, doubled letters, a final
``-eh``). A city name that exists in several provinces (``Nurabad`` in Fars and in Lorestan)
resolves to the most populous one unless a province is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, TypeVar

from gavah.text import ZWNJ, normalize_latin, normalize_persian
from gavah.vocab.types import City, Province

__all__ = ["Gazetteer"]
#: Distinct spellings remembered per lookup kind before the cache starts afresh.
_CACHE_MAX = 100_000

_T = TypeVar("_T")

# Words joining two halves of a name: dropped, but keys with them kept are indexed too.
_CONNECTORS = frozenset({"and", "va", "o", "e", "ye", "و"})
# Words that say what kind of place follows or precedes; stripped only if the whole text fails.
_PREFIXES = frozenset(
    {"استان", "شهرستان", "شهر", "province", "ostan", "ostane", "city", "shahr", "shahrestan"}
    | {"county", "town", "of", "the"}
)
_SUFFIXES = frozenset({"province", "ostan", "city", "county", "town", "shahrestan", "استان"})
_NON_WORD = re.compile(r"[^\w]+|_+")
_ISO_CODE = re.compile(r"ir-?(\d\d)")
_LOOSE_RULES = (("ou", "u"), ("oo", "u"), ("gh", "q"), ("w", "v"), ("y", "i"), ("ee", "i"))
_DOUBLED = re.compile(r"(.)\1+")


def _tokens(text: str) -> list[str]:
    # ZWNJ separates words for matching purposes; normalize_latin alone would delete it and fuse
    # the parts, hiding a connector like the و in سیستان‌و‌بلوچستان.
    folded = normalize_latin(normalize_persian(text).replace(ZWNJ, " "))
    return [t for t in _NON_WORD.split(folded) if t and t != "ء"]


def _keys(tokens: list[str]) -> list[str]:
    """Join tokens with and without connector words (both are indexed and both are tried)."""
    kept = "".join(tokens)
    dropped = "".join(t for t in tokens if t not in _CONNECTORS)
    return [k for k in dict.fromkeys((kept, dropped)) if k]


def _loose(key: str) -> str:
    if not key.isascii():
        return key
    key = _DOUBLED.sub(r"\1", key)
    for old, new in _LOOSE_RULES:
        key = key.replace(old, new)
    key = _DOUBLED.sub(r"\1", key)
    return key[:-1] if key.endswith("eh") else key


def _stripped(tokens: list[str]) -> list[str]:
    start, end = 0, len(tokens)
    while start < end and tokens[start] in _PREFIXES:
        start += 1
    while end > start and tokens[end - 1] in _SUFFIXES:
        end -= 1
    return tokens[start:end]


def _query_tiers(text: str) -> list[tuple[bool, list[str]]]:
    """Return ``(loose, keys)`` tiers to try in order for a query."""
    tokens = _tokens(text)
    variants = [tokens]
    stripped = _stripped(tokens)
    if stripped and stripped != tokens:
        variants.append(stripped)
    tiers = [(False, _keys(v)) for v in variants]
    tiers += [(True, [_loose(k) for k in _keys(v)]) for v in variants]
    return tiers


class _Index(Generic[_T]):
    """Keys to candidates, best (most populous) first, with an exact and a loose tier."""

    def __init__(self) -> None:
        self._exact: dict[str, list[tuple[float, int, _T]]] = {}
        self._loose: dict[str, list[tuple[float, int, _T]]] = {}
        self._order = 0

    def add(self, names: Iterable[str], weight: float, value: _T) -> None:
        self._order += 1
        entry = (weight, self._order, value)
        for name in names:
            for key in _keys(_tokens(name)):
                for table, k in ((self._exact, key), (self._loose, _loose(key))):
                    bucket = table.setdefault(k, [])
                    if all(v is not value for _, _, v in bucket):
                        bucket.append(entry)
                        bucket.sort(key=lambda e: (-e[0], e[1]))

    def candidates(self, text: str) -> Iterable[list[_T]]:
        """Yield the candidate lists of each tier that has any, in tier order."""
        for loose, keys in _query_tiers(text):
            table = self._loose if loose else self._exact
            found: list[tuple[float, int, _T]] = []
            for key in keys:
                for entry in table.get(key, ()):
                    if all(v is not entry[2] for _, _, v in found):
                        found.append(entry)
            if found:
                found.sort(key=lambda e: (-e[0], e[1]))
                yield [v for _, _, v in found]

    def ambiguous(self) -> dict[str, list[_T]]:
        """Exact keys that lead to more than one candidate."""
        return {k: [v for _, _, v in b] for k, b in self._exact.items() if len(b) > 1}


class Gazetteer:
    """Provinces and cities of Iran, matchable by any of their Persian or Latin spellings."""

    def __init__(self, provinces: Iterable[Province]) -> None:
        """Index ``provinces`` and their cities by every spelling they list."""
        self._provinces = tuple(provinces)
        self._by_code = {p.code.casefold(): p for p in self._provinces}
        self._province_index: _Index[Province] = _Index()
        self._city_index: _Index[tuple[Province, City]] = _Index()
        for province in self._provinces:
            names = (province.persian, *province.persian_variants, *province.latin)
            self._province_index.add(names, province.weight, province)
            for city in province.cities:
                names = (city.persian, *city.persian_variants, *city.latin)
                self._city_index.add(names, city.weight, (province, city))
        # A list names the same few hundred places over and over: each spelling is looked up
        # once (the lookups are pure; the caches are bounded by _CACHE_MAX).
        self._province_cache: dict[str, Province | None] = {}
        self._city_cache: dict[tuple[str, str | None], tuple[Province, City] | None] = {}

    @property
    def provinces(self) -> tuple[Province, ...]:
        """The provinces, in the order given."""
        return self._provinces

    def match_province(self, text: str) -> Province | None:
        """Return the province ``text`` names (any spelling, or its ISO code), or ``None``."""
        if text in self._province_cache:
            return self._province_cache[text]
        found = self._match_province(text)
        if len(self._province_cache) >= _CACHE_MAX:
            self._province_cache.clear()
        self._province_cache[text] = found
        return found

    def _match_province(self, text: str) -> Province | None:
        code = _ISO_CODE.fullmatch(text.strip().casefold())
        if code:
            return self._by_code.get(f"ir-{code.group(1)}")
        for candidates in self._province_index.candidates(text):
            return candidates[0]
        return None

    def match_city(
        self, text: str, province: Province | str | None = None
    ) -> tuple[Province, City] | None:
        """Return the province and city ``text`` names, or ``None``.

        Without ``province``, a name shared by several provinces' cities resolves to the most
        populous city. With ``province`` (a :class:`Province`, or any text
        :meth:`match_province` accepts) only that province's cities are considered; a province
        text that matches no province gives ``None``.
        """
        if isinstance(province, str):
            province = self.match_province(province)
            if province is None:
                return None
        key = (text, None if province is None else province.code)
        if key in self._city_cache:
            return self._city_cache[key]
        found = self._match_city(text, province)
        if len(self._city_cache) >= _CACHE_MAX:
            self._city_cache.clear()
        self._city_cache[key] = found
        return found

    def _match_city(self, text: str, province: Province | None) -> tuple[Province, City] | None:
        for candidates in self._city_index.candidates(text):
            for found in candidates:
                if province is None or found[0].code == province.code:
                    return found
        return None

    def ambiguous_city_names(self) -> dict[str, list[tuple[Province, City]]]:
        """City lookup keys shared by more than one city, most populous first (for review)."""
        return self._city_index.ambiguous()
