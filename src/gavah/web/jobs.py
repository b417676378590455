"""Background jobs of the web workspace: long work in a thread, its progress on a page.

Owns :class:`Job` (what one job did so far: kind, who started it, step, done/total, the
outcome), :class:`JobBoard` (starts a job in a daemon thread and keeps the jobs of the process)
and :func:`job_board` / :func:`board_of` (the board of one app, on ``app.state``: two apps in
one process never share jobs). A job's work is a function given a :class:`Progress`; an
expected failure is a :class:`gavah.errors.GavahError`, whose message is shown; anything else
is shown as an internal error without its text (which may hold data) and logged.

Jobs live in memory, per process: a page reload finds its job again (``gavah serve`` runs one
process), a server restart forgets them — and a restart would have stopped the thread anyway.
What a job writes to the workspace is written in one transaction at its end, so a job that
stops half-way leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from starlette.applications import Starlette
from starlette.requests import HTTPConnection

from gavah.errors import GavahError
from gavah.web.context import WebContext

__all__ = ["Job", "JobBoard", "JobState", "Progress", "board_of", "job_board"]

_log = logging.getLogger(__name__)
#: Jobs kept per board; the oldest finished ones are forgotten beyond this.
MAX_JOBS = 200


class JobState(StrEnum):
    """Where a job is."""

    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(slots=True)
class Job:
    """One background job and what it has said so far (read under the board's lock)."""

    id: str
    kind: str
    owner: str
    started: dt.datetime
    state: JobState = JobState.RUNNING
    step: str = ""
    done: int = 0
    total: int = 0
    error: str | None = None
    result: Mapping[str, Any] = field(default_factory=dict)
    finished: dt.datetime | None = None

    @property
    def percent(self) -> int:
        """How far, 0-100 (0 while the total is unknown)."""
        if self.state is JobState.DONE:
            return 100
        return 0 if self.total <= 0 else min(100, self.done * 100 // self.total)

    @property
    def running(self) -> bool:
        """Whether the job is still working."""
        return self.state is JobState.RUNNING


class Progress:
    """What a job's work calls to report: a step name, and done out of total."""

    def __init__(self, board: JobBoard, job: Job) -> None:
        self._board = board
        self._job = job

    def step(self, name: str, total: int = 0) -> None:
        """Start a step of ``total`` units (0: unknown)."""
        with self._board.lock:
            self._job.step, self._job.done, self._job.total = name, 0, total

    def advance(self, units: int = 1) -> None:
        """Count ``units`` more done in the current step."""
        with self._board.lock:
            self._job.done += units


Work = Callable[[Progress], Mapping[str, Any]]


class JobBoard:
    """The jobs of one app: start them in threads, read them back by id."""

    def __init__(self, clock: Callable[[], dt.datetime]) -> None:
        self.lock = threading.Lock()
        self._clock = clock
        self._jobs: dict[str, Job] = {}
        self._threads: dict[str, threading.Thread] = {}

    def start(self, kind: str, owner: str, work: Work) -> Job:
        """Run ``work`` in a daemon thread as a new job of ``kind`` started by ``owner``."""
        job = Job(id=secrets.token_hex(8), kind=kind, owner=owner, started=self._clock())
        thread = threading.Thread(target=self._run, args=(job, work), daemon=True)
        with self.lock:
            self._forget_old()
            self._jobs[job.id] = job
            self._threads[job.id] = thread
        thread.start()
        return job

    def _run(self, job: Job, work: Work) -> None:
        try:
            result = work(Progress(self, job))
        except GavahError as err:
            self._finish(job, JobState.FAILED, error=str(err))
        except Exception:  # a bug must not kill the server; its text may hold data
            _log.exception("web job %s (%s) failed", job.id, job.kind)
            self._finish(job, JobState.FAILED, error="internal error: see the server log")
        else:
            self._finish(job, JobState.DONE, result=result)

    def _finish(
        self,
        job: Job,
        state: JobState,
        *,
        error: str | None = None,
        result: Mapping[str, Any] | None = None,
    ) -> None:
        with self.lock:
            job.state, job.error, job.finished = state, error, self._clock()
            if result is not None:
                job.result = result

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if not j.running]
        for old in finished[: max(0, len(self._jobs) - MAX_JOBS + 1)]:
            del self._jobs[old.id]
            self._threads.pop(old.id, None)

    def get(self, job_id: str, kind: str) -> Job | None:
        """The job ``job_id`` if it is of ``kind``, else ``None``."""
        with self.lock:
            job = self._jobs.get(job_id)
            return job if job is not None and job.kind == kind else None

    def of_kind(self, kind: str) -> list[Job]:
        """The jobs of ``kind``, newest first."""
        with self.lock:
            return [j for j in reversed(self._jobs.values()) if j.kind == kind]

    def wait(self, job_id: str, timeout: float | None = None) -> bool:
        """Wait for a job's thread to end (tests, shutdown); ``True`` if it has ended."""
        with self.lock:
            thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True


def job_board(connection: HTTPConnection) -> JobBoard:
    """The job board of the app serving ``connection`` (made on first use)."""
    return board_of(connection.app)


def board_of(app: Starlette) -> JobBoard:
    """The job board of ``app`` (made on first use; tests read jobs through it)."""
    with _BOARD_LOCK:
        board = getattr(app.state, "gavah_jobs", None)
        if not isinstance(board, JobBoard):
            context = app.state.gavah
            if not isinstance(context, WebContext):  # pragma: no cover - the factory sets it
                raise TypeError("the web app was not built by gavah.web.create_app")
            board = JobBoard(context.clock)
            app.state.gavah_jobs = board
    return board


_BOARD_LOCK = threading.Lock()
