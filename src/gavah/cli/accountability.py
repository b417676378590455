"""``gavah units`` and ``gavah sanctions``: the perpetrator structure, command chains, listings.

A thin adapter: it reads files (the only I/O besides the store), lets
:mod:`gavah.accountability` parse, validate and answer, and writes through the store in one
transaction, so a bad import leaves nothing behind. Commands: ``units import`` (CSV or JSON,
docs/accountability.md), ``units chain --incident ID`` (who commanded the units involved, up to
the top), ``units incidents --official ID`` (the reverse), ``sanctions check FILE`` (which
officials an existing sanctions list already names, and by whom).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from gavah.accountability import (
    Attribution,
    ImportBatch,
    Problem,
    StructureError,
    command_chain,
    contradicting_claims,
    find_problems,
    incidents_under_command,
    match_listings,
    parse_ftm_lines,
    parse_import,
)
from gavah.cli.context import echo_json, settings_of
from gavah.errors import GavahError, ParseError
from gavah.store import ClaimRepository, EvidenceRepository, IncidentRepository, Store
from gavah.store.accountability import AccountabilityRepository, ClaimContext, claim_context
from gavah.workspace import Workspace

__all__ = ["MAX_IMPORT_BYTES", "import_batch", "register"]

#: Largest import or sanctions file read, in bytes.
MAX_IMPORT_BYTES = 1 << 28
_SHOWN_PROBLEMS = 50

units_app = typer.Typer(
    help="Perpetrator units, officials and their posts over time; command chains.",
    no_args_is_help=True,
)
sanctions_app = typer.Typer(
    help="Check officials against existing sanctions lists (FollowTheMoney files).",
    no_args_is_help=True,
)


def _read_text(path: Path, what: str) -> str:
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ParseError(f"{path}: the {what} is larger than {MAX_IMPORT_BYTES:,} bytes")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(f"{path}: the {what} is not UTF-8") from None
    except OSError as err:
        raise ParseError(f"cannot read the {what} {path}: {err.strerror or err}") from err


def _reference_problems(
    store: Store, batch: ImportBatch, units: set[str], officials: set[str]
) -> list[Problem]:
    problems = []
    with store.reader() as session:
        incidents = IncidentRepository(session)
        claims = ClaimRepository(session)
        evidence = EvidenceRepository(session)
        for a in batch.attributions:
            where = f"attribution {a.id}"
            if incidents.get(a.incident_id) is None:
                problems.append(
                    Problem("unknown-incident", f"unknown incident {a.incident_id!r}", where)
                )
            if a.act_id is not None:
                act = incidents.get_act(a.act_id)
                if act is None or act.incident_id != a.incident_id:
                    problems.append(
                        Problem(
                            "unknown-act",
                            f"no act {a.act_id!r} in incident {a.incident_id!r}",
                            where,
                        )
                    )
            if a.unit_id is not None and a.unit_id not in units:
                problems.append(Problem("unknown-unit", f"unknown unit {a.unit_id!r}", where))
            if a.official_id is not None and a.official_id not in officials:
                problems.append(
                    Problem("unknown-official", f"unknown official {a.official_id!r}", where)
                )
            for claim_id in a.claim_ids:
                if claims.get(claim_id) is None:
                    problems.append(Problem("unknown-claim", f"unknown claim {claim_id!r}", where))
            for evidence_id in a.evidence_ids:
                if evidence.get(evidence_id) is None:
                    problems.append(
                        Problem("unknown-evidence", f"unknown evidence item {evidence_id!r}", where)
                    )
    return problems


def import_batch(store: Store, batch: ImportBatch) -> dict[str, int]:
    """Validate ``batch`` with what is stored and save it in one transaction; return counts.

    Raises:
        StructureError: the batch, or the batch with what is stored, has problems; nothing is
            saved then.
    """
    problems = list(batch.problems)
    with store.reader() as session:
        stored = AccountabilityRepository(session).structure()
    merged = stored.merged(batch.structure)
    problems += find_problems(merged)
    units = {u.id for u in merged.units}
    officials = {o.id for o in merged.officials}
    problems += _reference_problems(store, batch, units, officials)
    if problems:
        raise StructureError(problems)
    with store.session() as session:
        repo = AccountabilityRepository(session)
        repo.save(batch.structure)
        repo.save_attributions(batch.attributions)
    s = batch.structure
    return {
        "units": len(s.units),
        "officials": len(s.officials),
        "unit_parents": len(s.parents),
        "postings": len(s.postings),
        "organizations": len(s.organizations),
        "org_relations": len(s.org_relations),
        "attributions": len(batch.attributions),
    }


@units_app.command("import")
def import_units(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A CSV or JSON file (docs/accountability.md).")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="csv or json (default: from the file name's ending)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Import units, officials, parent units, postings, organisations and attributions.

    Every record is checked first — unknown units or officials, periods that end before they
    start, two holders of a commanding post at once, a cycle in the unit hierarchy — and on any
    problem all of them are listed and nothing is imported. Records whose id exists replace it.
    """
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in {"csv", "json"}:
        raise GavahError(f"{path}: say --format csv or --format json")
    text = _read_text(path, "import file")
    try:
        batch = parse_import(text, fmt=kind)
    except GavahError as err:
        raise GavahError(f"{path}: {err}") from None
    workspace = Workspace.open(settings_of(ctx))
    try:
        try:
            counts = import_batch(workspace.store(), batch)
        except StructureError as err:
            for problem in err.problems[:_SHOWN_PROBLEMS]:
                typer.echo(f"  {problem}  [{problem.code}]", err=True)
            if len(err.problems) > _SHOWN_PROBLEMS:
                typer.echo(f"  … and {len(err.problems) - _SHOWN_PROBLEMS} more", err=True)
            raise GavahError(
                f"{path}: {len(err.problems)} problem(s), nothing imported (listed above)"
            ) from None
    finally:
        workspace.close()
    if as_json:
        echo_json(counts)
        return
    typer.echo(
        "imported " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    )


def _graded(claim_ids: tuple[str, ...], grades: dict[str, str]) -> list[dict[str, str | None]]:
    return [{"claim": claim, "grade": grades.get(claim)} for claim in claim_ids]


def _against(attribution: Attribution, context: ClaimContext) -> list[dict[str, str | None]]:
    return [
        {
            "claim": c.against.id,
            "grade": context.grades.get(c.against.id),
            "contradicts": c.supporting,
            "text": c.against.text,
        }
        for c in contradicting_claims([attribution], context.claims)
    ]


def _claims_text(claims: list[dict[str, str | None]]) -> str:
    return ", ".join(f"{c['claim']} [{c['grade'] or 'ungraded'}]" for c in claims)


@units_app.command("chain")
def chain(
    ctx: typer.Context,
    incident_id: Annotated[str, typer.Option("--incident", help="The incident's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Who commanded the units an incident is attributed to on its date, up to the top.

    Dates known only to the month make a commander "possible" rather than "certain"
    (docs/accountability.md). Each attribution's supporting claims are shown with their latest
    stored grade (gavah claims grade), with any claims that contradict them.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().reader() as session:
            incident = IncidentRepository(session).get(incident_id)
            repo = AccountabilityRepository(session)
            structure = repo.structure()
            attributions = repo.attributions(incident_id)
            context = claim_context(session, attributions)
    finally:
        workspace.close()
    if incident is None:
        raise GavahError(f"no incident {incident_id!r}")
    answer = command_chain(structure, incident, attributions)
    chains: list[dict[str, Any]] = [
        {
            "attribution": c.attribution.id,
            "confidence": c.attribution.confidence.value,
            "claims": _graded(c.attribution.claim_ids, context.grades),
            "contradicted_by": _against(c.attribution, context),
            "levels": [
                {
                    "unit": level.unit.id,
                    "unit_name": level.unit.name_en or level.unit.name_fa,
                    "via": level.via.id if level.via else None,
                    "coverage": level.coverage.value,
                    "commanders": [
                        {
                            "official": h.official.id,
                            "name": h.official.name_en or h.official.name_fa,
                            "posting": h.posting.id,
                            "title": h.posting.title,
                            "period": h.posting.period.describe(),
                            "coverage": h.coverage.value,
                        }
                        for h in level.commanders
                    ],
                }
                for level in c.levels
            ],
        }
        for c in answer.chains
    ]
    if as_json:
        echo_json(
            {
                "incident": incident.id,
                "first_day": answer.first_day.isoformat(),
                "last_day": answer.last_day.isoformat(),
                "chains": chains,
            }
        )
        return
    typer.echo(f"incident {incident.id}: {answer.first_day} to {answer.last_day}")
    if not chains:
        typer.echo("  no unit is attributed")
    for c in chains:
        typer.echo(
            f"  attribution {c['attribution']} ({c['confidence']} confidence); "
            f"claims {_claims_text(c['claims'])}"
        )
        for x in c["contradicted_by"]:
            typer.echo(
                f"    contradicted by {x['claim']} [{x['grade'] or 'ungraded'}] "
                f"(against {x['contradicts']})"
            )
        for level in c["levels"]:
            people = "; ".join(
                f"{h['name']} ({h['title']}, {h['period']}, {h['coverage']})"
                for h in level["commanders"]
            )
            typer.echo(f"    {level['unit_name']}: {people or 'commander unknown'}")


@units_app.command("incidents")
def incidents(
    ctx: typer.Context,
    official_id: Annotated[str, typer.Option("--official", help="The official's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every incident attributed to units under an official's command while they held it.

    Also incidents attributed to the official directly. Each link shows the chain of units,
    whether the post certainly or only possibly covered the incident's dates, the evidence, and
    the supporting claims with their latest stored grade (gavah claims grade), with any claims
    that contradict them.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().reader() as session:
            repo = AccountabilityRepository(session)
            structure = repo.structure()
            attributions = repo.attributions()
            all_incidents = IncidentRepository(session).list()
            links = incidents_under_command(structure, official_id, all_incidents, attributions)
            context = claim_context(session, [link.attribution for link in links])
    finally:
        workspace.close()
    rows: list[dict[str, Any]] = [
        {
            "incident": link.incident.id,
            "attribution": link.attribution.id,
            "posting": link.posting.id if link.posting else None,
            "path": list(link.path),
            "coverage": link.coverage.value,
            "confidence": link.confidence.value,
            "claims": _graded(link.attribution.claim_ids, context.grades),
            "contradicted_by": _against(link.attribution, context),
            "evidence": list(link.evidence_ids),
        }
        for link in links
    ]
    if as_json:
        echo_json({"official": official_id, "incidents": rows})
        return
    if not rows:
        typer.echo(f"no incident is attributed to units under {official_id}'s command")
    for row in rows:
        via = " → ".join(row["path"]) or "directly"
        typer.echo(
            f"{row['incident']}: via {via} ({row['coverage']}, {row['confidence']} confidence); "
            f"claims {_claims_text(row['claims'])}"
            + (f"; evidence {', '.join(row['evidence'])}" if row["evidence"] else "")
        )
        for x in row["contradicted_by"]:
            typer.echo(
                f"  contradicted by {x['claim']} [{x['grade'] or 'ungraded'}] "
                f"(against {x['contradicts']})"
            )


@sanctions_app.command("check")
def check(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A sanctions list as FtM entities (JSON lines).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Which officials an existing sanctions list already names, and by whom.

    Names are compared by exact key and, across Persian and Latin script, by consonant
    skeleton; a "phonetic" match is a lead to check, not a finding.
    """
    text = _read_text(path, "sanctions list")
    try:
        entities = parse_ftm_lines(text)
    except GavahError as err:
        raise GavahError(f"{path}: {err}") from None
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().reader() as session:
            officials = AccountabilityRepository(session).structure().officials
    finally:
        workspace.close()
    matches = match_listings(officials, entities)
    rows: list[dict[str, Any]] = [
        {
            "official": m.official.id,
            "name": m.official.name_en or m.official.name_fa,
            "listed_id": m.entity_id,
            "listed_name": m.listed_name,
            "match": m.strength,
            "listings": [
                {"authority": x.authority, "program": x.program, "since": x.start}
                for x in m.listings
            ],
        }
        for m in matches
    ]
    if as_json:
        echo_json({"officials": len(officials), "matches": rows})
        return
    if not rows:
        typer.echo(f"none of {len(officials)} officials is named in {path.name}")
    for row in rows:
        by = "; ".join(
            f"{x['authority']}"
            + (f" ({x['program']})" if x["program"] else "")
            + (f" since {x['since']}" if x["since"] else "")
            for x in row["listings"]
        )
        typer.echo(
            f"{row['official']} {row['name']}: {row['match']} match with {row['listed_name']!r}"
            f" [{row['listed_id']}] — listed by {by or 'no Sanction entity in the file'}"
        )


def register(app: typer.Typer) -> None:
    """Add ``gavah units`` and ``gavah sanctions`` to ``app``."""
    app.add_typer(units_app, name="units")
    app.add_typer(sanctions_app, name="sanctions")
