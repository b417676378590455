"""Grading claims over a workspace: what grading reads, the policy in use, a stored run.

Owns :class:`Loaded` (sources, reports, incidents, their acts and claims, as grading reads them)
and :func:`load`; the policy to grade under — :func:`policy_of` (a policy file, else
``[grading]`` of ``gavah.toml``, else the shipped default), :func:`workspace_policy` (the table
only, raising on a broken one) and :func:`policy_in_use` (the same, falling back to the default
instead: for pages that must not fail); :func:`place_normaliser` (town names to the gazetteer's
canonical form); :func:`grade_and_store` (grade every claim, diff against the last stored run
and store the new one) with :func:`tally`, and :func:`board` (the claims board). The rules live
in :mod:`gavah.verify`; :class:`ClaimView` / :func:`claim_view` (one claim, who said it, and
its stored grade with the explanation, or a fresh one when none is stored).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gavah.errors import ConfigError
from gavah.model import Act, Claim, Incident, Report, Source
from gavah.store import (
    ClaimRepository,
    IncidentRepository,
    ReportRepository,
    SourceRepository,
    Store,
)
from gavah.store.grades import GradeRepository
from gavah.verify import (
    GRADE_ORDER,
    BoardRow,
    ClaimGrade,
    Grade,
    GradeChange,
    GradingPolicy,
    claims_board,
    default_policy,
    diff_grades,
    grade_claims,
    parse_policy,
    policy_from_toml,
)
from gavah.verify.quantity import PlaceNormaliser, plain_place
from gavah.vocab import load_gazetteer

if TYPE_CHECKING:
    from gavah.workspace import Workspace

__all__ = [
    "ClaimView",
    "GradingRun",
    "Loaded",
    "board",
    "claim_view",
    "grade_and_store",
    "load",
    "place_normaliser",
    "policy_in_use",
    "policy_of",
    "tally",
    "workspace_policy",
]


@dataclass(frozen=True, slots=True)
class Loaded:
    """Everything grading and counting read from a workspace."""

    sources: list[Source]
    reports: list[Report]
    incidents: dict[str, Incident]
    claims: list[Claim]
    acts: dict[str, list[Act]] = field(default_factory=dict)

    def grade(self, policy: GradingPolicy) -> dict[str, ClaimGrade]:
        """Grade every claim under ``policy``."""
        return grade_claims(self.sources, self.reports, self.claims, policy)


@dataclass(frozen=True, slots=True)
class GradingRun:
    """The grades of one run and what changed since the last stored run."""

    results: dict[str, ClaimGrade]
    changes: list[GradeChange]


def load(store: Store, *, acts: bool = True) -> Loaded:
    """Read sources, reports, incidents (with their acts unless ``acts`` is false) and claims.

    Raises:
        StorageError: the database cannot be read.
    """
    with store.reader() as session:
        incidents = IncidentRepository(session)
        return Loaded(
            sources=SourceRepository(session).list(),
            reports=ReportRepository(session).list(),
            incidents={i.id: i for i in incidents.list()},
            claims=ClaimRepository(session).all(),
            acts=incidents.all_acts() if acts else {},
        )


def workspace_policy(workspace: Workspace | None) -> GradingPolicy:
    """The ``[grading]`` table of the workspace's gavah.toml, else the default policy.

    Raises:
        ConfigError: the table is not a valid policy.
    """
    table = None if workspace is None else workspace.config.extra.get("grading")
    if table is None:
        return default_policy()
    if not isinstance(table, Mapping):
        raise ConfigError("gavah.toml: [grading] must be a table")
    try:
        return parse_policy(table)
    except ConfigError as err:
        raise ConfigError(f"gavah.toml: {err}") from None


def policy_of(workspace: Workspace, policy_file: Path | None) -> GradingPolicy:
    """The policy to grade under: ``policy_file``, else ``[grading]`` of gavah.toml, else default.

    Raises:
        ConfigError: the file cannot be read or the policy is invalid.
    """
    if policy_file is None:
        return workspace_policy(workspace)
    try:
        text = policy_file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"the policy file {policy_file} is not UTF-8") from None
    except OSError as err:
        reason = err.strerror or str(err)
        raise ConfigError(f"cannot read the policy file {policy_file}: {reason}") from None
    return policy_from_toml(text, str(policy_file))


def policy_in_use(workspace: Workspace | None) -> GradingPolicy:
    """The grading policy of ``gavah.toml`` (``[grading]``), else the shipped default.

    A broken ``[grading]`` table falls back to the default too: the public site must not fail
    over it (``gavah claims grade`` reports the problem).
    """
    try:
        return workspace_policy(workspace)
    except ConfigError:
        return default_policy()


def place_normaliser() -> PlaceNormaliser:
    """Town names to the gazetteer's canonical Persian name (the register's form), else folded."""
    gazetteer = load_gazetteer()

    def normalise(text: str, province: str | None) -> str:
        match = gazetteer.match_city(text, province)
        return match[1].persian if match is not None else plain_place(text, province)

    return normalise


def _quiet(_claims: int) -> AbstractContextManager[object]:
    return nullcontext()


def grade_and_store(
    store: Store,
    policy: GradingPolicy,
    at: dt.datetime,
    *,
    store_grades: bool = True,
    busy: Callable[[int], AbstractContextManager[object]] = _quiet,
) -> GradingRun:
    """Grade every claim, compare with the stored grades, and store the run unless told not to.

    ``busy(number of claims)`` wraps the grading itself (a command line shows a spinner).

    Raises:
        StorageError: the database cannot be read or written.
    """
    loaded = load(store, acts=False)
    with busy(len(loaded.claims)):
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
                graded_at=at,
                policy_name=policy.name,
                policy_digest=policy.digest,
                policy=policy.as_mapping(),
                grades=[(c, r.grade.value, r.explanation.as_json()) for c, r in results.items()],
                changes=[c.as_json() for c in changes],
            )
    return GradingRun(results, changes)


def tally(results: Mapping[str, ClaimGrade]) -> list[tuple[str, int]]:
    """How many claims got each grade, in the grades' order."""
    return [(g.value, sum(1 for r in results.values() if r.grade is g)) for g in GRADE_ORDER]


def board(loaded: Loaded, results: Mapping[str, ClaimGrade]) -> list[BoardRow]:
    """Competing count claims about the same quantity, with their ``results``."""
    return claims_board(
        loaded.claims,
        grades={c: r.grade for c, r in results.items()},
        reports={r.id: r for r in loaded.reports},
        sources={s.id: s for s in loaded.sources},
        incidents=loaded.incidents,
        normalise=place_normaliser(),
    )


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim, who said it, its grade and the explanation (JSON of :mod:`gavah.verify`)."""

    claim: Claim
    report: Report | None
    source: Source | None
    stored: bool
    explanation: Mapping[str, Any]


def claim_view(
    store: Store, claim_id: str, policy: GradingPolicy | Callable[[], GradingPolicy]
) -> ClaimView | None:
    """The claim ``claim_id`` with its stored grade (or a fresh one under ``policy``), or
    ``None`` when there is no such claim.

    ``policy`` may be a function: it is then called only when no grade is stored (so that a
    broken policy does not hide a stored grade).

    Raises:
        StorageError: the database cannot be read.
    """
    with store.reader() as session:
        claim = ClaimRepository(session).get(claim_id)
        if claim is None:
            return None
        report = ReportRepository(session).get(claim.report_id)
        source = None if report is None else SourceRepository(session).get(report.source_id)
        stored = GradeRepository(session).latest().get(claim_id)
    if stored is not None:
        return ClaimView(claim, report, source, True, stored.explanation)
    chosen = policy if isinstance(policy, GradingPolicy) else policy()
    fresh = load(store, acts=False).grade(chosen)[claim_id].explanation.as_json()
    return ClaimView(claim, report, source, False, fresh)
