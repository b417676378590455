"""Repositories for sources and reports.

Owns mapping :class:`~gavah.model.Source` and :class:`~gavah.model.Report` to and from their rows
(``sources``, ``reports``, ``report_evidence``). Repositories work inside a session opened by
:class:`gavah.store.Store`; they never commit. Must not judge sources (that is ``gavah.verify``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gavah.model import Report, Source, SourceKind
from gavah.model.source import Reliability
from gavah.store.codec import date_columns, date_from_columns, to_enum
from gavah.store.schema import ReportEvidenceRow, ReportRow, SourceRow
from gavah.store.session import flush

__all__ = ["ReportRepository", "SourceRepository"]


def _source_row(source: Source) -> SourceRow:
    return SourceRow(
        id=source.id,
        name=source.name,
        kind=source.kind.value,
        origin_id=source.origin_id,
        reliability_note=source.reliability_note,
        description=source.description,
        reliability=None if source.reliability is Reliability.UNKNOWN else source.reliability.value,
    )


def _source(row: SourceRow) -> Source:
    return Source(
        id=row.id,
        name=row.name,
        kind=to_enum(SourceKind, row.kind),
        origin_id=row.origin_id,
        reliability_note=row.reliability_note,
        description=row.description,
        reliability=Reliability.UNKNOWN
        if row.reliability is None
        else to_enum(Reliability, row.reliability),
    )


class SourceRepository:
    """Sources, by id and by unique name."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, source: Source) -> None:
        """Insert ``source``.

        Raises:
            StorageError: a source with that id or name exists, or its origin does not.
        """
        self._session.add(_source_row(source))
        flush(self._session)

    def get(self, source_id: str) -> Source | None:
        """The source with ``source_id``, or ``None``."""
        row = self._session.get(SourceRow, source_id)
        return None if row is None else _source(row)

    def get_by_name(self, name: str) -> Source | None:
        """The source called ``name`` (exact match), or ``None``."""
        row = self._session.scalar(select(SourceRow).where(SourceRow.name == name))
        return None if row is None else _source(row)

    def list(self) -> list[Source]:
        """All sources, by name."""
        rows = self._session.scalars(select(SourceRow).order_by(SourceRow.name))
        return [_source(row) for row in rows]


def _report(row: ReportRow, evidence_ids: tuple[str, ...]) -> Report:
    return Report(
        id=row.id,
        source_id=row.source_id,
        title=row.title,
        reported_on=date_from_columns(
            row.reported_on, row.reported_on_precision, row.reported_on_calendar
        ),
        url=row.url,
        text=row.text,
        evidence_ids=evidence_ids,
        relays_source_id=row.relays_source_id,
        evidence_verified=bool(row.evidence_verified),
    )


class ReportRepository:
    """Reports of sources, with the evidence items they cite."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, report: Report) -> None:
        """Insert ``report`` and its citations of evidence items.

        Raises:
            StorageError: the id is taken, or the source or a cited evidence item is missing.
        """
        reported_on, precision, calendar = date_columns(report.reported_on)
        self._session.add(
            ReportRow(
                id=report.id,
                source_id=report.source_id,
                title=report.title,
                reported_on=reported_on,
                reported_on_precision=precision,
                reported_on_calendar=calendar,
                url=report.url,
                text=report.text,
                relays_source_id=report.relays_source_id,
                evidence_verified=report.evidence_verified,
            )
        )
        flush(self._session)
        self._session.add_all(
            ReportEvidenceRow(report_id=report.id, evidence_id=evidence_id, position=position)
            for position, evidence_id in enumerate(report.evidence_ids)
        )
        flush(self._session)

    def get(self, report_id: str) -> Report | None:
        """The report with ``report_id``, or ``None``."""
        row = self._session.get(ReportRow, report_id)
        return None if row is None else _report(row, self._evidence_of(report_id))

    def by_source(self, source_id: str) -> list[Report]:
        """The reports of a source, by date (undated last) then id."""
        rows = self._session.scalars(
            select(ReportRow)
            .where(ReportRow.source_id == source_id)
            .order_by(ReportRow.reported_on.is_(None), ReportRow.reported_on, ReportRow.id)
        ).all()
        return [_report(row, self._evidence_of(row.id)) for row in rows]

    def list(self) -> list[Report]:
        """Every report, by id, with its citations (two queries, whatever the number)."""
        cited: dict[str, list[str]] = {}
        for report_id, evidence_id in self._session.execute(
            select(ReportEvidenceRow.report_id, ReportEvidenceRow.evidence_id).order_by(
                ReportEvidenceRow.report_id, ReportEvidenceRow.position
            )
        ):
            cited.setdefault(report_id, []).append(evidence_id)
        rows = self._session.scalars(select(ReportRow).order_by(ReportRow.id))
        return [_report(row, tuple(cited.get(row.id, ()))) for row in rows]

    def _evidence_of(self, report_id: str) -> tuple[str, ...]:
        return tuple(
            self._session.scalars(
                select(ReportEvidenceRow.evidence_id)
                .where(ReportEvidenceRow.report_id == report_id)
                .order_by(ReportEvidenceRow.position)
            )
        )
