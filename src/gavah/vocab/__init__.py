"""gavah.vocab: the shipped vocabulary of Iranian names and places, and a gazetteer over it.

Given names, surnames, the 31 provinces with ISO 3166-2:IR codes and their main cities, as
package data built from general knowledge (common names, administrative geography), never from
any list of victims or real persons. :func:`load_vocabulary` reads it once; :class:`Gazetteer`
matches place names in Persian or Latin script. The data files are regenerated and reviewed with
``scripts/build_vocab.py`` (names) and edited by hand (places).
"""

from __future__ import annotations

from gavah.vocab.gazetteer import Gazetteer
from gavah.vocab.loader import (
    load_gazetteer,
    load_given_names,
    load_provinces,
    load_surnames,
    load_vocabulary,
)
from gavah.vocab.types import City, GivenName, Province, Sex, Surname, Vocabulary

__all__ = [
    "City",
    "Gazetteer",
    "GivenName",
    "Province",
    "Sex",
    "Surname",
    "Vocabulary",
    "load_gazetteer",
    "load_given_names",
    "load_provinces",
    "load_surnames",
    "load_vocabulary",
]
