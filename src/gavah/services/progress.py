"""What a long service call reports while it works, and the report that says nothing.

Owns :class:`StepProgress` (the protocol a service calls: a step's name and units done of a
total; :class:`gavah.web.jobs.Progress` satisfies it, and a command line may draw a bar) and
:data:`QUIET` (a progress that reports nowhere). Step names are English; the web marks them for
translation where it shows them.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["QUIET", "StepProgress"]


class StepProgress(Protocol):
    """Receives a service's steps and how far each has gone."""

    def step(self, name: str, total: int = 0) -> None:
        """Start a step of ``total`` units (0: unknown)."""

    def advance(self, units: int = 1) -> None:
        """Count ``units`` more done in the current step."""


class _Quiet:
    def step(self, name: str, total: int = 0) -> None:
        """Report nothing."""

    def advance(self, units: int = 1) -> None:
        """Report nothing."""


#: A progress that reports nowhere.
QUIET: StepProgress = _Quiet()
