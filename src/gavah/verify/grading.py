"""Grading claims under a policy, deterministically, with an explanation for each grade.

Owns :func:`assess` (the grade one body of support earns from its streams alone) and
:func:`grade_claims` (every claim of a workspace). Claims joined by "supports" links assert the
same fact and form one support group; they share a grade. The grade is found in two steps, so no
loop of contradictions can make it depend on the order of the input:

1. **Base grade** of each group from its independent streams (see :func:`assess`): confirmed
   (acknowledged by an authority, or enough credible streams with verified primary evidence),
   fair, weak, or discounted (unsupported: too few credible streams). Only an *admission* (an
   affirming claim by an acknowledging source) is an acknowledgement; an authority's *denial*
   (``Claim.stance`` "denies") is graded by the ordinary stream rules, so alone it is weak at best.
2. **Contradictions**, judged against the other group's *base* grade: a group contradicted by a
   group confirmed on evidence (not on acknowledgement alone) is discounted unless it is itself
   confirmed; a group contradicted by a group with at least ``contested.min_contradicting_streams``
   credible streams is contested, unless it is confirmed and the other is not. An unsupported
   group stays discounted: disagreeing with it cannot raise it to contested. **The denial rule**:
   against a group with at least ``fair.min_streams`` credible streams, the other group is judged
   without its self-serving denial streams, so an authority's denial on its own can neither
   contest nor discount a claim that independent credible streams support.

Pure: values in, values out; the same input always gives the same grades and explanations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gavah.model.claim import Claim
from gavah.model.source import Report, Source
from gavah.model.vocabulary import ClaimStance
from gavah.verify.policy import Grade, GradingPolicy
from gavah.verify.streams import Stream, StreamIndex, Witness

__all__ = [
    "Assessment",
    "ClaimGrade",
    "Contradiction",
    "Explanation",
    "assess",
    "claim_witness",
    "grade_claims",
    "support_groups",
]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The base grade a body of support earns from its streams alone."""

    grade: Grade
    rule: str
    streams: tuple[Stream, ...]
    by_evidence: bool
    without_denials: Assessment | None = None

    @property
    def credible_streams(self) -> int:
        """How many of its streams count."""
        return sum(1 for s in self.streams if s.credible)

    @property
    def denials(self) -> tuple[str, ...]:
        """Names of its self-serving denial streams (an authority denying), sorted."""
        return tuple(sorted(s.name for s in self.streams if s.denying))


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A contradiction with another claim and what it did to the grade."""

    claim_id: str
    other_grade: Grade
    other_streams: int
    effect: str  # "discounted" | "contested" | "none"
    reason: str

    def as_json(self) -> dict[str, Any]:
        """The contradiction as JSON-ready data."""
        return {
            "claim": self.claim_id,
            "other_base_grade": self.other_grade.value,
            "other_credible_streams": self.other_streams,
            "effect": self.effect,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a claim has its grade: the rule, the streams that counted and did not, contradictions."""

    grade: Grade
    rule: str
    group: tuple[str, ...]
    streams: tuple[Stream, ...]
    contradictions: tuple[Contradiction, ...]

    def as_json(self) -> dict[str, Any]:
        """The explanation as JSON-ready data."""
        return {
            "grade": self.grade.value,
            "rule": self.rule,
            "support_group": list(self.group),
            "streams": [s.as_json() for s in self.streams],
            "contradictions": [c.as_json() for c in self.contradictions],
        }

    def lines(self) -> list[str]:
        """The explanation in words, one line per point."""
        out = [f"{self.grade.value}: {self.rule}"]
        if len(self.group) > 1:
            out.append(f"asserted together by claims {', '.join(self.group)}")
        for s in self.streams:
            mark = "counted" if s.credible else "not counted"
            via = f" via {', '.join(s.speakers)}" if s.speakers != (s.name,) else ""
            extra = "; verified primary evidence" if s.verified_primary else ""
            out.append(f"stream '{s.name}'{via}: {mark} ({s.reason}{extra})")
        for c in self.contradictions:
            out.append(f"contradicted by {c.claim_id}: {c.effect} ({c.reason})")
        return out


@dataclass(frozen=True, slots=True)
class ClaimGrade:
    """A claim's grade and its explanation."""

    claim_id: str
    grade: Grade
    explanation: Explanation


def assess(witnesses: Iterable[Witness], index: StreamIndex, policy: GradingPolicy) -> Assessment:
    """The base grade of the support ``witnesses`` give, from their independent streams.

    When some streams are self-serving denials, ``without_denials`` is the grade the rest earn.
    """
    streams = index.streams(witnesses, policy)
    found = _grade(streams, policy)
    if not any(s.denying for s in streams):
        return found
    rest = _grade(tuple(s for s in streams if not s.denying), policy)
    names = ", ".join(found.denials)
    rule = (
        f"{found.rule}; {names}: a denial by an authority or perpetrator, which is not an"
        " admission and counts as an ordinary stream (the denial rule)"
    )
    return Assessment(found.grade, rule, streams, found.by_evidence, without_denials=rest)


def _grade(streams: tuple[Stream, ...], policy: GradingPolicy) -> Assessment:
    credible = [s for s in streams if s.credible]
    n = len(credible)
    verified = sum(1 for s in credible if s.verified_primary)
    acknowledged = [s for s in streams if s.acknowledging]
    if n >= policy.confirmed_min_streams and verified >= policy.confirmed_min_verified_primary:
        rule = (
            f"{n} independent credible stream(s), {verified} with verified primary evidence"
            f" (confirmed needs {policy.confirmed_min_streams} and"
            f" {policy.confirmed_min_verified_primary})"
        )
        return Assessment(Grade.CONFIRMED, rule, streams, by_evidence=True)
    if policy.confirmed_acknowledged and acknowledged:
        names = ", ".join(s.name for s in acknowledged)
        rule = f"acknowledged by {names} (an admission by an authority or perpetrator)"
        return Assessment(Grade.CONFIRMED, rule, streams, by_evidence=False)
    if n >= policy.fair_min_streams:
        rule = f"{n} independent credible streams (fair needs {policy.fair_min_streams})"
        return Assessment(Grade.FAIR, rule, streams, by_evidence=False)
    if n >= policy.weak_min_streams:
        rule = (
            f"{n} credible stream(s): fewer than fair needs ({policy.fair_min_streams}),"
            f" at least what weak needs ({policy.weak_min_streams})"
        )
        return Assessment(Grade.WEAK, rule, streams, by_evidence=False)
    rule = f"unsupported: {n} credible stream(s), weak needs {policy.weak_min_streams}"
    return Assessment(Grade.DISCOUNTED, rule, streams, by_evidence=False)


def claim_witness(claim: Claim, report: Report | None) -> Witness:
    """The witness a claim's report gives (an unknown report: its own unknown source)."""
    label = f"report {claim.report_id} (claim {claim.id})"
    denies = claim.stance is ClaimStance.DENIES
    if report is None:
        return Witness(label=label, source_id=f"?report:{claim.report_id}", denies=denies)
    return Witness(
        label=label,
        source_id=report.source_id,
        relays_source_id=report.relays_source_id,
        evidence_verified=report.evidence_verified,
        denies=denies,
    )


def support_groups(claims: Sequence[Claim]) -> dict[str, tuple[str, ...]]:
    """Claim id → the sorted ids of its support group (claims joined by "supports" links)."""
    parent = {c.id: c.id for c in claims}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for claim in claims:
        for target in claim.supports:
            if target in parent:
                a, b = find(claim.id), find(target)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for claim in claims:
        members.setdefault(find(claim.id), []).append(claim.id)
    return {cid: tuple(sorted(members[find(cid)])) for cid in parent}


def _contradiction(
    mine: Assessment, other_id: str, other: Assessment, policy: GradingPolicy
) -> Contradiction:
    found = _judge(mine, other_id, other, policy)
    rest = other.without_denials
    if found.effect == "none" or rest is None or mine.credible_streams < policy.fair_min_streams:
        return found
    without = _judge(mine, other_id, rest, policy)
    if without.effect != "none":
        return without
    return Contradiction(
        other_id,
        other.grade,
        other.credible_streams,
        "none",
        f"the disagreement rests on a denial by {', '.join(other.denials)}: an authority's denial"
        f" cannot on its own contest or discount a claim {mine.credible_streams} independent"
        " credible streams support (the denial rule)",
    )


def _judge(
    mine: Assessment, other_id: str, other: Assessment, policy: GradingPolicy
) -> Contradiction:
    n = other.credible_streams
    if mine.grade is Grade.DISCOUNTED:
        return Contradiction(
            other_id, other.grade, n, "none", "it is unsupported already; disagreement adds nothing"
        )
    if other.grade is Grade.CONFIRMED and other.by_evidence and mine.grade is not Grade.CONFIRMED:
        return Contradiction(
            other_id, other.grade, n, "discounted", "shown false by a claim confirmed on evidence"
        )
    if mine.grade is Grade.CONFIRMED and other.grade is not Grade.CONFIRMED:
        return Contradiction(
            other_id, other.grade, n, "none", f"a {other.grade.value} claim does not outweigh it"
        )
    need = policy.contested_min_contradicting_streams
    if n >= need:
        return Contradiction(
            other_id, other.grade, n, "contested", f"{n} credible stream(s) disagree (>= {need})"
        )
    return Contradiction(
        other_id, other.grade, n, "none", f"only {n} credible stream(s) disagree (< {need})"
    )


def grade_claims(
    sources: Iterable[Source],
    reports: Iterable[Report],
    claims: Iterable[Claim],
    policy: GradingPolicy,
) -> dict[str, ClaimGrade]:
    """Grade every claim under ``policy``; claim id → grade with explanation, sorted by id.

    Links to claims not in ``claims`` are ignored (the store does not allow them).
    """
    index = StreamIndex(sources)
    by_report: Mapping[str, Report] = {r.id: r for r in reports}
    ordered = sorted(claims, key=lambda c: c.id)
    by_id = {c.id: c for c in ordered}
    groups = support_groups(ordered)
    base: dict[tuple[str, ...], Assessment] = {}
    for group in sorted(set(groups.values())):
        witnesses = [claim_witness(by_id[c], by_report.get(by_id[c].report_id)) for c in group]
        base[group] = assess(witnesses, index, policy)
    # Contradiction pairs between groups, from either side's link, each named by the other claim.
    against: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}
    for claim in ordered:
        for target in claim.contradicts:
            if target not in by_id:
                continue
            mine, theirs = groups[claim.id], groups[target]
            against.setdefault(mine, {})[target] = theirs
            against.setdefault(theirs, {})[claim.id] = mine
    results: dict[str, ClaimGrade] = {}
    for group, assessment in base.items():
        notes: list[Contradiction] = []
        for other_id, other_group in sorted(against.get(group, {}).items()):
            if other_group == group:
                notes.append(
                    Contradiction(
                        other_id,
                        assessment.grade,
                        assessment.credible_streams,
                        "contested",
                        "claims of one support group contradict each other",
                    )
                )
                continue
            notes.append(_contradiction(assessment, other_id, base[other_group], policy))
        grade, rule = assessment.grade, assessment.rule
        if any(n.effect == "discounted" for n in notes):
            grade, rule = Grade.DISCOUNTED, f"shown false ({rule})"
        elif any(n.effect == "contested" for n in notes):
            grade, rule = Grade.CONTESTED, f"credible streams disagree ({rule})"
        explanation = Explanation(grade, rule, group, assessment.streams, tuple(notes))
        for claim_id in group:
            results[claim_id] = ClaimGrade(claim_id, grade, explanation)
    return dict(sorted(results.items()))
