"""Accountability core speed: validating a structure, the command chain, the reverse query, FtM.

Prints what it measured; asserts no time. A synthetic structure (invented names): one top unit,
``PROVINCES`` provincial corps, ``BASES`` Basij bases under each, every unit with a commander
who changes every year (month-precision ends, handovers in the same month), and ``INCIDENTS``
incidents each attributed to a random base. Run with ``python -m benchmarks accountability``.
"""

from __future__ import annotations

import random
import sys
import time

from gavah.accountability import (
    Attribution,
    Confidence,
    Period,
    Posting,
    Structure,
    UnitParent,
    command_chain,
    find_problems,
    incidents_under_command,
)
from gavah.accountability.ftm import build_entities, validate_entities
from gavah.model import (
    DatePrecision,
    DateSpan,
    Incident,
    Official,
    PartialDate,
    Place,
    Unit,
    UnitKind,
)

PROVINCES = 31
BASES = 20
YEARS = range(2016, 2027)
INCIDENTS = 5_000


def build(seed: int = 7) -> tuple[Structure, list[Incident], list[Attribution]]:
    """The synthetic structure, incidents and attributions."""
    rng = random.Random(seed)
    units = [Unit("top", name_en="HQ", kind=UnitKind.IRGC)]
    parents = []
    for p in range(PROVINCES):
        units.append(Unit(f"prov-{p}", name_en=f"Corps {p}", kind=UnitKind.IRGC))
        parents.append(UnitParent(f"r-{p}", f"prov-{p}", "top"))
        for b in range(BASES):
            units.append(Unit(f"base-{p}-{b}", name_en=f"Base {p}/{b}", kind=UnitKind.BASIJ))
            parents.append(UnitParent(f"r-{p}-{b}", f"base-{p}-{b}", f"prov-{p}"))
    officials, postings = [], []
    for unit in units:
        for year in YEARS:
            key = f"{unit.id}-{year}"
            officials.append(Official(f"o-{key}", name_en=f"Officer {key}"))
            start = PartialDate(year, 3, None, DatePrecision.MONTH)
            end = PartialDate(year + 1, 3, None, DatePrecision.MONTH)
            postings.append(
                Posting(
                    f"p-{key}",
                    f"o-{key}",
                    unit.id,
                    "commander",
                    commands=True,
                    period=Period(start, end),
                )
            )
    structure = Structure(tuple(units), tuple(officials), tuple(parents), tuple(postings))
    incidents, attributions = [], []
    bases = [u.id for u in units if u.id.startswith("base-")]
    for i in range(INCIDENTS):
        day = PartialDate(
            rng.choice(YEARS[:-1]), rng.randint(1, 12), rng.randint(1, 28), DatePrecision.DAY
        )
        incidents.append(Incident(f"inc-{i}", Place("x"), DateSpan(day)))
        attributions.append(
            Attribution(
                f"a-{i}", f"inc-{i}", Confidence.MEDIUM, (f"c-{i}",), unit_id=rng.choice(bases)
            )
        )
    return structure, incidents, attributions


def _timed(label: str, action: object) -> object:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    print(f"{label}: {time.perf_counter() - started:.3f} s")
    return result


def main() -> None:
    """Measure and print."""
    structure, incidents, attributions = build()
    print(
        f"{len(structure.units)} units, {len(structure.postings)} postings, "
        f"{len(incidents)} incidents ({sys.version.split()[0]})"
    )
    problems = _timed("find_problems", lambda: find_problems(structure))
    print(f"  problems found: {len(problems)}")  # type: ignore[arg-type]
    by_incident = {a.incident_id: a for a in attributions}
    _timed(
        f"command_chain × {len(incidents)}",
        lambda: [command_chain(structure, i, [by_incident[i.id]]) for i in incidents],
    )
    top = next(o.id for o in structure.officials if o.id == "o-top-2020")
    links = _timed(
        "incidents_under_command (top commander, 2020)",
        lambda: incidents_under_command(structure, top, incidents, attributions),
    )
    print(f"  links: {len(links)}")  # type: ignore[arg-type]
    entities = _timed("build_entities", lambda: build_entities(structure, incidents, attributions))
    _timed("validate_entities", lambda: validate_entities(entities))  # type: ignore[arg-type]
    print(f"  entities: {len(entities)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
