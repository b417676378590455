"""``gavah claims grade|board|show`` and ``gavah counts``: grades with reasons, counts by grade.

A thin adapter: it reads sources, reports, incidents, claims and the register from the store,
picks the grading policy (``--policy FILE``, else the ``[grading]`` table of ``gavah.toml``, else
the shipped default), and calls :mod:`gavah.verify`. ``grade`` stores the grades with their
explanations and the policy, and ``--diff`` reports what changed since the last stored grading.
Counts are always computed afresh under the current policy, beside the latest stored estimate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ConfigError, GavahError
from gavah.model import Act, Claim, ClaimStance, Incident, PersonStatus, Report, Source
from gavah.store import (
    ClaimRepository,
    IncidentRepository,
    ReportRepository,
    SourceRepository,
    Store,
)
from gavah.store.estimates import EstimateRepository
from gavah.store.grades import GradeRepository, VictimFact, victim_facts
from gavah.verify import (
    GRADE_ORDER,
    ClaimGrade,
    Estimate,
    Grade,
    GradeChange,
    GradingPolicy,
    NamedVictim,
    StreamIndex,
    Witness,
    claim_witness,
    claims_board,
    count_by_grade,
    default_policy,
    diff_grades,
    format_range,
    grade_claims,
    parse_policy,
    policy_from_toml,
)
from gavah.verify.quantity import PlaceNormaliser, plain_place
from gavah.vocab import load_gazetteer
from gavah.workspace import Workspace

__all__ = [
    "Loaded",
    "claims_app",
    "grade_and_store",
    "latest_estimate",
    "load",
    "place_normaliser",
    "policy_of",
    "register",
]

claims_app = typer.Typer(
    help="Grade claims under the workspace's policy, compare competing claims, explain a grade.",
    no_args_is_help=True,
)


class GroupField(StrEnum):
    """What ``gavah counts --by`` breaks the counts down by."""

    PROVINCE = "province"
    DATE = "date"
    EVENT = "event"


@dataclass(frozen=True, slots=True)
class Loaded:
    """Everything grading and counting read from a workspace."""

    sources: list[Source]
    reports: list[Report]
    incidents: dict[str, Incident]
    acts: dict[str, list[Act]]
    claims: list[Claim]

    def grade(self, policy: GradingPolicy) -> dict[str, ClaimGrade]:
        """Grade every claim under ``policy``."""
        return grade_claims(self.sources, self.reports, self.claims, policy)


def load(store: Store) -> Loaded:
    """Read sources, reports, incidents with their acts and claims.

    Raises:
        StorageError: the database cannot be read.
    """
    with store.reader() as session:
        incidents = IncidentRepository(session)
        return Loaded(
            sources=SourceRepository(session).list(),
            reports=ReportRepository(session).list(),
            incidents={i.id: i for i in incidents.list()},
            acts=incidents.all_acts(),
            claims=ClaimRepository(session).all(),
        )


def policy_of(workspace: Workspace, policy_file: Path | None) -> GradingPolicy:
    """The policy to grade under: ``policy_file``, else ``[grading]`` of gavah.toml, else default.

    Raises:
        ConfigError: the file cannot be read or the policy is invalid.
    """
    if policy_file is not None:
        try:
            text = policy_file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise ConfigError(f"the policy file {policy_file} is not UTF-8") from None
        except OSError as err:
            reason = err.strerror or str(err)
            raise ConfigError(f"cannot read the policy file {policy_file}: {reason}") from None
        return policy_from_toml(text, str(policy_file))
    table = workspace.config.extra.get("grading")
    if table is None:
        return default_policy()
    if not isinstance(table, Mapping):
        raise ConfigError("gavah.toml: [grading] must be a table")
    try:
        return parse_policy(table)
    except ConfigError as err:
        raise ConfigError(f"gavah.toml: {err}") from None


def place_normaliser() -> PlaceNormaliser:
    """Town names to the gazetteer's canonical Persian name (the register's form), else folded."""
    gazetteer = load_gazetteer()

    def normalise(text: str, province: str | None) -> str:
        match = gazetteer.match_city(text, province)
        return match[1].persian if match is not None else plain_place(text, province)

    return normalise


def latest_estimate(store: Store) -> Estimate | None:
    """The latest stored estimate of the total (``gavah estimate``), or ``None``."""
    with store.reader() as session:
        stored = EstimateRepository(session).latest()
    if stored is None:
        return None
    result = stored.result
    try:
        low, high = (float(x) for x in result["interval"])
        return Estimate(
            estimate=float(result["estimate"]),
            low=low,
            high=high,
            level=float(result.get("level", 0.95)),
            method=str(result.get("method") or stored.method),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def grade_and_store(
    store: Store, policy: GradingPolicy, *, store_grades: bool = True
) -> tuple[dict[str, ClaimGrade], list[GradeChange]]:
    """Grade every claim, compare with the stored grades, and store the run unless told not to.

    Raises:
        StorageError: the database cannot be read or written.
    """
    loaded = load(store)
    with Console(stderr=True).status(f"grading {len(loaded.claims):,} claims"):
        results = loaded.grade(policy)
    with store.reader() as session:
        previous = GradeRepository(session).latest()
    changes = diff_grades(
        {c: Grade(g.grade) for c, g in previous.items()},
        {c: r.grade for c, r in results.items()},
    )
    if store_grades:
        with store.session() as session:
            GradeRepository(session).record_run(
                graded_at=_now(),
                policy_name=policy.name,
                policy_digest=policy.digest,
                policy=policy.as_mapping(),
                grades=[(c, r.grade.value, r.explanation.as_json()) for c, r in results.items()],
                changes=[c.as_json() for c in changes],
            )
    return results, changes


def _policy_option() -> Any:
    return typer.Option(
        "--policy",
        help="Grade under this TOML file's \\[grading] table instead of gavah.toml's.",
    )


@claims_app.command("grade")
def grade(
    ctx: typer.Context,
    diff: Annotated[
        bool, typer.Option("--diff", help="Report the claims whose grade changed since last time.")
    ] = False,
    policy_file: Annotated[Path | None, _policy_option()] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Grade and report, but do not store the grades.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Re-grade every claim deterministically and store each grade with its explanation.

    Grades: confirmed, fair, weak, contested, discounted (docs/claims.md). Reports whose sources
    derive from one origin count as one stream. `gavah claims show ID` explains a grade.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        policy = policy_of(workspace, policy_file)
        results, changes = grade_and_store(workspace.store(), policy, store_grades=not dry_run)
    finally:
        workspace.close()
    tally = {g.value: sum(1 for r in results.values() if r.grade is g) for g in GRADE_ORDER}
    if as_json:
        out: dict[str, Any] = {
            "policy": policy.name,
            "policy_digest": policy.digest,
            "claims": len(results),
            "grades": tally,
            "stored": not dry_run,
        }
        if diff:
            out["changes"] = [c.as_json() for c in changes]
        echo_json(out)
        return
    summary = ", ".join(f"{n} {g}" for g, n in tally.items())
    typer.echo(f"{len(results)} claims graded under policy '{policy.name}': {summary}")
    if diff:
        if not changes:
            typer.echo("No grade changed since the last stored grading.")
        for change in changes:
            typer.echo(f"  {change.line()}")


@claims_app.command("board")
def board(
    ctx: typer.Context,
    policy_file: Annotated[Path | None, _policy_option()] = None,
    competing_only: Annotated[
        bool, typer.Option("--competing", help="Only quantities whose claims disagree.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the board as JSON.")] = False,
) -> None:
    """Competing claims about the same quantity, side by side: source, date, range and grade.

    A quantity is a status at a place on a day ("killed in Abdanan on 2026-01-09"), or a
    status nationwide.
    """
    workspace = Workspace.open(settings_of(ctx))
    try:
        loaded = load(workspace.store())
        results = loaded.grade(policy_of(workspace, policy_file))
    finally:
        workspace.close()
    rows = claims_board(
        loaded.claims,
        grades={c: r.grade for c, r in results.items()},
        reports={r.id: r for r in loaded.reports},
        sources={s.id: s for s in loaded.sources},
        incidents=loaded.incidents,
        normalise=place_normaliser(),
    )
    if competing_only:
        rows = [r for r in rows if r.competing]
    if as_json:
        echo_json([r.as_json() for r in rows])
        return
    if not rows:
        typer.echo("No count claims.")
        return
    console = Console()
    for row in rows:
        table = Table(title=row.quantity.label(), title_justify="left")
        for column in ("claim", "source", "date", "count", "grade", "text"):
            table.add_column(column)
        for e in row.entries:
            table.add_row(
                e.claim_id, e.source, e.date, format_range(e.low, e.high), e.grade.value, e.text
            )
        console.print(table)


@claims_app.command("show")
def show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="The claim's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the claim as JSON.")] = False,
) -> None:
    """One claim: what it says, who said it when, its stored grade and why."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        store = workspace.store()
        with store.reader() as session:
            claim = ClaimRepository(session).get(claim_id)
            if claim is None:
                raise GavahError(f"no claim {claim_id!r}")
            report = ReportRepository(session).get(claim.report_id)
            source = None if report is None else SourceRepository(session).get(report.source_id)
            stored = GradeRepository(session).latest().get(claim_id)
        explanation: Mapping[str, Any] | None = None if stored is None else stored.explanation
        if explanation is None:
            results = load(store).grade(policy_of(workspace, None))
            explanation = results[claim_id].explanation.as_json()
    finally:
        workspace.close()
    data = {
        "claim": claim_id,
        "kind": claim.kind.value,
        "stance": claim.stance.value,
        "text": claim.text,
        "subject": dict(claim.subject),
        "count": None if claim.count is None else [claim.count.low, claim.count.high],
        "report": claim.report_id,
        "report_date": None
        if report is None or report.reported_on is None
        else report.reported_on.isoformat(),
        "source": None if source is None else source.name,
        "stored": stored is not None,
        "explanation": explanation,
    }
    if as_json:
        echo_json(data)
        return
    denial = ", a denial" if claim.stance is ClaimStance.DENIES else ""
    typer.echo(f"{claim_id} ({claim.kind.value}{denial}): {claim.text}")
    typer.echo(f"  said by {data['source']} in report {claim.report_id} ({data['report_date']})")
    if claim.count is not None:
        typer.echo(f"  count: {format_range(claim.count.low, claim.count.high)}")
    note = "" if stored is not None else " (not stored yet: run `gavah claims grade`)"
    typer.echo(f"  grade: {explanation['grade']}{note}")
    typer.echo(f"  rule: {explanation['rule']}")
    for s in explanation["streams"]:
        mark = "counted" if s["counted"] else "not counted"
        typer.echo(
            f"  stream '{s['stream']}' via {', '.join(s['speakers'])}: {mark}; {s['reason']}"
        )
    for c in explanation["contradictions"]:
        typer.echo(f"  contradicted by {c['claim']}: {c['effect']} ({c['reason']})")


def _named(facts_rows: list[VictimFact], normalise: PlaceNormaliser) -> list[NamedVictim]:
    by_person: dict[str, list[VictimFact]] = {}
    for fact in facts_rows:
        by_person.setdefault(fact.person_id, []).append(fact)
    named = []
    for person_id, facts in by_person.items():
        dated = [f for f in facts if f.date is not None]
        first = dated[0] if dated else facts[0]
        named.append(
            NamedVictim(
                person_id=person_id,
                status=facts[0].status or "",
                province=first.province or "",
                place=normalise(first.city, first.province) if first.city else "",
                date="" if first.date is None else first.date.isoformat(),
                witnesses=tuple(
                    Witness(label=f"record {f.source_id}:{f.record_id}", source_id=f.source_id)
                    for f in facts
                ),
            )
        )
    return named


def counts(
    ctx: typer.Context,
    by: Annotated[
        GroupField | None, typer.Option("--by", help="Break the counts down by this field.")
    ] = None,
    status: Annotated[
        str, typer.Option(help="Which status to count (killed, detained, ...); --by event: all.")
    ] = "killed",
    policy_file: Annotated[Path | None, _policy_option()] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Documented counts by grade, beside the latest statistical estimate.

    Named persons of the register count under the grade their lists and claims earn; unnamed
    victims of count claims add ranges, less the named persons of the same place and day (never
    counted twice; docs/claims.md says how). Contested and discounted are shown, not added.
    """
    statuses = [s.value for s in PersonStatus]
    if status not in statuses:
        raise GavahError(f"unknown status {status!r}: say one of {', '.join(statuses)}")
    workspace = Workspace.open(settings_of(ctx))
    try:
        store = workspace.store()
        policy = policy_of(workspace, policy_file)
        loaded = load(store)
        with store.reader() as session:
            facts = victim_facts(session)
        estimate = latest_estimate(store)
    finally:
        workspace.close()
    normalise = place_normaliser()
    results = loaded.grade(policy)
    reports = {r.id: r for r in loaded.reports}
    result = count_by_grade(
        named=_named(facts, normalise),
        claims=loaded.claims,
        grades=results,
        witnesses={c.id: claim_witness(c, reports.get(c.report_id)) for c in loaded.claims},
        incidents=loaded.incidents,
        index=StreamIndex(loaded.sources),
        policy=policy,
        status=None if by is GroupField.EVENT else status,
        by=None if by is None else by.value,
        normalise=normalise,
        estimate=estimate,
    )
    if as_json:
        echo_json(result.as_json())
        return
    typer.echo(result.as_json()["summary"])
    t = result.total.tallies
    typer.echo(
        f"Not added: contested {format_range(t[Grade.CONTESTED].low, t[Grade.CONTESTED].high)};"
        f" discounted {format_range(t[Grade.DISCOUNTED].low, t[Grade.DISCOUNTED].high)}"
    )
    if result.rows:
        table = Table(title=f"by {result.by}", title_justify="left")
        table.add_column(result.by or "")
        for g in GRADE_ORDER:
            table.add_column(g.value, justify="right")
        table.add_column("documented", justify="right")
        for row in result.rows:
            cells = [format_range(row.tallies[g].low, row.tallies[g].high) for g in GRADE_ORDER]
            d = row.documented
            table.add_row(row.key or "(unknown)", *cells, format_range(d.low, d.high))
        Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``gavah claims`` and ``gavah counts`` to ``app``."""
    app.add_typer(claims_app, name="claims")
    app.command("counts")(counts)
