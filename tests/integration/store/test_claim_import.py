"""Importing interchange lines is atomic per line on both databases (savepoints)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from gavah.cli.interchange import import_file
from gavah.store import ClaimRepository, SourceRepository, Store


def test_a_line_the_database_refuses_is_rolled_back_alone(store: Store, tmp_path: Path) -> None:
    lines = [
        {"type": "source", "id": "ngo", "name": "شبکه", "kind": "ngo"},
        {"type": "source", "id": "ngo-2", "name": "شبکه", "kind": "ngo"},  # name taken
        {"type": "claim", "id": "c1", "source": "ngo", "kind": "other", "text": "شلیک"},
        {"type": "source", "id": "ngo", "name": "another name", "kind": "ngo"},  # id taken
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    summary = import_file(store, path, dt.date(2026, 11, 22), progress=False)
    assert [p["line"] for p in summary["refused"]] == [2, 4]
    assert "refused the change" in summary["refused"][0]["reason"]
    assert "already exists with other content" in summary["refused"][1]["reason"]
    assert summary["imported"] == {"source": 1, "report": 1, "incident": 0, "claim": 1}
    with store.reader() as session:
        assert [s.id for s in SourceRepository(session).list()] == ["ngo"]
        claim = ClaimRepository(session).get("c1")
    assert claim is not None
    assert claim.text == "شلیک"
