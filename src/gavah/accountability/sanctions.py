"""Which officials an existing sanctions list (as FtM entities) already names, and by whom.

Owns :func:`parse_ftm_lines` (FtM JSON lines, or one JSON array, into entities) and
:func:`match_listings` (each official against each listed person or organisation, by name keys
from :mod:`gavah.text`). Two strengths of match: ``exact`` when a name's exact key
(:func:`~gavah.text.name_key`) is shared, in the same script; ``phonetic`` when only the consonant
skeleton (:func:`~gavah.text.consonant_skeleton`, which works across Persian and Latin script and
ignores the order of the name's words) is shared. A phonetic match is a lead for a person to
check, never a finding. The listings come from the list's own ``Sanction`` entities (authority,
programme, dates). No I/O.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gavah.accountability.errors import AccountabilityError
from gavah.model import Official
from gavah.text import consonant_skeleton, name_key

__all__ = ["Listing", "ListingMatch", "match_listings", "name_keys", "parse_ftm_lines"]

_NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
_LISTABLE = frozenset({"Person", "LegalEntity", "Organization", "Company", "PublicBody"})


@dataclass(frozen=True, slots=True)
class Listing:
    """One Sanction entity: who listed the target, under what, since when."""

    authority: str
    program: str
    start: str
    source_url: str


@dataclass(frozen=True, slots=True)
class ListingMatch:
    """An official who matches a listed entity.

    Attributes:
        official: the official.
        entity_id: the listed entity's id in the list.
        listed_name: the name that matched.
        strength: ``exact`` or ``phonetic``.
        listings: the list's Sanction entities about that entity (may be empty when the list
            names the entity without a Sanction, e.g. a related person).
    """

    official: Official
    entity_id: str
    listed_name: str
    strength: str
    listings: tuple[Listing, ...]


def parse_ftm_lines(text: str) -> list[dict[str, Any]]:
    """Entities from FtM JSON lines (one entity per line) or one JSON array.

    Raises:
        AccountabilityError: a line is not JSON or not an entity.
    """
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            loaded = json.loads(stripped)
        except json.JSONDecodeError as err:
            raise AccountabilityError(f"not an FtM JSON array: {err.msg} at {err.pos}") from None
        rows: list[tuple[int, Any]] = list(enumerate(loaded, start=1))
    else:
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                raise AccountabilityError(f"line {number}: not JSON ({err.msg})") from None
    entities = []
    for number, row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("schema"), str) or "id" not in row:
            raise AccountabilityError(f"entry {number}: not an FtM entity (needs id and schema)")
        if not isinstance(row.get("properties", {}), dict):
            raise AccountabilityError(f"entry {number}: its properties are not an object")
        entities.append(row)
    return entities


def _words_skeleton(name: str) -> str:
    words = [w for w in name.replace(",", " ").replace("،", " ").split() if w]
    return " ".join(sorted(consonant_skeleton(w) for w in words if consonant_skeleton(w)))


def name_keys(name: str) -> tuple[str, set[str]]:
    """The exact key of ``name`` and its phonetic keys (whole-name and word-order-free)."""
    phonetic = {consonant_skeleton(name), _words_skeleton(name)} - {""}
    return name_key(name), phonetic


def _values(entity: dict[str, Any], prop: str) -> list[str]:
    values = entity.get("properties", {}).get(prop, [])
    return [v for v in values if isinstance(v, str) and v.strip()]


def match_listings(
    officials: Iterable[Official], entities: Iterable[dict[str, Any]]
) -> list[ListingMatch]:
    """Every official that a listed entity's names match, exact matches first.

    Never raises on odd entities: those without names are skipped.
    """
    entities = list(entities)
    listings: dict[str, list[Listing]] = {}
    for entity in entities:
        if entity["schema"] != "Sanction":
            continue
        listing = Listing(
            authority=", ".join(_values(entity, "authority")) or "unknown authority",
            program=", ".join(_values(entity, "program")),
            start=", ".join(_values(entity, "listingDate") or _values(entity, "startDate")),
            source_url=", ".join(_values(entity, "sourceUrl")),
        )
        for target in _values(entity, "entity"):
            listings.setdefault(target, []).append(listing)
    matches = []
    for official in officials:
        own = [name_keys(n) for n in (official.name_fa, official.name_en) if n]
        exact = {key for key, _ in own if key}
        phonetic = set().union(*(keys for _, keys in own)) if own else set()
        for entity in entities:
            if entity["schema"] not in _LISTABLE:
                continue
            best: tuple[str, str] | None = None
            for prop in _NAME_PROPS:
                for name in _values(entity, prop):
                    key, keys = name_keys(name)
                    if key and key in exact:
                        best = ("exact", name)
                        break
                    if best is None and keys & phonetic:
                        best = ("phonetic", name)
                if best is not None and best[0] == "exact":
                    break
            if best is not None:
                matches.append(
                    ListingMatch(
                        official,
                        str(entity["id"]),
                        best[1],
                        best[0],
                        tuple(listings.get(str(entity["id"]), ())),
                    )
                )
    matches.sort(key=lambda m: (m.strength != "exact", m.official.id, m.entity_id))
    return matches
