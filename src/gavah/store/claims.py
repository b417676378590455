"""Repository for claims and their support/contradiction links.

Owns mapping :class:`~gavah.model.Claim` to and from ``claims`` and ``claim_links``. A claim's
links are stored from its side (``claim_id`` supports/contradicts ``target_id``); targets must
already exist, so a batch is inserted claims first, links second. Must not grade claims.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.model import Claim, ClaimKind, ClaimRelation, ClaimStance, VictimCount
from gavah.store.codec import to_enum
from gavah.store.schema import ClaimLinkRow, ClaimRow
from gavah.store.session import flush

__all__ = ["ClaimRepository"]


def _claim_row(claim: Claim) -> ClaimRow:
    count = claim.count
    return ClaimRow(
        id=claim.id,
        report_id=claim.report_id,
        kind=claim.kind.value,
        text=claim.text,
        subject=dict(claim.subject),
        person_id=claim.person_id,
        incident_id=claim.incident_id,
        act_id=claim.act_id,
        count_low=None if count is None else count.low,
        count_high=None if count is None else count.high,
        stance=claim.stance.value,
    )


class ClaimRepository:
    """Claims made in reports."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, claim: Claim) -> None:
        """Insert ``claim`` and its links.

        Raises:
            StorageError: the id is taken, or the report or a linked claim is missing.
        """
        self.add_many([claim])

    def add_many(self, claims: Iterable[Claim]) -> int:
        """Insert claims that may link to one another; return how many.

        Raises:
            StorageError: an id is taken, or a report or linked claim is missing.
        """
        batch = list(claims)
        self._session.add_all(_claim_row(claim) for claim in batch)
        flush(self._session)
        for claim in batch:
            self._session.add_all(
                ClaimLinkRow(claim_id=claim.id, target_id=target, relation=relation.value)
                for relation, targets in (
                    (ClaimRelation.SUPPORTS, claim.supports),
                    (ClaimRelation.CONTRADICTS, claim.contradicts),
                )
                for target in targets
            )
        flush(self._session)
        return len(batch)

    def get(self, claim_id: str) -> Claim | None:
        """The claim with ``claim_id``, or ``None``."""
        row = self._session.get(ClaimRow, claim_id)
        return None if row is None else self._claim(row)

    def by_report(self, report_id: str) -> list[Claim]:
        """The claims a report makes, by id."""
        rows = self._session.scalars(
            select(ClaimRow).where(ClaimRow.report_id == report_id).order_by(ClaimRow.id)
        ).all()
        return [self._claim(row) for row in rows]

    def all(self) -> list[Claim]:
        """Every claim with its links, by id (two queries, whatever the number)."""
        links: dict[str, list[tuple[str, str]]] = {}
        for claim_id, target, relation in self._session.execute(
            select(ClaimLinkRow.claim_id, ClaimLinkRow.target_id, ClaimLinkRow.relation).order_by(
                ClaimLinkRow.claim_id, ClaimLinkRow.target_id
            )
        ):
            links.setdefault(claim_id, []).append((target, relation))
        rows = self._session.scalars(select(ClaimRow).order_by(ClaimRow.id))
        return [_claim(row, links.get(row.id, [])) for row in rows]

    def linked_to(self, claim_id: str) -> list[tuple[str, ClaimRelation]]:
        """Claims that support or contradict ``claim_id``: (their id, relation), by id."""
        rows = self._session.execute(
            select(ClaimLinkRow.claim_id, ClaimLinkRow.relation)
            .where(ClaimLinkRow.target_id == claim_id)
            .order_by(ClaimLinkRow.claim_id)
        )
        return [(source, to_enum(ClaimRelation, relation)) for source, relation in rows]

    def _claim(self, row: ClaimRow) -> Claim:
        links = self._session.execute(
            select(ClaimLinkRow.target_id, ClaimLinkRow.relation)
            .where(ClaimLinkRow.claim_id == row.id)
            .order_by(ClaimLinkRow.target_id)
        ).all()
        return _claim(row, [(t, r) for t, r in links])


def _claim(row: ClaimRow, links: list[tuple[str, str]]) -> Claim:
    count = None if row.count_low is None else VictimCount(row.count_low, row.count_high)
    return Claim(
        id=row.id,
        report_id=row.report_id,
        kind=to_enum(ClaimKind, row.kind),
        text=row.text,
        subject=row.subject,
        person_id=row.person_id,
        incident_id=row.incident_id,
        act_id=row.act_id,
        count=count,
        supports=tuple(t for t, r in links if r == ClaimRelation.SUPPORTS.value),
        contradicts=tuple(t for t, r in links if r == ClaimRelation.CONTRADICTS.value),
        stance=to_enum(ClaimStance, row.stance),
    )
