"""Claims: structured assertions that a report makes.

Owns :class:`Claim`. Every statement is a claim with a source, not a fact: a regime figure, an NGO
count, a family's report alike. A claim may concern a person, an incident or an act, may carry a
count range, and may support or contradict other claims. How claims are graded is
``gavah.verify``'s business, not this module's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from gavah.model.incident import VictimCount
from gavah.model.rules import check_id, check_mapping, check_text, require, unique
from gavah.model.vocabulary import ClaimKind, ClaimStance

__all__ = ["Claim", "SubjectValue"]

SubjectValue = str | int | float | bool | None
"""A value of a claim's structured subject (JSON scalars)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """An assertion made in a report.

    Attributes:
        id: stable id.
        report_id: the report that makes it.
        kind: what it asserts.
        text: the assertion in words, as the report puts it.
        subject: structured fields of the assertion (e.g. ``{"place": "Abdanan",
            "date": "2026-01-09", "status": "killed"}``), JSON scalars only.
        person_id: the person it is about, if any.
        incident_id: the incident it is about, if any.
        act_id: the act it is about, if any.
        count: the number it asserts, as a range, for count claims.
        supports: ids of claims this one supports.
        contradicts: ids of claims this one contradicts.
        stance: whether the report affirms the assertion or denies it ("nobody was killed in
            Abdanan" is a ``count`` claim of 0–0 that denies, "no force from base 12 was in Azadi
            square" an ``act_occurred`` claim that denies). Only an affirming claim by an
            acknowledging source is an admission; grading reads it, this module does not.
    """

    id: str
    report_id: str
    kind: ClaimKind
    text: str
    subject: Mapping[str, SubjectValue] = field(default_factory=dict, hash=False)
    person_id: str | None = None
    incident_id: str | None = None
    act_id: str | None = None
    count: VictimCount | None = None
    supports: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    stance: ClaimStance = ClaimStance.AFFIRMS

    def __post_init__(self) -> None:
        check_id("claim id", self.id)
        check_id("claim report id", self.report_id)
        require(isinstance(self.kind, ClaimKind), f"unknown claim kind {self.kind!r}")
        require(isinstance(self.stance, ClaimStance), f"unknown claim stance {self.stance!r}")
        check_text("claim text", self.text)
        check_mapping("claim subject", self.subject, (str, int, float, bool))
        object.__setattr__(self, "subject", MappingProxyType(dict(self.subject)))
        for name in ("person_id", "incident_id", "act_id"):
            value = getattr(self, name)
            if value is not None:
                check_id(f"claim {name}", value)
        require(
            self.count is None or isinstance(self.count, VictimCount),
            "a claim's count must be a VictimCount",
        )
        if self.kind in (ClaimKind.COUNT, ClaimKind.NATIONAL_COUNT):
            require(self.count is not None, f"a {self.kind} claim needs a count")
        for name in ("supports", "contradicts"):
            targets = getattr(self, name)
            require(isinstance(targets, tuple), f"claim {name} must be a tuple of ids")
            for target in targets:
                check_id(f"claim {name} target", target)
                require(target != self.id, f"claim {self.id} cannot {name[:-1]} itself")
            unique(f"claim {name}", targets)
        both = set(self.supports) & set(self.contradicts)
        require(not both, f"claim {self.id} both supports and contradicts {sorted(both)}")
