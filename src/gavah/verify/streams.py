"""Independent streams: which reports are, for grading, one line of transmission.

Owns :class:`Witness` (one report, or one list record, that supports an assertion),
:class:`StreamIndex` (a source's stream is the root of its chain of ``origin_id``: a media outlet
that derives from an NGO is the NGO's stream, transitively) and :class:`Stream` (the witnesses of
one stream, with what the policy needs to know of it). A report that relays another source
(``Report.relays_source_id``) belongs to that source's stream. A stream rooted in an
acknowledging source (an authority or perpetrator) is an *admission* when one of its witnesses
affirms the assertion, and a *self-serving denial* when all of them deny it; a denial is never an
acknowledgement. Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gavah.model.source import Reliability, Source
from gavah.model.vocabulary import SourceKind
from gavah.verify.policy import GradingPolicy

__all__ = ["Stream", "StreamIndex", "Witness"]


@dataclass(frozen=True, slots=True)
class Witness:
    """One item of support: a report (or a list record) made by a source.

    Attributes:
        label: how the explanation names it ("report R1 (claim C1)", "record list-a:17").
        source_id: the source that made it.
        relays_source_id: the source it repeats, if it only relays another.
        evidence_verified: whether the evidence it rests on was verified by an analyst.
        denies: whether it denies the assertion rather than affirming it (a claim's stance).
    """

    label: str
    source_id: str
    relays_source_id: str | None = None
    evidence_verified: bool = False
    denies: bool = False


@dataclass(frozen=True, slots=True)
class Stream:
    """The witnesses of one independent stream and how the policy judges it.

    Attributes:
        root_id: the source at the root of the stream (the origin every member derives from).
        name: that source's name (or its id, when the source is unknown).
        members: labels of the witnesses in the stream, sorted.
        speakers: names of the sources that spoke in it, sorted (more than one: relays).
        credible: whether the stream counts (its root's reliability is credible under the policy).
        verified_primary: whether it carries primary evidence that an analyst verified.
        acknowledging: whether its root is an authority or perpetrator and a witness in it
            affirms the assertion (an admission against interest).
        denying: whether its root is an authority or perpetrator and every witness in it denies
            the assertion (a self-serving denial: graded as an ordinary stream, never an
            acknowledgement, and unable on its own to contest a claim other streams support).
        reason: why it counts or does not, in words.
    """

    root_id: str
    name: str
    members: tuple[str, ...]
    speakers: tuple[str, ...]
    credible: bool
    verified_primary: bool
    acknowledging: bool
    reason: str
    denying: bool = False

    def as_json(self) -> dict[str, Any]:
        """The stream as JSON-ready data."""
        return {
            "stream": self.name,
            "root_source": self.root_id,
            "counted": self.credible,
            "reason": self.reason,
            "speakers": list(self.speakers),
            "members": list(self.members),
            "verified_primary": self.verified_primary,
            "acknowledging": self.acknowledging,
            "denying": self.denying,
        }


class StreamIndex:
    """Resolves sources to the root of their origin chain; cycles and dangling origins stop it."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._sources: dict[str, Source] = {s.id: s for s in sources}
        self._roots: dict[str, str] = {}

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources known to the index, by id."""
        return self._sources

    def root(self, source_id: str) -> str:
        """The id of the source at the root of ``source_id``'s origin chain (itself if none).

        An origin that is not a known source ends the chain at the last known source; a cycle
        ends it at the smallest id in the cycle, so the answer never depends on where one starts.
        """
        cached = self._roots.get(source_id)
        if cached is not None:
            return cached
        chain: list[str] = []
        current = source_id
        while True:
            if current in chain:
                cycle = chain[chain.index(current) :]
                root = min(cycle)
                break
            chain.append(current)
            source = self._sources.get(current)
            if source is None or source.origin_id is None:
                root = current
                break
            if source.origin_id not in self._sources:
                root = current
                break
            current = source.origin_id
        for member in chain:
            self._roots[member] = root
        return root

    def stream_of(self, witness: Witness) -> str:
        """The root source id of the stream ``witness`` belongs to."""
        return self.root(witness.relays_source_id or witness.source_id)

    def name(self, source_id: str) -> str:
        """The name of a source, or its id when unknown."""
        source = self._sources.get(source_id)
        return source_id if source is None else source.name

    def streams(self, witnesses: Iterable[Witness], policy: GradingPolicy) -> tuple[Stream, ...]:
        """Group ``witnesses`` into streams and judge each under ``policy``, sorted by name."""
        groups: dict[str, list[Witness]] = {}
        for witness in witnesses:
            groups.setdefault(self.stream_of(witness), []).append(witness)
        return tuple(
            sorted(
                (self._judge(root, members, policy) for root, members in groups.items()),
                key=lambda s: (s.name, s.root_id),
            )
        )

    def _kind(self, source_id: str) -> SourceKind | None:
        source = self._sources.get(source_id)
        return None if source is None else source.kind

    def _judge(self, root_id: str, members: list[Witness], policy: GradingPolicy) -> Stream:
        root = self._sources.get(root_id)
        reliability = Reliability.UNKNOWN if root is None else root.reliability
        credible = root is not None and reliability in policy.credible_reliability
        primary = any(
            w.evidence_verified
            and (
                self._kind(w.source_id) in policy.primary_kinds
                or self._kind(root_id) in policy.primary_kinds
            )
            for w in members
        )
        authority = root is not None and root.kind in policy.acknowledging_kinds
        acknowledging = authority and any(not w.denies for w in members)
        denying = authority and all(w.denies for w in members)
        name = self.name(root_id)
        if root is None:
            reason = f"source {root_id} is not in the workspace"
        elif credible:
            reason = f"{root.kind.value} source assessed {reliability.value}: credible"
        else:
            allowed = ", ".join(sorted(r.value for r in policy.credible_reliability))
            reason = (
                f"{root.kind.value} source assessed {reliability.value}; the policy counts only"
                f" {allowed}"
            )
        if denying:
            reason += "; a denial by an authority or perpetrator, not an admission"
        return Stream(
            root_id=root_id,
            name=name,
            members=tuple(sorted({w.label for w in members})),
            speakers=tuple(sorted({self.name(w.source_id) for w in members})),
            credible=credible,
            verified_primary=primary,
            acknowledging=acknowledging,
            reason=reason,
            denying=denying,
        )
