"""Field-level sourcing, after Security Force Monitor: the source is attached to the field.

Owns :class:`Confidence` (low / medium / high) and :class:`Sourcing` (the citations behind one
field of one record, with a confidence and the dates the field was first and last cited). A record
holds a mapping from field name to :class:`Sourcing`; a field without an entry is unsourced.
Citations are ids of sources, reports or claims: this module does not resolve them. No I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from gavah.model.rules import check_id, require

__all__ = ["Confidence", "FieldSources", "Sourcing", "freeze_sources"]


class Confidence(StrEnum):
    """How far the sources support a field (Security Force Monitor's three levels)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for low, 1 for medium, 2 for high (for taking the weakest link of a chain)."""
        return ("low", "medium", "high").index(self.value)


@dataclass(frozen=True, slots=True)
class Sourcing:
    """The citations behind one field.

    Attributes:
        citations: ids of the sources, reports or claims that state the field (at least one).
        confidence: how far they support it.
        first_cited: the earliest date a citation states it, if known.
        last_cited: the latest date a citation states it, if known.
    """

    citations: tuple[str, ...]
    confidence: Confidence = Confidence.MEDIUM
    first_cited: dt.date | None = None
    last_cited: dt.date | None = None

    def __post_init__(self) -> None:
        require(isinstance(self.citations, tuple), "citations must be a tuple of ids")
        require(len(self.citations) > 0, "a sourced field needs at least one citation")
        for citation in self.citations:
            check_id("citation", citation)
        require(isinstance(self.confidence, Confidence), f"unknown confidence {self.confidence!r}")
        if self.first_cited is not None and self.last_cited is not None:
            require(
                self.first_cited <= self.last_cited,
                f"first cited ({self.first_cited}) is after last cited ({self.last_cited})",
            )


FieldSources = Mapping[str, Sourcing]
"""Field name → its sourcing."""


def freeze_sources(sources: Mapping[str, Sourcing]) -> FieldSources:
    """Return a read-only copy of ``sources``, checking every value is a :class:`Sourcing`.

    Raises:
        InvariantError: a value is not a :class:`Sourcing` or a key is empty.
    """
    for name, value in sources.items():
        require(bool(name), "a sourced field needs a name")
        require(isinstance(value, Sourcing), f"field {name!r}: sources must be a Sourcing")
    return MappingProxyType(dict(sources))
