"""``gavah publish approve|withhold|list``: who may be named on the public memorial.

A thin adapter over :mod:`gavah.store.publication`. A decision names persons (``--person``,
every record the person has now) or records (``--record SOURCE_ID:RECORD_ID``), says who took
it (``--by``) and may say why (``--reason``); it is kept on the records, so it survives
``gavah link``, and written to the web audit log. The rule: a person is public when at least one
of its records is approved and none is withheld. The clock is read here, at the edge.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ParseError
from gavah.model import RecordKey
from gavah.store.accounts import AuditEntry, AuditRepository
from gavah.store.publication import (
    APPROVED,
    WITHHELD,
    PersonDecision,
    PublicationRepository,
    sync_search,
)
from gavah.workspace import Workspace

__all__ = ["register"]

publish_app = typer.Typer(
    help="Approve victims for the public memorial, withhold them, list the decisions.",
    no_args_is_help=True,
)

Persons = Annotated[
    list[str] | None, typer.Option("--person", help="A person id (all its records); repeatable.")
]
Records = Annotated[
    list[str] | None,
    typer.Option("--record", help="A record as SOURCE_ID:RECORD_ID; repeatable."),
]
By = Annotated[str, typer.Option("--by", help="Who takes the decision (for the audit log).")]
Reason = Annotated[str | None, typer.Option("--reason", help="Why (e.g. the family asked).")]


def _record(text: str) -> RecordKey:
    source_id, sep, record_id = text.partition(":")
    if not sep or not source_id or not record_id:
        raise ParseError(f"--record {text!r}: write it as SOURCE_ID:RECORD_ID")
    return RecordKey(source_id, record_id)


def _decide(
    ctx: typer.Context,
    decision: str,
    persons: list[str] | None,
    records: list[str] | None,
    by: str,
    reason: str | None,
) -> None:
    keys = [_record(r) for r in records or []]
    if not keys and not persons:
        raise ParseError("say which: --person ID or --record SOURCE_ID:RECORD_ID")
    if not by.strip():
        raise ParseError("--by must name who takes the decision")
    now = datetime.now(UTC)
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().session() as session:
            repository = PublicationRepository(session)
            made = repository.decide(keys, decision, by=by, at=now, reason=reason)
            made += repository.decide_persons(
                [PersonDecision(p, decision, reason) for p in persons or []], by=by, at=now
            )
            sync_search(session)
            audit = AuditRepository(session)
            for d in made:
                audit.append(
                    AuditEntry(
                        now,
                        by,
                        f"publication.{decision}",
                        f"record {d.source_id}:{d.record_id}",
                        reason,
                    )
                )
    finally:
        workspace.close()
    typer.echo(f"{decision.capitalize()} {len(made)} records.")


@publish_app.command("approve")
def approve(
    ctx: typer.Context,
    person: Persons = None,
    record: Records = None,
    by: By = "command line",
    reason: Reason = None,
) -> None:
    """Approve records (or every record of persons) for the public memorial."""
    _decide(ctx, APPROVED, person, record, by, reason)


@publish_app.command("withhold")
def withhold(
    ctx: typer.Context,
    person: Persons = None,
    record: Records = None,
    by: By = "command line",
    reason: Reason = None,
) -> None:
    """Withhold records (or every record of persons): their person leaves the memorial."""
    _decide(ctx, WITHHELD, person, record, by, reason)


@publish_app.command("list")
def list_decisions(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the decisions as JSON.")] = False,
) -> None:
    """List the current decisions, newest first."""
    workspace = Workspace.open(settings_of(ctx))
    try:
        with workspace.store().reader() as session:
            decisions = PublicationRepository(session).decisions()
    finally:
        workspace.close()
    rows = [
        {
            "source_id": d.source_id,
            "record_id": d.record_id,
            "decision": d.decision,
            "ref": d.public_ref,
            "by": d.decided_by,
            "at": d.decided_at.isoformat(),
            "reason": d.reason,
        }
        for d in decisions
    ]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        why = f"\t{row['reason']}" if row["reason"] else ""
        typer.echo(
            f"{row['decision']}\t{row['source_id']}:{row['record_id']}\t{row['by']}\t{row['at']}"
            + why
        )


def register(app: typer.Typer) -> None:
    """Add ``publish`` to ``app``."""
    app.add_typer(publish_app, name="publish")
