"""Documented counts by grade: named persons of the register plus unnamed victims of count claims.

Owns :class:`NamedVictim`, :class:`Tally`, :class:`CountRow`, :class:`Counts`,
:func:`count_by_grade` and :func:`summary_line`. Every number carries its grade; only confirmed,
fair and weak add up to the documented total, contested and discounted are shown beside it.

How a named victim is never counted twice (the rule ``docs/claims.md`` states):

1. Each named person of the register counts once, under the grade its own support earns: the
   lists that name it (each list's source is a stream) and the claims about it.
2. Each place-and-day quantity (e.g. "killed in Abdanan on 2026-01-09") counts once, through its
   best-graded count claim (ties: the higher minimum, then the smaller claim id).
3. Named persons with the same status, province and day as a count claim, and the same town
   when both name one, are *absorbed* by it, each by at most one claim (quantities in order),
   up to the claim's maximum. The claim then adds only its unnamed remainder:
   ``[max(0, min - absorbed), max(0, max - absorbed)]``.
4. "At least N" (no maximum) adds N to both ends: the upper end grows only on a stated bound.
5. A denial (``Claim.stance`` "denies") documents nobody: it is neither a quantity nor support
   for a named person, though it is graded and can contest (see ``gavah.verify.grading``).

Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from gavah.model.claim import Claim
from gavah.model.incident import Incident
from gavah.model.vocabulary import ClaimKind, ClaimStance
from gavah.verify.board import format_range
from gavah.verify.grading import ClaimGrade, assess
from gavah.verify.policy import GRADE_ORDER, Grade, GradingPolicy
from gavah.verify.quantity import PlaceNormaliser, Quantity, plain_place, quantity_of
from gavah.verify.streams import StreamIndex, Witness

__all__ = [
    "DOCUMENTED",
    "CountRow",
    "Counts",
    "Estimate",
    "GroupBy",
    "NamedVictim",
    "Tally",
    "count_by_grade",
    "summary_line",
]

GroupBy = Literal["province", "date", "event"]

#: The grades that add up to the documented count.
DOCUMENTED: tuple[Grade, ...] = (Grade.CONFIRMED, Grade.FAIR, Grade.WEAK)


@dataclass(frozen=True, slots=True)
class NamedVictim:
    """A person of the register, with where and when it happened and who names them.

    Attributes:
        person_id: the person.
        status: the register's status for them (killed, detained, ...).
        province: province code of the event, or ``""``.
        place: canonical town name, or ``""``.
        date: ISO day of the event, or ``""``.
        witnesses: the list records (and reports) that name them.
    """

    person_id: str
    status: str
    province: str = ""
    place: str = ""
    date: str = ""
    witnesses: tuple[Witness, ...] = ()


@dataclass(slots=True)
class Tally:
    """Named persons plus an unnamed range, under one grade."""

    named: int = 0
    unnamed_low: int = 0
    unnamed_high: int = 0

    @property
    def low(self) -> int:
        """The lower end: named plus unnamed minimum."""
        return self.named + self.unnamed_low

    @property
    def high(self) -> int:
        """The upper end: named plus unnamed maximum."""
        return self.named + self.unnamed_high

    def add(self, other: Tally) -> None:
        """Add ``other`` into this tally."""
        self.named += other.named
        self.unnamed_low += other.unnamed_low
        self.unnamed_high += other.unnamed_high

    def as_json(self) -> dict[str, Any]:
        """The tally as JSON-ready data."""
        return {
            "named": self.named,
            "unnamed": [self.unnamed_low, self.unnamed_high],
            "total": [self.low, self.high],
        }


def _empty() -> dict[Grade, Tally]:
    return {g: Tally() for g in GRADE_ORDER}


@dataclass(slots=True)
class CountRow:
    """The tallies of one group (a province, a day, a status, or everything)."""

    key: str
    tallies: dict[Grade, Tally] = field(default_factory=_empty)

    @property
    def documented(self) -> Tally:
        """Confirmed plus fair plus weak."""
        total = Tally()
        for grade in DOCUMENTED:
            total.add(self.tallies[grade])
        return total

    def as_json(self) -> dict[str, Any]:
        """The row as JSON-ready data."""
        return {
            "key": self.key or None,
            "grades": {g.value: t.as_json() for g, t in self.tallies.items()},
            "documented": self.documented.as_json(),
        }


@dataclass(frozen=True, slots=True)
class QuantityUse:
    """How one place-and-day quantity entered the counts."""

    quantity: Quantity
    claim_id: str
    grade: Grade
    low: int
    high: int | None
    absorbed: int
    others: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """The use as JSON-ready data."""
        return {
            "quantity": self.quantity.label(),
            "claim": self.claim_id,
            "grade": self.grade.value,
            "claimed": [self.low, self.high],
            "named_absorbed": self.absorbed,
            "competing_claims": list(self.others),
        }


@dataclass(frozen=True, slots=True)
class Estimate:
    """A statistical estimate of the total to show beside the documented counts."""

    estimate: float
    low: float
    high: float
    level: float = 0.95
    method: str = ""


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts by grade: the overall row, the rows of ``by``, and how each quantity was used."""

    status: str | None
    by: GroupBy | None
    total: CountRow
    rows: tuple[CountRow, ...]
    quantities: tuple[QuantityUse, ...]
    policy: str
    estimate: Estimate | None = None

    def as_json(self) -> dict[str, Any]:
        """The counts as JSON-ready data."""
        estimate = self.estimate
        return {
            "status": self.status,
            "by": self.by,
            "policy": self.policy,
            "total": self.total.as_json(),
            "rows": [r.as_json() for r in self.rows],
            "quantities": [q.as_json() for q in self.quantities],
            "estimate": None
            if estimate is None
            else {
                "method": estimate.method or None,
                "estimate": estimate.estimate,
                "interval": [estimate.low, estimate.high],
                "level": estimate.level,
            },
            "summary": summary_line(self.total, estimate),
        }


def _key(by: GroupBy | None, status: str, province: str, date: str) -> str:
    if by == "province":
        return province
    if by == "date":
        return date
    if by == "event":
        return status
    return ""


def _named_grade(
    victim: NamedVictim,
    *,
    claims: Sequence[Claim],
    grades: Mapping[str, ClaimGrade],
    index: StreamIndex,
    policy: GradingPolicy,
    witness_of: Mapping[str, Witness],
) -> Grade:
    witnesses = list(victim.witnesses)
    # A denial ("X was not killed") is no support for the person being counted.
    witnesses += [
        witness_of[c.id]
        for c in claims
        if c.id in witness_of and c.stance is not ClaimStance.DENIES
    ]
    grade = assess(witnesses, index, policy).grade
    if any(grades[c.id].grade is Grade.CONTESTED for c in claims if c.id in grades):
        return Grade.CONTESTED
    return grade


def _span(low: int, high: int | None) -> int:
    return low if high is None else high


def count_by_grade(
    *,
    named: Iterable[NamedVictim],
    claims: Iterable[Claim],
    grades: Mapping[str, ClaimGrade],
    witnesses: Mapping[str, Witness],
    incidents: Mapping[str, Incident],
    index: StreamIndex,
    policy: GradingPolicy,
    status: str | None = "killed",
    by: GroupBy | None = None,
    normalise: PlaceNormaliser = plain_place,
    estimate: Estimate | None = None,
) -> Counts:
    """Count named and unnamed victims by grade (see the module docstring for the rule).

    ``witnesses`` maps claim id → the witness its report gives; ``status`` ``None`` counts every
    status (``by="event"`` breaks them down); ``estimate`` is shown beside the counts.
    """
    all_claims = sorted(claims, key=lambda c: c.id)
    about: dict[str, list[Claim]] = {}
    for claim in all_claims:
        if claim.person_id is not None and claim.kind is ClaimKind.PERSON_STATUS:
            about.setdefault(claim.person_id, []).append(claim)
    rows: dict[str, CountRow] = {}
    total = CountRow("")

    def put(key: str, grade: Grade, tally: Tally) -> None:
        rows.setdefault(key, CountRow(key)).tallies[grade].add(tally)
        total.tallies[grade].add(tally)

    # Named persons, waiting to be absorbed by a count claim of their status, province and day.
    waiting: dict[tuple[str, str, str], list[NamedVictim]] = {}
    for victim in sorted(named, key=lambda v: v.person_id):
        if status is not None and victim.status != status:
            continue
        grade = _named_grade(
            victim,
            claims=about.get(victim.person_id, []),
            grades=grades,
            index=index,
            policy=policy,
            witness_of=witnesses,
        )
        put(_key(by, victim.status, victim.province, victim.date), grade, Tally(named=1))
        if victim.province and victim.date:
            waiting.setdefault((victim.status, victim.province, victim.date), []).append(victim)
    # One claim per place-and-day quantity: the best grade, then the higher minimum.
    by_quantity: dict[Quantity, list[Claim]] = {}
    for claim in all_claims:
        if claim.kind is not ClaimKind.COUNT or claim.count is None:
            continue
        if claim.stance is ClaimStance.DENIES:  # a denial documents nobody
            continue
        incident = None if claim.incident_id is None else incidents.get(claim.incident_id)
        quantity = quantity_of(claim, incident, normalise)
        if quantity is None or (status is not None and quantity.status != status):
            continue
        by_quantity.setdefault(quantity, []).append(claim)
    rank = {g: i for i, g in enumerate(GRADE_ORDER)}
    uses: list[QuantityUse] = []
    for quantity, competing in sorted(by_quantity.items()):
        chosen = min(
            competing,
            key=lambda c: (rank[grades[c.id].grade], -(c.count.low if c.count else 0), c.id),
        )
        count = chosen.count
        if count is None:  # pragma: no cover - only claims with a count were collected
            continue
        grade = grades[chosen.id].grade
        pool = waiting.get((quantity.status, quantity.province, quantity.date), [])
        take = _span(count.low, count.high)
        absorbed = [
            v for v in pool if not v.place or not quantity.place or v.place == quantity.place
        ]
        absorbed = absorbed[:take]
        for victim in absorbed:
            pool.remove(victim)
        a = len(absorbed)
        unnamed = Tally(0, max(0, count.low - a), max(0, _span(count.low, count.high) - a))
        put(_key(by, quantity.status, quantity.province, quantity.date), grade, unnamed)
        uses.append(
            QuantityUse(
                quantity,
                chosen.id,
                grade,
                count.low,
                count.high,
                a,
                tuple(c.id for c in competing if c.id != chosen.id),
            )
        )
    ordered = tuple(rows[k] for k in sorted(rows)) if by is not None else ()
    return Counts(status, by, total, ordered, tuple(uses), policy.name, estimate)


def summary_line(total: CountRow, estimate: Estimate | None) -> str:
    """The one-line summary.

    ``Documented and confirmed: N; fair: +M; weak: +K; estimated total: X (95% interval a–b)``.
    """
    t = total.tallies

    def rng(tally: Tally) -> str:
        return format_range(tally.low, tally.high)

    line = (
        f"Documented and confirmed: {rng(t[Grade.CONFIRMED])}; fair: +{rng(t[Grade.FAIR])};"
        f" weak: +{rng(t[Grade.WEAK])}"
    )
    if estimate is None:
        return line + "; estimated total: none yet (run gavah estimate)"
    level = round(estimate.level * 100)
    return (
        f"{line}; estimated total: {estimate.estimate:,.0f}"
        f" ({level}% interval {estimate.low:,.0f}–{estimate.high:,.0f})"
    )
