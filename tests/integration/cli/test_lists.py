"""``gavah lists import`` as a user runs it: good, changed, repeated and malformed files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.integration.cli.conftest import Invoke

LIST = (
    "record_id,full_name,given_name,family_name,father_name,sex,age,date,event,province,city\n"
    "HR-1,,محمد,رضایی,علی,مرد,۳۰,۱۴۰۴/۱۰/۱۸,جان‌باخته,تهران,تهران\n"
    'HR-2,"KARIMI, Sara",,,,female,22,2026-01-09,detained,Fars,Shiraz\n'
    'HR-3,=HYPERLINK("http://x"),,,,,,,,,\n'
)


def _import(invoke: Invoke, ws: Path, path: Path, *extra: str) -> dict[str, object]:
    result = invoke(
        "-w", str(ws), "lists", "import", str(path), "--source", "net", "--json", *extra
    )
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _count(ws: Path, table: str) -> int:
    with sqlite3.connect(ws / "gavah.db") as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608


def test_import_then_reimport_is_a_no_op(workspace: Path, invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    first = _import(invoke, workspace, path)
    assert (first["added"], first["refused"]) == (3, [])
    again = _import(invoke, workspace, path)
    assert again["already_imported"] is True
    assert _count(workspace, "records") == 3
    assert _count(workspace, "list_imports") == 1


def test_a_changed_file_updates_and_keeps_the_earlier_version(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    _import(invoke, workspace, path)
    path.write_text(LIST.replace(",22,", ",23,") + "HR-4,Reza Ahmadi,,,,,,,,,\n", encoding="utf-8")
    changed = _import(invoke, workspace, path)
    assert (changed["added"], changed["updated"], changed["unchanged"]) == (1, 1, 2)
    assert _count(workspace, "record_revisions") == 1


def test_bad_rows_are_named_and_good_rows_import(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "list.csv"
    path.write_text(LIST + "HR-1,dup,,,,,,,,,\nHR-9,ragged\n", encoding="utf-8")
    result = invoke("-w", str(workspace), "lists", "import", str(path), "--source", "net")
    assert result.exit_code == 0, result.output
    assert "list.csv:5: row not imported: record_id 'HR-1' already used on line 2" in result.stderr
    assert "list.csv:6: row not imported: 2 cells" in result.stderr
    assert _count(workspace, "records") == 3


def test_a_mapping_renames_columns(workspace: Path, invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("ID,Name,Gender\n7,Reza Ahmadi,M\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\n"ID" = "record_id"\n"Name" = "full_name"\n"Gender" = "sex"\n'
        '[values.sex]\n"M" = "male"\n',
        encoding="utf-8",
    )
    data = _import(invoke, workspace, path, "--mapping", str(mapping))
    assert data["added"] == 1
    with sqlite3.connect(workspace / "gavah.db") as conn:
        sex, raw = conn.execute("SELECT sex, raw FROM records").fetchone()
    assert sex == "male"
    assert json.loads(raw) == {"ID": "7", "Name": "Reza Ahmadi", "Gender": "M"}


def test_malformed_files_are_one_line_errors_and_import_nothing(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    cases = {
        "cp1256.csv": ("record_id,full_name\n1,علي\n").encode("cp1256"),
        "junk.csv": bytes(range(256)) * 64,
        "huge.csv": b'record_id,notes\n1,"' + b"x" * 200_000 + b'"\n',
        "noid.csv": b"name\nReza\n",
        "allbad.csv": b"record_id,name\n,x\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = invoke("-w", str(workspace), "lists", "import", str(path), "--source", "net")
        assert result.exit_code == 1, (name, result.output)
        assert result.stderr.startswith("gavah: error: "), (name, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)
        assert "Traceback" not in result.output
    assert _count(workspace, "records") == 0
    assert _count(workspace, "sources") == 0


def test_a_50_mb_single_field_is_refused_and_imports_nothing(
    workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.write(b'record_id,full_name,notes\n1,Reza Ahmadi,ok\n2,Ali Karimi,"')
        fh.write(b"x" * 50_000_000)
        fh.write(b'"\n')
    result = invoke("-w", str(workspace), "lists", "import", str(path), "--source", "net")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("gavah: error: "), result.stderr
    assert "line 3" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _count(workspace, "records") == 0


def test_formula_cells_are_kept_verbatim(workspace: Path, invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "evil.csv"
    path.write_text(
        'record_id,full_name,notes\n1,"=HYPERLINK(""http://x"",""y"")",+cmd|calc\n',
        encoding="utf-8",
    )
    result = invoke("-w", str(workspace), "lists", "import", str(path), "--source", "net")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(workspace / "gavah.db") as conn:
        (raw,) = conn.execute("SELECT raw FROM records").fetchone()
    assert json.loads(raw)["full_name"] == '=HYPERLINK("http://x","y")'
