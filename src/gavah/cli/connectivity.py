"""``gavah connectivity import|timeline``: internet-shutdown data as evidence, on the timeline.

Owns the commands' options and output. A measurement file is parsed first (a file that is not
one of the supported formats changes nothing), then ingested into the vault like any evidence
(encrypted, digested, logged) and its observations stored against the file's SHA-256. The
timeline joins the register's deaths per day with the observations for one region. Parsing is
:mod:`gavah.connectivity`'s; this module only wires the workspace to it and reads the clock.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from gavah.cli.context import echo_json, read_passphrase, settings_of
from gavah.cli.ingest import finish_batch, open_ingestor
from gavah.connectivity import (
    MeasurementFormat,
    build_timeline,
    parse_measurements,
    province_code,
)
from gavah.errors import GavahError
from gavah.store.connectivity import ConnectivityRepository
from gavah.vocab import load_gazetteer
from gavah.workspace import Workspace

__all__ = ["connectivity_app", "register"]

connectivity_app = typer.Typer(
    help="Internet measurements (IODA, OONI, Cloudflare Radar) as evidence and on the timeline.",
    no_args_is_help=True,
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@connectivity_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A saved IODA, OONI or Cloudflare Radar file.")],
    fmt: Annotated[
        MeasurementFormat | None,
        typer.Option("--format", help="The file's format (default: recognised from content)."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source name (default: the data set's).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Keep a measurement file as evidence and store its observations by region and time.

    IODA signal series and outage events (the v2 API's JSON), OONI measurements (JSON lines)
    and Cloudflare Radar outage annotations (JSON or CSV). The file goes into the vault like any
    evidence; importing it again adds nothing.
    """
    from gavah.vault import IngestRequest  # noqa: PLC0415 - Pillow and NumPy are heavy

    settings = settings_of(ctx)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise GavahError(f"cannot read {file}: {err.strerror}") from None
    found, observations = parse_measurements(data, load_gazetteer(), fmt)
    workspace = Workspace.open(settings)
    try:
        keys = workspace.unlock(read_passphrase(settings))
        store = workspace.store()
        ingestor = open_ingestor(workspace, keys)
        request = IngestRequest(
            source=source or f"{found.value} measurements",
            note=f"{found.value} connectivity data",
        )
        try:
            outcome = ingestor.ingest(file, request)
            with store.session() as session:
                added = ConnectivityRepository(session).add_all(outcome.sha256, observations)
        finally:
            ingestor.seal()
        finish_batch(workspace, keys, Console(stderr=True))
    finally:
        workspace.close()
    outages = sum(1 for o in observations if o.outage)
    days = sorted({d for o in observations for d in o.days()})
    if as_json:
        echo_json(
            {
                "format": found.value,
                "evidence_id": outcome.evidence_id,
                "sha256": outcome.sha256,
                "observations": len(observations),
                "added": added,
                "outages": outages,
                "first_day": days[0].isoformat() if days else None,
                "last_day": days[-1].isoformat() if days else None,
            }
        )
        return
    span = f" from {days[0]} to {days[-1]}" if days else ""
    verb = "stored" if added else "already stored"
    typer.echo(
        f"{found.value}: {len(observations)} observations ({outages} outages){span} {verb}; "
        f"file kept as evidence {outcome.evidence_id}"
    )


def _date(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GavahError(f"{what} {text!r}: give a date as YYYY-MM-DD") from None


@connectivity_app.command("timeline")
def timeline(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="The figure to write (.svg or .png).")],
    region: Annotated[
        str | None,
        typer.Option(
            "--region", help="A province (name in Persian or Latin, or code such as IR-23)."
        ),
    ] = None,
    first: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Also print the data as JSON.")] = False,
) -> None:
    """Plot deaths per day beside connectivity for a region, with outages shaded.

    Deaths come from the register's records (event 'killed', dated to the day; a person on
    several lists counts once). Connectivity is the region's own observations and its country's.
    """
    from gavah.connectivity.plot import write_timeline  # noqa: PLC0415 - matplotlib is heavy

    code = None
    if region is not None:
        code = province_code(load_gazetteer(), region)
        if code is None:
            raise GavahError(f"--region {region!r}: not a province Gavah knows")
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().reader() as session:
            repo = ConnectivityRepository(session)
            deaths = repo.deaths_per_day(code)
            observations = repo.observations()
    finally:
        workspace.close()
    result = build_timeline(
        deaths,
        observations,
        code,
        first=_date(first, "--from"),
        last=_date(last, "--to"),
    )
    title = f"Deaths per day and connectivity: {region or 'all provinces'}"
    write_timeline(result, out, title)
    if as_json:
        echo_json(
            {
                "region": code,
                "days": [d.isoformat() for d in result.days],
                "deaths": list(result.deaths),
                "signals": {k: list(v) for k, v in result.signals.items()},
                "outages": [
                    {"start": o.start.isoformat(), "end": o.end.isoformat(), "source": o.label}
                    for o in result.outages
                ],
                "figure": str(out),
            }
        )
        return
    typer.echo(
        f"{out}: {len(result.days)} days, {sum(result.deaths)} deaths, "
        f"{len(result.signals)} signals, {len(result.outages)} outages marked"
    )


def register(app: typer.Typer) -> None:
    """Add ``gavah connectivity`` to ``app``."""
    app.add_typer(connectivity_app, name="connectivity")
