"""Repository for connectivity observations, and the register's deaths per day and province.

Owns mapping :class:`gavah.connectivity.Observation` to ``connectivity_observations`` (keyed by
the SHA-256 of the measurement file kept in the vault and the observation's place in it, so
importing a file again replaces nothing and adds nothing), and counting deaths per day from the
register's records (event ``killed``, dated to the day): a person linked across several lists is
counted once, on the earliest date a record gives. Must not parse measurement files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gavah.connectivity import Observation
from gavah.store.codec import from_utc, to_utc
from gavah.store.schema import RecordRow
from gavah.store.schema_bundle import ConnectivityObservationRow
from gavah.store.session import flush

__all__ = ["ConnectivityRepository"]

_KILLED = "killed"


def _observation(row: ConnectivityObservationRow) -> Observation:
    return Observation(
        row.dataset,
        row.country,
        row.region,
        row.region_name,
        from_utc(row.start),
        None if row.end is None else from_utc(row.end),
        row.signal,
        row.value,
        row.outage,
        dict(row.detail),
    )


class ConnectivityRepository:
    """Connectivity observations and deaths per day, in one session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def count_for(self, sha256: str) -> int:
        """How many observations came from the file with this SHA-256."""
        count = self._session.scalar(
            select(func.count())
            .select_from(ConnectivityObservationRow)
            .where(ConnectivityObservationRow.evidence_sha256 == sha256)
        )
        return int(count or 0)

    def add_all(self, sha256: str, observations: Sequence[Observation]) -> int:
        """Store the observations of one file unless they are stored already; return how many
        were added.

        Raises:
            StorageError: the database refused a row.
        """
        if self.count_for(sha256):
            return 0
        for seq, obs in enumerate(observations):
            self._session.add(
                ConnectivityObservationRow(
                    evidence_sha256=sha256,
                    seq=seq,
                    dataset=obs.dataset,
                    country=obs.country,
                    region=obs.region,
                    region_name=obs.region_name,
                    start=to_utc(obs.start),
                    end=None if obs.end is None else to_utc(obs.end),
                    signal=obs.signal,
                    value=obs.value,
                    outage=obs.outage,
                    detail=dict(obs.detail),
                )
            )
        flush(self._session)
        return len(observations)

    def observations(self) -> list[Observation]:
        """Every stored observation, by time."""
        rows = self._session.scalars(
            select(ConnectivityObservationRow).order_by(
                ConnectivityObservationRow.start, ConnectivityObservationRow.pk
            )
        )
        return [_observation(r) for r in rows]

    def deaths_per_day(self, province: str | None) -> dict[dt.date, int]:
        """Deaths per day in ``province`` (all provinces when None), from dated records."""
        query = select(
            RecordRow.pk, RecordRow.person_id, RecordRow.event_date, RecordRow.province
        ).where(
            RecordRow.event == _KILLED,
            RecordRow.event_date.is_not(None),
            RecordRow.event_date_precision == "day",
        )
        if province is not None:
            query = query.where(RecordRow.province == province)
        first: dict[str, dt.date] = {}
        for pk, person, day, _ in self._session.execute(query):
            if day is None:  # pragma: no cover - excluded by the query
                continue
            key = person or f"record:{pk}"
            if key not in first or day < first[key]:
                first[key] = day
        return dict(Counter(first.values()))
