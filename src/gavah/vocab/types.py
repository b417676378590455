"""Types of the shipped vocabulary: given names, surnames, provinces and cities of Iran.

Owns the shape of the data only; loading lives in ``gavah.vocab.loader``. Everything here is built
from general facts (common Iranian names, administrative geography), never from any list of victims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["City", "GivenName", "Province", "Sex", "Surname", "Vocabulary"]

Sex = Literal["m", "f"]


@dataclass(frozen=True, slots=True)
class GivenName:
    """A given name with its usual Persian spelling and Latin spellings (most common first)."""

    persian: str
    latin: tuple[str, ...]
    sex: Sex
    weight: float
    persian_variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Surname:
    """A family name with its usual Persian spelling and Latin spellings (most common first)."""

    persian: str
    latin: tuple[str, ...]
    weight: float
    persian_variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class City:
    """A city or town, with approximate coordinates (WGS 84) and a relative population weight."""

    persian: str
    latin: tuple[str, ...]
    lat: float
    lon: float
    weight: float
    persian_variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Province:
    """One of Iran's 31 provinces: ISO 3166-2 code, names, population weight and main cities.

    ``cities`` starts with the provincial capital; the rest follow in the order of the data file.
    """

    code: str
    persian: str
    latin: tuple[str, ...]
    weight: float
    cities: tuple[City, ...]
    persian_variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything the synthetic scenario and the gazetteer draw from."""

    given_names: tuple[GivenName, ...]
    surnames: tuple[Surname, ...]
    provinces: tuple[Province, ...]
