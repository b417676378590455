"""The published capture-history tables in ``data/`` (provenance in ``data/INDEX.csv``)."""

from __future__ import annotations

from pathlib import Path

from gavah.estimate import CaptureTable, read_capture_csv

DATA = Path(__file__).parent / "data"


def published(name: str) -> CaptureTable:
    """A published table from ``data/``, read with the project's own CSV parser."""
    table = read_capture_csv(DATA / name)
    assert isinstance(table, CaptureTable)
    return table
