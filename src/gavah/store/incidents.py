"""Repository for incidents and the acts within them.

Owns mapping :class:`~gavah.model.Incident` and :class:`~gavah.model.Act` to and from
``incidents`` and ``acts``. Must not attribute or grade anything.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.model import Act, ActType, DateSpan, Incident, LocationPrecision, Place, VictimCount
from gavah.store.codec import date_columns, date_from_columns, enum_or_none, to_enum
from gavah.store.schema import ActRow, IncidentRow
from gavah.store.session import flush

__all__ = ["IncidentRepository"]


def _incident_row(incident: Incident) -> IncidentRow:
    start, start_precision, start_calendar = date_columns(incident.span.start)
    end, end_precision, end_calendar = date_columns(incident.span.end)
    place = incident.place
    return IncidentRow(
        id=incident.id,
        place_name=place.name,
        lat=place.lat,
        lon=place.lon,
        location_precision=None if place.precision is None else place.precision.value,
        province=place.province,
        start_date=start,
        start_precision=start_precision,
        start_calendar=start_calendar,
        end_date=end,
        end_precision=end_precision,
        end_calendar=end_calendar,
        description=incident.description,
    )


def _incident(row: IncidentRow) -> Incident:
    return Incident(
        id=row.id,
        place=Place(
            name=row.place_name,
            lat=row.lat,
            lon=row.lon,
            precision=enum_or_none(LocationPrecision, row.location_precision),
            province=row.province,
        ),
        span=DateSpan(
            start=date_from_columns(row.start_date, row.start_precision, row.start_calendar),
            end=date_from_columns(row.end_date, row.end_precision, row.end_calendar),
        ),
        description=row.description,
    )


def _act_row(act: Act) -> ActRow:
    victims = act.victims
    return ActRow(
        id=act.id,
        incident_id=act.incident_id,
        act_type=act.act_type.value,
        victim_person_id=act.victim_person_id,
        victims_low=None if victims is None else victims.low,
        victims_high=None if victims is None else victims.high,
        perpetrator=act.perpetrator,
        perpetrator_unit_id=act.perpetrator_unit_id,
        description=act.description,
    )


def _act(row: ActRow) -> Act:
    victims = None if row.victims_low is None else VictimCount(row.victims_low, row.victims_high)
    return Act(
        id=row.id,
        incident_id=row.incident_id,
        act_type=to_enum(ActType, row.act_type),
        victim_person_id=row.victim_person_id,
        victims=victims,
        perpetrator=row.perpetrator,
        perpetrator_unit_id=row.perpetrator_unit_id,
        description=row.description,
    )


class IncidentRepository:
    """Incidents and their acts."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, incident: Incident, acts: tuple[Act, ...] = ()) -> None:
        """Insert ``incident`` and, optionally, its acts.

        Raises:
            StorageError: an id is taken, or an act names a missing person or unit.
        """
        self._session.add(_incident_row(incident))
        flush(self._session)
        for act in acts:
            self.add_act(act)

    def add_act(self, act: Act) -> None:
        """Insert ``act`` into its (existing) incident.

        Raises:
            StorageError: the id is taken, or the incident, person or unit is missing.
        """
        self._session.add(_act_row(act))
        flush(self._session)

    def get(self, incident_id: str) -> Incident | None:
        """The incident with ``incident_id``, or ``None``."""
        row = self._session.get(IncidentRow, incident_id)
        return None if row is None else _incident(row)

    def get_act(self, act_id: str) -> Act | None:
        """The act with ``act_id``, or ``None``."""
        row = self._session.get(ActRow, act_id)
        return None if row is None else _act(row)

    def acts_of(self, incident_id: str) -> list[Act]:
        """The acts of an incident, by id."""
        rows = self._session.scalars(
            select(ActRow).where(ActRow.incident_id == incident_id).order_by(ActRow.id)
        )
        return [_act(row) for row in rows]

    def all_acts(self) -> dict[str, list[Act]]:
        """Every act, grouped by incident id, each group by act id."""
        acts: dict[str, list[Act]] = {}
        for row in self._session.scalars(select(ActRow).order_by(ActRow.id)):
            acts.setdefault(row.incident_id, []).append(_act(row))
        return acts

    def list(self) -> list[Incident]:
        """All incidents, by start date (undated last) then id."""
        rows = self._session.scalars(
            select(IncidentRow).order_by(
                IncidentRow.start_date.is_(None), IncidentRow.start_date, IncidentRow.id
            )
        )
        return [_incident(row) for row in rows]

    def count(self) -> int:
        """How many incidents there are."""
        return self._session.scalar(select(func.count()).select_from(IncidentRow)) or 0
