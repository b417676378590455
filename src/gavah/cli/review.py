"""``gavah review list|show|decide``: the uncertain pairs of the last link, and decisions on them.

A thin adapter over the store's review queue and decision log. Each pair is shown with the
match weight every comparison contributed, so the reviewer sees why the score is what it is.
Decisions (same / different / unsure, by whom, when, why) are appended to a log and respected
by every later ``gavah link``; they name records by source and record id, so they survive a
re-import. The clock is read here, at the edge.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from gavah.cli.context import echo_json, settings_of
from gavah.errors import ParseError
from gavah.linkage import Decision, Judgement, ScoredPair, pair_key, record_uid, split_uid
from gavah.model import RecordKey
from gavah.store import RecordRepository, SourceRepository
from gavah.store.register import ReviewRepository
from gavah.workspace import Workspace

__all__ = ["register"]

review_app = typer.Typer(
    help="Review uncertain matches: list them, show one with its evidence, decide.",
    no_args_is_help=True,
)


def _names(ctx: typer.Context) -> tuple[Workspace, dict[str, str]]:
    workspace = Workspace.open(settings_of(ctx))
    with workspace.store().reader() as session:
        names = {s.id: s.name for s in SourceRepository(session).list()}
    return workspace, names


def _label(uid: str, names: dict[str, str]) -> str:
    source_id, record_id = split_uid(uid)
    return f"{names.get(source_id, source_id)}/{record_id}"


def _queue(workspace: Workspace) -> list[ScoredPair]:
    with workspace.store().reader() as session:
        return ReviewRepository(session).queue()


def _item(queue: list[ScoredPair], number: int) -> ScoredPair:
    if not 1 <= number <= len(queue):
        raise ParseError(f"no pair {number} in the review queue (it has {len(queue)})")
    return queue[number - 1]


@review_app.command("list")
def list_pairs(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the queue as JSON.")] = False,
) -> None:
    """List the pairs waiting for review, most uncertain first, numbered for show/decide."""
    workspace, names = _names(ctx)
    queue = _queue(workspace)
    rows = [
        {
            "item": n,
            "left": _label(p.left, names),
            "right": _label(p.right, names),
            "probability": round(p.probability, 4),
            "match_weight": round(p.match_weight, 3),
        }
        for n, p in enumerate(queue, start=1)
    ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        typer.echo("no pairs wait for review")
    for row in rows:
        typer.echo(
            f"{row['item']:>5}  p={row['probability']:.3f}  {row['left']}  ~  {row['right']}"
        )


@review_app.command("show")
def show(
    ctx: typer.Context,
    item: Annotated[int, typer.Argument(help="The pair's number in `gavah review list`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the pair as JSON.")] = False,
) -> None:
    """Show one pair: both records as the lists wrote them and each comparison's weight."""
    workspace, names = _names(ctx)
    pair = _item(_queue(workspace), item)
    with workspace.store().reader() as session:
        repo = RecordRepository(session)
        rows: list[dict[str, Any]] = []
        for uid in (pair.left, pair.right):
            source_id, record_id = split_uid(uid)
            record = repo.get(RecordKey(source_id, record_id))
            rows.append({"record": _label(uid, names), "row": dict(record.raw) if record else {}})
    detail = {
        "item": item,
        "probability": pair.probability,
        "match_weight": pair.match_weight,
        "records": rows,
        "contributions": [
            {"comparison": c.comparison, "level": c.level, "weight": round(c.weight, 3)}
            for c in pair.contributions
        ],
    }
    if as_json:
        echo_json(detail)
        return
    typer.echo(f"pair {item}: probability {pair.probability:.3f}, weight {pair.match_weight:+.2f}")
    for row in rows:
        cells = ", ".join(f"{k}={v}" for k, v in row["row"].items() if v)
        typer.echo(f"  {row['record']}: {cells}")
    for c in pair.contributions:
        typer.echo(f"  {c.comparison:<8} {c.weight:+6.2f}  {c.level}")


def _resolve(names: dict[str, str], source: str, record_id: str) -> str:
    by_name = {name: sid for sid, name in names.items()}
    if source not in by_name:
        raise ParseError(f"no source named {source!r}")
    return record_uid(by_name[source], record_id)


@review_app.command("decide")
def decide(
    ctx: typer.Context,
    judgement: Annotated[Judgement, typer.Argument(help="same, different or unsure.")],
    reviewer: Annotated[str, typer.Option("--by", help="Who decides (name or handle).")],
    item: Annotated[
        int | None, typer.Option("--item", help="The pair's number in `gavah review list`.")
    ] = None,
    pair: Annotated[
        tuple[str, str, str, str] | None,
        typer.Option(
            "--pair",
            help="Any two records instead: SOURCE RECORD_ID SOURCE RECORD_ID.",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why.")] = None,
) -> None:
    """Record a decision on a pair; every later `gavah link` respects it.

    "different" keeps the two records in different persons (splitting a cluster), "same"
    joins them, "unsure" records the doubt and changes nothing.
    """
    workspace, names = _names(ctx)
    if (item is None) == (pair is None):
        raise ParseError("name the pair with either --item N or --pair SOURCE ID SOURCE ID")
    if item is not None:
        chosen = _item(_queue(workspace), item)
        left, right = chosen.left, chosen.right
    else:
        assert pair is not None  # noqa: S101 - checked above; narrows the type
        left, right = pair_key(_resolve(names, pair[0], pair[1]), _resolve(names, pair[2], pair[3]))
    decision = Decision(left, right, judgement, reviewer, datetime.now(UTC), reason)
    with workspace.store().session() as session:
        ReviewRepository(session).decide(decision)
    typer.echo(
        f"{_label(left, names)} ~ {_label(right, names)}: {judgement.value} "
        "(applies from the next `gavah link`)"
    )


def register(app: typer.Typer) -> None:
    """Add the ``review`` command group to ``app``."""
    app.add_typer(review_app, name="review")
