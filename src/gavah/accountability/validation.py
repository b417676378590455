"""Whether a structure holds together.

Owns :func:`find_problems` (every problem, as :class:`~gavah.accountability.errors.Problem`) and
:func:`verify_structure` (raises them together). The checks: ids are unique per kind; every unit,
official and organisation referred to exists; no period ends before it starts; a commanding post
of a unit has one holder at a time (periods that certainly overlap, see
:meth:`~gavah.accountability.periods.Period.certainly_overlaps`, are an error; a handover within
a month known only to the month is not); a unit has one parent at a time; and the hierarchy has
no cycle at any date. No I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from gavah.accountability.errors import Problem, StructureError
from gavah.accountability.periods import Coverage, Period
from gavah.accountability.structure import Posting, Structure, UnitParent

__all__ = ["find_problems", "parent_at", "verify_structure"]


def _duplicates(kind: str, ids: Iterable[str]) -> list[Problem]:
    counts = Counter(ids)
    return [
        Problem("duplicate-id", f"{kind} id {key!r} is used {n} times", f"{kind} {key}")
        for key, n in sorted(counts.items())
        if n > 1
    ]


def _periods(structure: Structure) -> list[Problem]:
    problems = []
    records: list[tuple[str, str, Period]] = [
        *(("posting", p.id, p.period) for p in structure.postings),
        *(("unit relation", r.id, r.period) for r in structure.parents),
        *(("organisation relation", r.id, r.period) for r in structure.org_relations),
    ]
    for kind, key, period in records:
        if period.ends_before_start and period.start is not None and period.end is not None:
            problems.append(
                Problem(
                    "ends-before-start",
                    f"ends ({period.end.isoformat()}) before it starts"
                    f" ({period.start.isoformat()})",
                    f"{kind} {key}",
                )
            )
    return problems


def _references(structure: Structure) -> list[Problem]:
    units = {unit.id for unit in structure.units}
    officials = {official.id for official in structure.officials}
    orgs = {org.id for org in structure.organizations}
    problems = []
    for posting in structure.postings:
        where = f"posting {posting.id}"
        if posting.unit_id not in units:
            problems.append(Problem("unknown-unit", f"unknown unit {posting.unit_id!r}", where))
        if posting.official_id not in officials:
            message = f"unknown official {posting.official_id!r}"
            problems.append(Problem("unknown-official", message, where))
    for relation in structure.parents:
        where = f"unit relation {relation.id}"
        for unit_id in (relation.unit_id, relation.parent_id):
            if unit_id not in units:
                problems.append(Problem("unknown-unit", f"unknown unit {unit_id!r}", where))
        if relation.unit_id == relation.parent_id:
            message = f"unit {relation.unit_id!r} cannot be its own parent"
            problems.append(Problem("hierarchy-cycle", message, where))
    for org_relation in structure.org_relations:
        where = f"organisation relation {org_relation.id}"
        if org_relation.org_id not in orgs:
            message = f"unknown organisation {org_relation.org_id!r}"
            problems.append(Problem("unknown-organisation", message, where))
        if org_relation.target_id not in units | orgs:
            message = f"unknown unit or organisation {org_relation.target_id!r}"
            problems.append(Problem("unknown-unit", message, where))
    return problems


def _overlaps(postings: Iterable[Posting]) -> list[Problem]:
    by_unit: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        if posting.commands and not posting.period.ends_before_start:
            by_unit[posting.unit_id].append(posting)
    problems = []
    for unit_id, held in sorted(by_unit.items()):
        held.sort(key=lambda p: (p.period.earliest(), p.id))
        for index, first in enumerate(held):
            for second in held[index + 1 :]:
                if first.period.certainly_overlaps(second.period):
                    problems.append(
                        Problem(
                            "overlapping-holders",
                            f"the command of unit {unit_id!r} is held by {first.official_id!r}"
                            f" ({first.period.describe()}) and {second.official_id!r}"
                            f" ({second.period.describe()}) at the same time",
                            f"posting {second.id}",
                        )
                    )
    return problems


def _two_parents(parents: Iterable[UnitParent]) -> list[Problem]:
    by_unit: dict[str, list[UnitParent]] = defaultdict(list)
    for relation in parents:
        if not relation.period.ends_before_start:
            by_unit[relation.unit_id].append(relation)
    problems = []
    for unit_id, relations in sorted(by_unit.items()):
        for index, first in enumerate(relations):
            for second in relations[index + 1 :]:
                if first.period.certainly_overlaps(second.period):
                    problems.append(
                        Problem(
                            "two-parents",
                            f"unit {unit_id!r} is under {first.parent_id!r} and"
                            f" {second.parent_id!r} at the same time",
                            f"unit relation {second.id}",
                        )
                    )
    return problems


def parent_at(parents: Iterable[UnitParent], unit_id: str, day: dt.date) -> list[UnitParent]:
    """The relations that possibly put ``unit_id`` under a parent on ``day``."""
    return [
        relation
        for relation in parents
        if relation.unit_id == unit_id and relation.period.covers(day) is not Coverage.NONE
    ]


def _cycles(parents: tuple[UnitParent, ...]) -> list[Problem]:
    # A cycle whose relations all hold at once holds on the latest of their start days, so
    # checking the graph in force on each start day (and before any start) finds every one.
    days = sorted({dt.date.min, *(relation.period.latest_start() for relation in parents)})
    found: set[frozenset[str]] = set()
    problems = []
    for day in days:
        edges: dict[str, set[str]] = defaultdict(set)
        for relation in parents:
            if relation.unit_id == relation.parent_id:
                continue  # reported as its own problem
            if relation.period.covers(day) is Coverage.CERTAIN:
                edges[relation.unit_id].add(relation.parent_id)
        for cycle in _find_cycles(edges):
            key = frozenset(cycle)
            if key not in found:
                found.add(key)
                path = " → ".join([*cycle, cycle[0]])
                when = "" if day == dt.date.min else f" on {day.isoformat()}"
                problems.append(
                    Problem("hierarchy-cycle", f"the unit hierarchy has a cycle{when}: {path}")
                )
    return problems


def _find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        path.append(node)
        for parent in sorted(edges.get(node, ())):
            if state.get(parent) == 1:
                cycles.append(path[path.index(parent) :])
            elif parent not in state:
                visit(parent, path)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return cycles


def find_problems(structure: Structure) -> list[Problem]:
    """Every problem of ``structure``, in a stable order (empty when it holds together)."""
    return [
        *_duplicates("unit", (u.id for u in structure.units)),
        *_duplicates("official", (o.id for o in structure.officials)),
        *_duplicates("posting", (p.id for p in structure.postings)),
        *_duplicates("unit relation", (r.id for r in structure.parents)),
        *_duplicates("organisation", (o.id for o in structure.organizations)),
        *_duplicates("organisation relation", (r.id for r in structure.org_relations)),
        *_references(structure),
        *_periods(structure),
        *_overlaps(structure.postings),
        *_two_parents(structure.parents),
        *_cycles(structure.parents),
    ]


def verify_structure(structure: Structure) -> None:
    """Check that ``structure`` holds together.

    Raises:
        StructureError: it does not; the error lists every problem.
    """
    problems = find_problems(structure)
    if problems:
        raise StructureError(problems)
