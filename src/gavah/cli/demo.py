"""``gavah demo`` and ``gavah serve``: a demo workspace from a synthetic scenario, on localhost.

The demo builds a workspace with a published passphrase (its data is synthetic), writes a
synthetic scenario into it, loads the lists' rows as records and the incidents, and serves the
web page. It uses whatever the pipeline has so far; each later issue adds its step here.
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
import uvicorn
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gavah.cli.context import settings_of
from gavah.errors import WorkspaceError
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
from gavah.register import ListMapping, plan_import, read_table
from gavah.store import IncidentRepository, RecordRepository, SourceRepository, Store
from gavah.synth import ScenarioParams, generate_scenario, write_scenario
from gavah.text import parse_date
from gavah.vocab import load_gazetteer, load_vocabulary
from gavah.web import create_app
from gavah.workspace import Settings, Workspace

__all__ = ["DEMO_PASSPHRASE", "build_demo", "register"]

#: Published on purpose: the demo workspace holds synthetic data only.
DEMO_PASSPHRASE = "gavah demo - synthetic data only"  # noqa: S105
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


def _load_incidents(store: Store, scenario: Path) -> int:
    new_id = ulid_ids(lambda: datetime.now(UTC), random.SystemRandom())
    entries: list[dict[str, Any]] = json.loads((scenario / "incidents.json").read_text("utf-8"))
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
    return len(entries)


def build_demo(settings: Settings, *, persons: int, lists: int, seed: int) -> Workspace:
    """Create the demo workspace at ``settings.workspace`` and load a synthetic scenario into it.

    Raises:
        WorkspaceError: the folder exists and is not a demo workspace.
        StorageError: the database cannot be written.
    """
    result = Workspace.init(settings, DEMO_PASSPHRASE, now=datetime.now(UTC), name="gavah-demo")
    ws = result.workspace
    scenario_dir = ws.root / _SCENARIO_DIR
    scenario = generate_scenario(
        load_vocabulary(), ScenarioParams(persons=persons, lists=lists, seed=seed)
    )
    write_scenario(scenario, scenario_dir)
    store = ws.store()
    source_ids = _load_sources(store, scenario_dir)
    records = _load_records(store, scenario_dir, source_ids)
    incidents = _load_incidents(store, scenario_dir)
    typer.echo(f"Loaded {records} list rows from {lists} lists and {incidents} incidents.")
    return ws


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
    if no_serve:
        ws.close()
        return
    _serve(ws, host, port)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the workspace's web pages (the minimal page until the web application lands)."""
    _serve(Workspace.open(settings_of(ctx)), host, port)


def _serve(ws: Workspace, host: str, port: int) -> None:
    store = ws.store()
    app = create_app(store.counts, name=ws.config.name)
    typer.echo(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        ws.close()


def register(app: typer.Typer) -> None:
    """Add ``demo`` and ``serve`` to ``app``."""
    app.command("demo")(demo)
    app.command("serve")(serve)
