"""``gavah demo`` and ``gavah serve``: a demo workspace from a synthetic scenario, on localhost.

The demo builds a workspace with a published passphrase (its data is synthetic), writes a
synthetic scenario into it, loads the lists' rows as records and the incidents, imports the
scenario's reports and claims through the JSON-lines interchange (``scenario/claims.jsonl``),
links the records into persons, stores a quick log-linear estimate, grades the claims, and
serves the web page. It uses whatever the pipeline has so far; each later issue adds its step.
"""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gavah.cli.claims import grade_and_store, policy_of
from gavah.cli.context import settings_of
from gavah.cli.interchange import import_file
from gavah.cli.search_index import reindex
from gavah.errors import GavahError, WorkspaceError
from gavah.model import (
    Act,
    ActType,
    DateSpan,
    Incident,
    LocationPrecision,
    Place,
    Record,
    Source,
    SourceKind,
    VictimCount,
)
from gavah.model.ids import ulid_ids
from gavah.model.source import Reliability
from gavah.register import ListMapping, plan_import, read_table
from gavah.store import IncidentRepository, RecordRepository, SourceRepository, Store
from gavah.store.accounts import AccountRepository
from gavah.store.publication import (
    APPROVED,
    WITHHELD,
    PersonDecision,
    PublicationRepository,
    public_person_ids,
)
from gavah.store.search import PublicPolicy
from gavah.synth import Scenario, ScenarioParams, generate_scenario, write_scenario
from gavah.synth.claims import draw_claims
from gavah.text import parse_date
from gavah.verify import GradingPolicy
from gavah.vocab import load_gazetteer, load_vocabulary
from gavah.web.permissions import Role
from gavah.workspace import Settings, Workspace
from gavah.workspace.config import CONFIG_FILE, save_config

__all__ = ["DEMO_PASSPHRASE", "build_demo", "register"]

#: Published on purpose: the demo workspace holds synthetic data only.
DEMO_PASSPHRASE = "gavah demo - synthetic data only"  # noqa: S105
DEMO_PASSWORD = "gavah demo password"  # noqa: S105  (synthetic data only, like the passphrase)
_SCENARIO_DIR = "scenario"
_BATCH = 2_000


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    )


def _load_sources(store: Store, scenario: Path) -> dict[str, str]:
    """Store the scenario's sources; return scenario id → stored id."""
    new_id = ulid_ids(lambda: datetime.now(UTC), random.SystemRandom())
    entries: list[dict[str, Any]] = json.loads((scenario / "sources.json").read_text("utf-8"))
    ids = {e["id"]: new_id() for e in entries}
    with store.session() as session:
        repo = SourceRepository(session)
        for e in entries:
            kind = e["type"] if e["type"] in SourceKind.__members__.values() else "other"
            repo.add(
                Source(
                    id=ids[e["id"]],
                    name=e["id"],
                    kind=SourceKind(kind),
                    origin_id=ids.get(e["origin"]) if e.get("origin") else None,
                    description=f"{e['name']}. {e.get('description') or ''}".strip(),
                    reliability=Reliability(e.get("reliability") or "unknown"),
                )
            )
    return ids


def _load_records(store: Store, scenario: Path, source_ids: dict[str, str]) -> int:
    """Load every list through the register's own reader and import planner."""
    gazetteer = load_gazetteer()
    plans = [
        plan_import(
            source_ids[path.stem],
            read_table(path.read_bytes(), path.name),
            ListMapping(),
            gazetteer,
        )
        for path in sorted((scenario / "lists").glob("*.csv"))
    ]
    loaded = 0
    with _progress() as progress:
        task = progress.add_task("loading list rows", total=sum(len(p.records) for p in plans))
        for plan in plans:
            records = list(plan.records)
            for start in range(0, len(records), _BATCH):
                batch = records[start : start + _BATCH]
                loaded += _write_records(store, batch)
                progress.advance(task, len(batch))
    return loaded


def _write_records(store: Store, batch: list[Record]) -> int:
    if not batch:
        return 0
    with store.session() as session:
        return RecordRepository(session).add_many(batch)


def _act_type(kind: str) -> ActType:
    lookup = {
        "killing": ActType.KILLING,
        "injury": ActType.INJURY,
        "arbitrary detention": ActType.ARREST,
        "arrest": ActType.ARREST,
        "torture": ActType.TORTURE,
        "execution": ActType.EXECUTION,
        "body withheld": ActType.BODY_WITHHELD,
        "internet shutdown": ActType.INTERNET_SHUTDOWN,
    }
    return lookup.get(kind, ActType.OTHER)


def _load_incidents(store: Store, scenario: Path) -> dict[str, str]:
    """Store the scenario's incidents and acts; return scenario id → stored id."""
    new_id = ulid_ids(lambda: datetime.now(UTC), random.SystemRandom())
    entries: list[dict[str, Any]] = json.loads((scenario / "incidents.json").read_text("utf-8"))
    ids: dict[str, str] = {}
    with store.session() as session:
        repo = IncidentRepository(session)
        for e in entries:
            place = e["place"]
            day = parse_date(e["date"])
            incident = Incident(
                id=new_id(),
                place=Place(
                    name=f"{place['city_fa']} ({place['city']}, {place['province']})",
                    lat=place["lat"],
                    lon=place["lon"],
                    precision=LocationPrecision.CITY,
                    province=place["province_code"],
                ),
                span=DateSpan(start=day, end=day),
                description=e["description"],
            )
            ids[e["id"]] = incident.id
            acts = tuple(
                Act(
                    id=new_id(),
                    incident_id=incident.id,
                    act_type=_act_type(a["kind"]),
                    victims=VictimCount(low=int(a["victims"])) if a.get("victims") else None,
                    perpetrator=a.get("perpetrator") or None,
                    description=a.get("means") or None,
                )
                for a in e["acts"]
            )
            repo.add(incident, acts)
    return ids


def _load_claims(
    store: Store,
    scenario: Scenario,
    folder: Path,
    source_ids: dict[str, str],
    incidents: dict[str, str],
) -> dict[str, Any]:
    """Write the scenario's claims as ``claims.jsonl`` and import them as a partner's file."""
    lines = draw_claims(
        scenario.incidents, scenario.sources, source_ids=source_ids, incident_ids=incidents
    )
    path = folder / "claims.jsonl"
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    return import_file(store, path, datetime.now(UTC).date(), progress=False)


def _link(store: Store) -> int:
    """Link the records into persons, as `gavah link` does with its defaults."""
    from gavah.linkage import LinkOptions, link_records  # noqa: PLC0415  (Splink is heavy)
    from gavah.store.register import LinkResultRepository, ReviewRepository  # noqa: PLC0415

    with store.reader() as session:
        records = list(RecordRepository(session).iter_all())
        decisions = ReviewRepository(session).latest()
        previous = LinkResultRepository(session).current_assignments()
    new_id = ulid_ids(lambda: datetime.now(UTC), random.SystemRandom())
    with Console(stderr=True).status(f"linking {len(records):,} records"):
        result = link_records(records, decisions, previous, new_id, LinkOptions())
    with store.session() as session:
        LinkResultRepository(session).replace(result.persons, result.members)
        ReviewRepository(session).replace_queue(result.review)
    return len(result.persons)


def _estimate(store: Store) -> str:
    """Store a quick log-linear estimate from the register; say what it found."""
    from gavah.estimate import (  # noqa: PLC0415  (numba and SciPy are heavy)
        EstimateOptions,
        canonical_text,
        estimate,
        table_from_memberships,
    )
    from gavah.store.estimates import EstimateRepository  # noqa: PLC0415

    with store.reader() as session:
        memberships = RecordRepository(session).memberships(None)
    table = table_from_memberships(memberships)
    try:
        result = estimate(table, EstimateOptions(method="loglinear"), seed=1)
    except GavahError as err:
        return f"no estimate ({err})"
    data = result.to_json()
    with store.session() as session:
        EstimateRepository(session).add(
            created=datetime.now(UTC),
            method=result.method,
            input_sha256=result.input_sha256,
            table_csv=canonical_text(table),
            result=data,
        )
    return (
        f"estimated total {result.estimate:,.0f}"
        f" (95% interval {result.lower:,.0f}-{result.upper:,.0f})"
    )


def build_demo(settings: Settings, *, persons: int, lists: int, seed: int) -> Workspace:
    """Create the demo workspace at ``settings.workspace`` and load a synthetic scenario into it.

    Raises:
        WorkspaceError: the folder exists and is not a demo workspace.
        StorageError: the database cannot be written.
    """
    result = Workspace.init(settings, DEMO_PASSPHRASE, now=datetime.now(UTC), name="gavah-demo")
    ws = result.workspace
    _configure_blackout(ws)
    scenario_dir = ws.root / _SCENARIO_DIR
    scenario = generate_scenario(
        load_vocabulary(), ScenarioParams(persons=persons, lists=lists, seed=seed)
    )
    write_scenario(scenario, scenario_dir)
    store = ws.store()
    source_ids = _load_sources(store, scenario_dir)
    records = _load_records(store, scenario_dir, source_ids)
    incidents = _load_incidents(store, scenario_dir)
    typer.echo(f"Loaded {records} list rows from {lists} lists and {len(incidents)} incidents.")
    imported = _load_claims(store, scenario, scenario_dir, source_ids, incidents)
    if imported["refused"]:  # pragma: no cover - the synthetic claims are well formed
        raise WorkspaceError(f"demo claims refused: {imported['refused'][:3]}")
    typer.echo(f"Imported {imported['imported']['claim']} claims from scenario/claims.jsonl.")
    persons = _link(store)
    typer.echo(f"Linked the records into {persons} persons; {_estimate(store)}.")
    policy = policy_of(ws, None)
    results, _ = grade_and_store(store, policy)
    typer.echo(f"Graded {len(results)} claims (gavah claims board, gavah counts).")
    approved, withheld = _publish(store, policy)
    typer.echo(f"Approved {approved} victims for the memorial; withheld {withheld}.")
    typer.echo(f"Ingested {_ingest_evidence(ws, scenario_dir)} synthetic evidence files.")
    indexed = reindex(store, policy, is_public=_published(store))
    _add_demo_accounts(store)
    typer.echo(f"Indexed {indexed} persons, incidents, sources and evidence; added accounts.")
    return ws


#: How many of the scenario's synthetic evidence files the demo takes into its vault.
_DEMO_EVIDENCE = 6


def _ingest_evidence(ws: Workspace, scenario: Path) -> int:
    """Ingest the first synthetic evidence files, as `gavah ingest` does, so there is evidence
    to browse and to prove."""
    from gavah.cli.ingest import open_ingestor  # noqa: PLC0415 - Pillow and NumPy load slowly
    from gavah.vault import IngestRequest  # noqa: PLC0415

    entries: list[dict[str, Any]] = json.loads((scenario / "evidence.json").read_text("utf-8"))
    ingestor = open_ingestor(ws, ws.unlock(DEMO_PASSPHRASE))
    try:
        for entry in entries[:_DEMO_EVIDENCE]:
            request = IngestRequest(source=entry["source"], case=entry["incident"])
            ingestor.ingest(scenario / entry["file"], request)
    finally:
        ingestor.seal()
    return min(len(entries), _DEMO_EVIDENCE)


#: The January 2026 internet blackout as the demo's public timeline marks it (the synthetic
#: deaths peak on 8-10 January; the scenario has no connectivity files to derive it from).
DEMO_BLACKOUT = {"start": "2026-01-08", "end": "2026-01-21", "source": "demo configuration"}


def _configure_blackout(ws: Workspace) -> None:
    """Write ``[site] blackouts`` into the demo's gavah.toml (read by the public timeline)."""
    extra = {**ws.config.extra, "site": {"blackouts": [DEMO_BLACKOUT]}}
    ws.config = dataclasses.replace(ws.config, extra=extra)
    save_config(ws.config, ws.root / CONFIG_FILE)


#: Every how-many-th approvable victim the demo withholds, as if the family had asked.
_WITHHELD_EVERY = 10


def _publish(store: Store, policy: GradingPolicy) -> tuple[int, int]:
    """Approve the killed whose lists and claims earn confirmed or fair; withhold every tenth."""
    from gavah.web.memorial import candidate_grades  # noqa: PLC0415 - FastAPI loads slowly

    with store.reader() as session:
        _, candidates = PublicationRepository(session).candidates(
            status="killed", offset=0, limit=1_000_000
        )
    grades = candidate_grades(
        store, {c.person_id: [r.source_id for r in c.records] for c in candidates}, policy
    )
    chosen = [c.person_id for c in candidates if grades[c.person_id].value in {"confirmed", "fair"}]
    decisions = [
        PersonDecision(person_id, WITHHELD, "the family asked (synthetic)")
        if n % _WITHHELD_EVERY == 0
        else PersonDecision(person_id, APPROVED, "graded confirmed or fair")
        for n, person_id in enumerate(chosen, start=1)
    ]
    withheld = sum(d.decision == WITHHELD for d in decisions)
    with store.session() as session:
        PublicationRepository(session).decide_persons(decisions, by="demo", at=datetime.now(UTC))
    return len(chosen) - withheld, withheld


def _published(store: Store) -> PublicPolicy:
    """Who the search may show the public: the persons the publication rule lets through."""
    with store.reader() as session:
        public = public_person_ids(session)
    return public.__contains__


def _add_demo_accounts(store: Store) -> None:
    """One account per role, all with the published demo password (synthetic data only)."""
    from gavah.web.passwords import hash_password  # noqa: PLC0415 - argon2 loads slowly

    password_hash = hash_password(DEMO_PASSWORD)
    now = datetime.now(UTC)
    with store.session() as session:
        accounts = AccountRepository(session)
        for role in Role:
            accounts.add(role.value, role.value, password_hash, now=now)


def _is_demo_workspace(root: Path) -> bool:
    return (root / "gavah.toml").is_file() and (root / _SCENARIO_DIR / "truth.json").is_file()


def demo(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Option("--dir", help="Where to build the demo workspace.")
    ] = Path("demo-workspace"),
    persons: Annotated[
        int, typer.Option(min=1, max=1_000_000, help="Size of the synthetic population.")
    ] = 3000,
    lists: Annotated[int, typer.Option(min=2, max=10, help="Number of overlapping lists.")] = 5,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic scenario.")] = 1,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Delete an earlier demo workspace and rebuild it.")
    ] = False,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Build the workspace and exit without serving.")
    ] = False,
) -> None:
    """Build a demo workspace from a synthetic scenario and serve it on localhost.

    The demo's passphrase is printed: its data is synthetic, generated by `gavah synth`.
    An existing demo workspace is reused unless --rebuild is given.
    """
    settings = dataclasses.replace(
        settings_of(ctx), workspace=directory, passphrase=DEMO_PASSPHRASE, database_url=None
    )
    if directory.exists() and rebuild:
        if not _is_demo_workspace(directory):
            raise WorkspaceError(f"{directory} is not a demo workspace; refusing to delete it")
        shutil.rmtree(directory)
    if _is_demo_workspace(directory):
        typer.echo(f"Reusing the demo workspace at {directory.resolve()} (--rebuild to redo it).")
        ws = Workspace.open(settings)
    elif directory.exists():
        raise WorkspaceError(f"{directory} exists and is not a demo workspace; choose --dir")
    else:
        ws = build_demo(settings, persons=persons, lists=lists, seed=seed)
    typer.echo(f"Demo workspace: {ws.root.resolve()}")
    typer.echo(f"Demo passphrase: {DEMO_PASSPHRASE}")
    roles = ", ".join(role.value for role in Role)
    typer.echo(f"Demo accounts: {roles} (password: {DEMO_PASSWORD})")
    if no_serve:
        ws.close()
        return
    _serve(ws, host, port, DEMO_PASSPHRASE)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the workspace's web pages (the minimal page until the web application lands)."""
    settings = settings_of(ctx)
    _serve(Workspace.open(settings), host, port, settings.passphrase)


def _serve(ws: Workspace, host: str, port: int, passphrase: str | None) -> None:
    import uvicorn  # noqa: PLC0415 - uvicorn and FastAPI load slowly; only serving needs them

    from gavah.web.app import workspace_app  # noqa: PLC0415
    from gavah.web.vault_access import install_vault  # noqa: PLC0415

    app = workspace_app(ws)
    if passphrase is not None:  # uploads and exports need the keys; browsing does not
        install_vault(app, ws, ws.unlock(passphrase))
    else:
        typer.echo("No GAVAH_PASSPHRASE: evidence can be browsed, not uploaded or exported.")
    typer.echo(f"Serving on http://{host}:{port}/fa/  (Ctrl+C to stop)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        ws.close()


def register(app: typer.Typer) -> None:
    """Add ``demo`` and ``serve`` to ``app``."""
    app.command("demo")(demo)
    app.command("serve")(serve)
