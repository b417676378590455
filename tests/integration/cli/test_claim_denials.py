"""An official denial through the CLI: imported, stored, graded by the denial rule, exported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from tests.integration.cli.conftest import Invoke

SUBJECT = {"status": "killed", "province": "IR-16", "city": "آبدانان", "date": "1404/10/19"}
DENIAL = "فرماندهی انتظامی: در آبدانان هیچ‌کس کشته نشد"

#: An NGO and the families agree (two streams); the police deny that anybody was killed.
LINES: list[dict[str, Any]] = [
    {"type": "source", "id": "ngo", "name": "شبکهٔ حقوق‌بشری", "kind": "ngo",
     "reliability": "reliable"},
    {"type": "source", "id": "family", "name": "خانوادهٔ جان‌باختگان", "kind": "family",
     "reliability": "usually_reliable"},
    {"type": "source", "id": "police", "name": "فرماندهی انتظامی", "kind": "official"},
    {"type": "claim", "id": "c-ngo", "source": "ngo", "date": "۱۴۰۴/۱۰/۲۱", "kind": "count",
     "text": "دست‌کم ۴۰ نفر در آبدانان کشته شدند", "count": {"min": 40, "max": 45},
     "subject": SUBJECT},
    {"type": "claim", "id": "c-family", "source": "family", "date": "2026-01-15",
     "kind": "count", "text": "خانواده‌ها پیکر ۴۰ تن را شناسایی کردند",
     "count": {"min": 40, "max": 45}, "subject": SUBJECT, "supports": ["c-ngo"]},
    {"type": "claim", "id": "c-police", "source": "police", "date": "2026-01-10",
     "kind": "count", "stance": "denies", "text": DENIAL, "count": {"min": 0, "max": 0},
     "subject": SUBJECT, "contradicts": ["c-ngo"]},
    {"type": "claim", "id": "c-bad", "source": "police", "date": "2026-01-10",
     "kind": "other", "stance": "انکار", "text": DENIAL},
]  # fmt: skip


def _import(workspace: Path, invoke: Invoke, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "denial.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in LINES), "utf-8")
    result = invoke("-w", str(workspace), "import", "claims", str(path), "--json")
    assert result.exit_code == 0, result.output
    summary: dict[str, Any] = json.loads(result.output)
    return summary


def test_an_imported_police_denial_is_graded_by_the_denial_rule(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    summary = _import(workspace, invoke, tmp_path)
    assert [(p["line"], "stance" in p["reason"]) for p in summary["refused"]] == [(7, True)]
    assert summary["imported"]["claim"] == 3
    assert invoke("-w", str(workspace), "claims", "grade").exit_code == 0

    def show(claim: str) -> dict[str, Any]:
        out = invoke("-w", str(workspace), "claims", "show", claim, "--json").output
        data: dict[str, Any] = json.loads(out)
        return data

    police, ngo = show("c-police"), show("c-ngo")
    assert police["stance"] == "denies"
    assert police["explanation"]["grade"] == "contested"  # not confirmed: a denial
    assert "denial rule" in police["explanation"]["rule"]
    assert ngo["stance"] == "affirms"
    assert ngo["explanation"]["grade"] == "fair"  # not contested, not discounted
    [note] = ngo["explanation"]["contradictions"]
    assert note["effect"] == "none"
    assert "denial rule" in note["reason"]
    text = invoke("-w", str(workspace), "claims", "show", "c-police").output
    assert "(count, a denial)" in text
    assert "not an admission" in text


def test_a_denial_is_exported_valid_and_reimports_identically(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    _import(workspace, invoke, tmp_path)
    out = tmp_path / "out.jsonl"
    assert invoke("-w", str(workspace), "export", "claims", str(out)).exit_code == 0
    docs = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    stances = {d["id"]: d.get("stance") for d in docs if d["type"] == "claim"}
    assert stances == {"c-ngo": None, "c-family": None, "c-police": "denies"}
    published = json.loads((Path(__file__).parents[3] / "docs/interchange.schema.json").read_text())
    validator = Draft202012Validator(published)
    for doc in docs:
        assert list(validator.iter_errors(doc)) == [], doc
    other = tmp_path / "other"
    assert invoke("init", str(other), env={"GAVAH_PASSPHRASE": "x" * 20}).exit_code == 0
    result = invoke("-w", str(other), "import", "claims", str(out), "--json")
    assert json.loads(result.output)["refused"] == []
    again = tmp_path / "again.jsonl"
    assert invoke("-w", str(other), "export", "claims", str(again)).exit_code == 0
    assert again.read_text("utf-8") == out.read_text("utf-8")
