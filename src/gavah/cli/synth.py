"""The ``gavah synth`` command: write a synthetic scenario (lists with ground truth) to a folder.

A thin adapter over :mod:`gavah.synth`: it reads the options, loads the shipped vocabulary,
shows a progress bar while the lists are written, and prints a summary. It must not generate or
write anything itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gavah.cli.context import echo_json
from gavah.synth import (
    MAX_LISTS,
    MIN_LISTS,
    Scenario,
    ScenarioParams,
    check_output,
    generate_scenario,
    write_scenario,
)
from gavah.vocab import Vocabulary, load_vocabulary

__all__ = ["VocabularyLoader", "register"]

VocabularyLoader = Callable[[], Vocabulary]


def _print_summary(summary: dict[str, Any], seconds: float) -> None:
    persons, observed = summary["persons"], summary["observed"]
    typer.echo(
        f"true persons: {persons}; observed on at least one list: {observed} "
        f"({observed / persons:.1%}); sharing a full name with another: {summary['namesakes']}"
    )
    for item in summary["lists"]:
        typer.echo(
            f"  {item['name']:<24} {item['records']:>8} records "
            f"({item['persons']} persons, {item['duplicates']} duplicates)"
        )
    typer.echo(
        f"{summary['incidents']} incidents, {summary['evidence_files']} evidence files; "
        f"written to {summary['out']} in {seconds:.1f} s"
    )


def _write(scenario: Scenario, out: Path, force: bool, quiet: bool) -> None:
    console = Console(stderr=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
    ) as progress:
        task = progress.add_task("writing lists", total=scenario.total_records)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        write_scenario(scenario, out, force=force, on_progress=on_progress)


def register(app: typer.Typer, *, vocabulary: VocabularyLoader = load_vocabulary) -> None:
    """Add the ``synth`` command to ``app``; ``vocabulary`` loads the names and places."""

    @app.command("synth")
    def synth(
        *,
        persons: Annotated[
            int,
            typer.Option(
                "--persons",
                help="How many people were truly killed in the scenario (true N, at least 1).",
                show_default=False,
            ),
        ],
        out: Annotated[
            Path,
            typer.Option(
                "--out",
                help="Folder to write (created; must be empty unless --force).",
                show_default=False,
            ),
        ],
        lists: Annotated[
            int,
            typer.Option(
                "--lists", help=f"How many lists document them ({MIN_LISTS} to {MAX_LISTS})."
            ),
        ] = 5,
        seed: Annotated[
            int, typer.Option("--seed", help="Seed: the same seed writes identical files.")
        ] = 1,
        evidence: Annotated[
            int,
            typer.Option("--evidence", help="How many synthetic JPEGs with EXIF GPS to write."),
        ] = 12,
        force: Annotated[
            bool,
            typer.Option(
                "--force", help="Replace an earlier gavah synth output in --out (nothing else)."
            ),
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    ) -> None:
        """Write a synthetic scenario: people killed, the overlapping lists that document them
        (Persian and Latin script, Solar Hijri and Gregorian dates, typos, namesakes, duplicates,
        missing fields), their ground truth, and sources, incidents and evidence for the demo.

        Writes lists/<source>.csv (the list CSV of design.md), truth.csv
        (source,record_id,person_id), truth.json (true N, observed, capture histories),
        capture_histories.csv (for gavah estimate --table), persons.csv, sources.json,
        incidents.json, evidence.json and evidence/. All synthetic: no real person's data.
        """
        params = ScenarioParams(persons=persons, lists=lists, seed=seed, evidence=evidence)
        params.verify()
        check_output(out.absolute(), force)
        started = time.perf_counter()
        scenario = generate_scenario(vocabulary(), params)
        _write(scenario, out, force, quiet=as_json)
        summary = {**scenario.summary(), "out": str(out)}
        if as_json:
            echo_json(summary)
        else:
            _print_summary(summary, time.perf_counter() - started)
