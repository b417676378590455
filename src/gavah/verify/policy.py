"""The grading policy: explicit, readable proof thresholds, and the five grades.

Owns :class:`Grade` (confirmed, fair, weak, contested, discounted, after Airwars) and
:class:`GradingPolicy`, parsed from the ``[grading]`` table of a TOML document (a workspace's
``gavah.toml`` or a file), with the shipped default in ``data/policy.toml``. Parsing fails closed:
a missing, unknown or out-of-range setting is an error, never a silent default. Must not read
files other than the shipped default, nor know where a workspace keeps its configuration.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any, TypeVar

from gavah.errors import ConfigError
from gavah.model.source import Reliability
from gavah.model.vocabulary import SourceKind

__all__ = [
    "GRADE_ORDER",
    "Grade",
    "GradingPolicy",
    "default_policy",
    "default_policy_text",
    "parse_policy",
    "policy_from_toml",
]


_E = TypeVar("_E", bound=StrEnum)


class Grade(StrEnum):
    """How well a claim is supported (Airwars' civilian-harm grades)."""

    CONFIRMED = "confirmed"
    FAIR = "fair"
    WEAK = "weak"
    CONTESTED = "contested"
    DISCOUNTED = "discounted"


#: Grades from strongest to weakest; documented counts add up the first three.
GRADE_ORDER: tuple[Grade, ...] = (
    Grade.CONFIRMED,
    Grade.FAIR,
    Grade.WEAK,
    Grade.CONTESTED,
    Grade.DISCOUNTED,
)

_SECTIONS: dict[str, frozenset[str]] = {
    "": frozenset(
        {
            "name",
            "credible_reliability",
            "primary_kinds",
            "acknowledging_kinds",
            "confirmed",
            "fair",
            "weak",
            "contested",
        }
    ),
    "confirmed": frozenset({"acknowledged", "min_streams", "min_verified_primary"}),
    "fair": frozenset({"min_streams"}),
    "weak": frozenset({"min_streams"}),
    "contested": frozenset({"min_contradicting_streams"}),
}


@dataclass(frozen=True, slots=True)
class GradingPolicy:
    """The thresholds a claim must meet for each grade (see ``data/policy.toml`` for meanings)."""

    name: str
    credible_reliability: frozenset[Reliability]
    primary_kinds: frozenset[SourceKind]
    acknowledging_kinds: frozenset[SourceKind]
    confirmed_acknowledged: bool
    confirmed_min_streams: int
    confirmed_min_verified_primary: int
    fair_min_streams: int
    weak_min_streams: int
    contested_min_contradicting_streams: int

    def as_mapping(self) -> dict[str, Any]:
        """The policy as a ``[grading]`` table (sorted lists, so equal policies render equally)."""
        return {
            "name": self.name,
            "credible_reliability": sorted(r.value for r in self.credible_reliability),
            "primary_kinds": sorted(k.value for k in self.primary_kinds),
            "acknowledging_kinds": sorted(k.value for k in self.acknowledging_kinds),
            "confirmed": {
                "acknowledged": self.confirmed_acknowledged,
                "min_streams": self.confirmed_min_streams,
                "min_verified_primary": self.confirmed_min_verified_primary,
            },
            "fair": {"min_streams": self.fair_min_streams},
            "weak": {"min_streams": self.weak_min_streams},
            "contested": {"min_contradicting_streams": self.contested_min_contradicting_streams},
        }

    @property
    def digest(self) -> str:
        """SHA-256 of the policy's canonical JSON: equal thresholds, equal digest."""
        text = json.dumps(self.as_mapping(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_keys(table: Mapping[str, Any], section: str) -> None:
    allowed = _SECTIONS[section]
    where = "[grading]" if not section else f"[grading.{section}]"
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(f"{where} has unknown setting(s): {', '.join(unknown)}")
    missing = sorted(allowed - set(table))
    if missing:
        raise ConfigError(f"{where} lacks setting(s): {', '.join(missing)}")


def _table(doc: Mapping[str, Any], section: str) -> Mapping[str, Any]:
    value = doc[section]
    if not isinstance(value, Mapping):
        raise ConfigError(f"[grading.{section}] must be a table")
    _check_keys(value, section)
    return value


def _count(table: Mapping[str, Any], section: str, key: str, minimum: int) -> int:
    value = table[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ConfigError(f"grading.{section}.{key} must be a whole number >= {minimum}")
    return value


def _words(doc: Mapping[str, Any], key: str, enum: type[_E]) -> frozenset[_E]:
    value = doc[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"grading.{key} must be a list of words")
    known = {member.value: member for member in enum}
    bad = sorted(v for v in value if v not in known)
    if bad:
        raise ConfigError(
            f"grading.{key} has unknown value(s) {', '.join(bad)}; known: {', '.join(known)}"
        )
    return frozenset(known[v] for v in value)


def parse_policy(doc: Mapping[str, Any]) -> GradingPolicy:
    """Build a policy from a ``[grading]`` table.

    Raises:
        ConfigError: a setting is missing, unknown, of the wrong type or out of range, or the
            thresholds are inconsistent (fair needing fewer streams than weak).
    """
    if not isinstance(doc, Mapping) or not doc:
        raise ConfigError("the grading policy is empty; an empty policy grades nothing")
    _check_keys(doc, "")
    name = doc["name"]
    if not isinstance(name, str) or not name.strip():
        raise ConfigError("grading.name must be non-empty text")
    confirmed = _table(doc, "confirmed")
    if not isinstance(confirmed["acknowledged"], bool):
        raise ConfigError("grading.confirmed.acknowledged must be true or false")
    policy = GradingPolicy(
        name=name,
        credible_reliability=_words(doc, "credible_reliability", Reliability),
        primary_kinds=_words(doc, "primary_kinds", SourceKind),
        acknowledging_kinds=_words(doc, "acknowledging_kinds", SourceKind),
        confirmed_acknowledged=confirmed["acknowledged"],
        confirmed_min_streams=_count(confirmed, "confirmed", "min_streams", 1),
        confirmed_min_verified_primary=_count(confirmed, "confirmed", "min_verified_primary", 0),
        fair_min_streams=_count(_table(doc, "fair"), "fair", "min_streams", 1),
        weak_min_streams=_count(_table(doc, "weak"), "weak", "min_streams", 1),
        contested_min_contradicting_streams=_count(
            _table(doc, "contested"), "contested", "min_contradicting_streams", 1
        ),
    )
    if policy.fair_min_streams < policy.weak_min_streams:
        raise ConfigError("grading.fair.min_streams must be at least grading.weak.min_streams")
    if not policy.credible_reliability:
        raise ConfigError("grading.credible_reliability is empty: no stream could ever count")
    return policy


def policy_from_toml(text: str, where: str = "policy") -> GradingPolicy:
    """Parse the ``[grading]`` table of TOML ``text`` (``where`` names it in errors).

    Raises:
        ConfigError: the text is not TOML, has no ``[grading]`` table, or the table is invalid.
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{where} is not valid TOML: {err}") from None
    grading = doc.get("grading")
    if not isinstance(grading, Mapping):
        raise ConfigError(f"{where} has no [grading] table")
    try:
        return parse_policy(grading)
    except ConfigError as err:
        raise ConfigError(f"{where}: {err}") from None


def default_policy_text() -> str:
    """The shipped default policy, as TOML text (``gavah/verify/data/policy.toml``)."""
    return resources.files("gavah.verify").joinpath("data/policy.toml").read_text("utf-8")


def default_policy() -> GradingPolicy:
    """The shipped default policy, modelled on Airwars' grading."""
    return policy_from_toml(default_policy_text(), "the default policy")
