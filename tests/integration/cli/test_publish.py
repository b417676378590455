"""``gavah publish approve|withhold|list``: decisions on records, audited, kept across relinks."""

from __future__ import annotations

import json
from pathlib import Path

from gavah.linkage import record_uid
from gavah.model import Person
from gavah.store import RecordRepository, SourceRepository
from gavah.store.accounts import AuditRepository
from gavah.store.publication import public_person_ids
from gavah.store.register import LinkResultRepository
from gavah.workspace import Settings, Workspace
from tests.integration.cli.conftest import Invoke
from tests.integration.store.factories import make_record, make_source


def _seed(root: Path) -> str:
    """Two records of one synthetic list, linked into person P1; return the source id."""
    source = make_source("cli-list")
    records = [make_record(source, n) for n in range(2)]
    workspace = Workspace.open(Settings.build({}, root))
    try:
        store = workspace.store()
        with store.session() as session:
            SourceRepository(session).add(source)
            RecordRepository(session).add_many(records)
            LinkResultRepository(session).replace(
                [Person("P1", "نام", "name")],
                {"P1": tuple(record_uid(r.source_id, r.record_id) for r in records)},
            )
    finally:
        workspace.close()
    return source.id


def _public_and_audit(root: Path) -> tuple[set[str], list[str]]:
    workspace = Workspace.open(Settings.build({}, root))
    try:
        with workspace.store().reader() as session:
            audit = [f"{e.actor} {e.action} {e.target}" for e in AuditRepository(session).latest(9)]
            return public_person_ids(session), audit
    finally:
        workspace.close()


def test_approve_withhold_and_list(invoke: Invoke, workspace: Path) -> None:
    source_id = _seed(workspace)
    w = ("-w", str(workspace))
    approved = invoke(*w, "publish", "approve", "--person", "P1", "--by", "نگار")
    assert approved.exit_code == 0, approved.output
    assert "Approved 2 records." in approved.output
    public, audit = _public_and_audit(workspace)
    assert public == {"P1"}
    assert f"نگار publication.approved record {source_id}:0" in audit
    withheld = invoke(
        *w, "publish", "withhold", "--record", f"{source_id}:1", "--reason", "the family asked"
    )
    assert withheld.exit_code == 0, withheld.output
    assert _public_and_audit(workspace)[0] == set()
    listed = invoke(*w, "publish", "list", "--json")
    assert listed.exit_code == 0, listed.output
    rows = {r["record_id"]: r for r in json.loads(listed.output)}
    assert (rows["0"]["decision"], rows["0"]["by"]) == ("approved", "نگار")
    assert (rows["1"]["decision"], rows["1"]["reason"]) == ("withheld", "the family asked")
    assert "withheld\t" in invoke(*w, "publish", "list").output


def test_bad_input_is_one_line_and_exit_1(invoke: Invoke, workspace: Path) -> None:
    _seed(workspace)
    w = ("-w", str(workspace))
    for args, message in [
        (("publish", "approve"), "say which"),
        (("publish", "approve", "--record", "no-colon"), "SOURCE_ID:RECORD_ID"),
        (("publish", "approve", "--record", "src:missing"), "no record src:missing"),
        (("publish", "withhold", "--person", "P404"), "no person P404"),
    ]:
        result = invoke(*w, *args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output
