"""What the evidence pages show: rows of the list, an item's metadata and custody history.

Owns reading evidence for display (:func:`evidence_page`, :func:`evidence_detail`) and the rule
of what is restricted (:data:`RESTRICTED_DETAIL`): the source's identity (who or what the file
came from, often a witness), the intake note and the field device's facts (its location) are
shown only to roles with ``view_restricted``; :func:`redact` drops them for the others. The
custody history is the item's ledger entries, decoded (PREMIS event types). Reads only; must not
render HTML or change anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gavah.ledger import EntryError, decode_entry
from gavah.model import EvidenceItem
from gavah.store import EvidenceRepository, SourceRepository, Store
from gavah.store.ledger import LedgerRepository
from gavah.store.vault import VaultRepository

__all__ = [
    "PAGE_SIZE",
    "RESTRICTED_DETAIL",
    "CustodyLine",
    "EvidenceDetail",
    "EvidencePage",
    "EvidenceRow",
    "evidence_detail",
    "evidence_page",
    "redact",
]

#: Items per page of the evidence list.
PAGE_SIZE = 50
#: Keys of a custody event's detail that name or locate people: restricted.
RESTRICTED_DETAIL = frozenset({"source", "note", "device"})
_WEB_AGENT = "; web upload by "


@dataclass(frozen=True, slots=True)
class CustodyLine:
    """One custody event about an item, as logged."""

    position: int
    type: str
    time: dt.datetime
    agent: str
    outcome: str
    detail: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One line of the evidence list."""

    item: EvidenceItem
    collected_by: str
    source: str | None


@dataclass(frozen=True, slots=True)
class EvidencePage:
    """One page of the list, newest first."""

    rows: list[EvidenceRow]
    page: int
    pages: int
    total: int


@dataclass(frozen=True, slots=True)
class EvidenceDetail:
    """An item with its extracted metadata and its custody history."""

    item: EvidenceItem
    source: str | None
    collected_by: str
    metadata: Mapping[str, Any]
    custody: list[CustodyLine] = field(default_factory=list)


def redact(detail: Mapping[str, Any], *, restricted: bool) -> dict[str, Any]:
    """``detail`` without its restricted keys unless ``restricted`` may be seen."""
    return {k: v for k, v in detail.items() if restricted or k not in RESTRICTED_DETAIL}


def _custody(ledger: LedgerRepository, sha256: str) -> list[CustodyLine]:
    lines = []
    for entry in ledger.positions_of(sha256):
        try:
            event = decode_entry(entry.entry)
        except EntryError:
            lines.append(CustodyLine(entry.position, entry.event_type, dt.datetime.min, "", "", {}))
            continue
        lines.append(
            CustodyLine(
                entry.position,
                event.type.value,
                event.time,
                event.agent,
                event.outcome.value,
                dict(event.detail),
            )
        )
    return lines


def _collector(custody: list[CustodyLine]) -> str:
    """Who took the item in: the account of a web upload, else the command line's agent."""
    for line in custody:
        if line.type == "ingestion":
            agent = line.agent
            return agent.split(_WEB_AGENT, 1)[1] if _WEB_AGENT in agent else agent
    return ""


def _source_name(sources: SourceRepository, source_id: str) -> str | None:
    source = sources.get(source_id)
    return None if source is None else source.name


def evidence_page(store: Store, page: int, *, restricted: bool) -> EvidencePage:
    """Page ``page`` (from 1) of the evidence, newest first; sources only if ``restricted``."""
    with store.reader() as session:
        ids = list(reversed(VaultRepository(session).ids()))
        total = len(ids)
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(1, page), pages)
        evidence = EvidenceRepository(session)
        ledger = LedgerRepository(session)
        sources = SourceRepository(session)
        rows = []
        for item_id in ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
            item = evidence.get(item_id)
            if item is None:  # pragma: no cover - listed in the same transaction
                continue
            custody = _custody(ledger, item.sha256)
            source = _source_name(sources, item.source_id) if restricted else None
            rows.append(EvidenceRow(item, _collector(custody), source))
    return EvidencePage(rows, page, pages, total)


def evidence_detail(store: Store, item_id: str, *, restricted: bool) -> EvidenceDetail | None:
    """The item ``item_id`` with its metadata and custody history, or ``None``.

    Without ``restricted`` the source and the restricted keys of each event are left out.
    """
    with store.reader() as session:
        item = EvidenceRepository(session).get(item_id)
        if item is None:
            return None
        metadata = VaultRepository(session).metadata(item.id)
        custody = _custody(LedgerRepository(session), item.sha256)
        source = _source_name(SourceRepository(session), item.source_id) if restricted else None
    shown = [
        CustodyLine(
            c.position, c.type, c.time, c.agent, c.outcome, redact(c.detail, restricted=restricted)
        )
        for c in custody
    ]
    return EvidenceDetail(item, source, _collector(custody), metadata, shown)
