"""`gavah units`, `gavah sanctions check`, `gavah export ftm` and `gavah export dossier`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import bagit
import pypdfium2 as pdfium
import pyrage
import pytest
from followthemoney import model
from sqlalchemy import text

from gavah.ledger import verifier as standalone
from gavah.store import EvidenceRepository
from tests.integration.cli.accountability_data import (
    DENIAL,
    import_document,
    open_store,
    seed,
    seed_support_and_denial,
    write_import,
)
from tests.integration.cli.conftest import PASSPHRASE, Invoke

ENV = {"GAVAH_PASSPHRASE": PASSPHRASE}
PHOTO = b"synthetic photo of Azadi square\n" * 50
VIDEO = b"synthetic video frame\n" * 80


def _ingest(invoke: Invoke, workspace: Path, tmp_path: Path) -> dict[str, str]:
    files = {"inc-during": tmp_path / "photo.txt", "inc-after": tmp_path / "ویدیو.txt"}
    files["inc-during"].write_bytes(PHOTO)
    files["inc-after"].write_bytes(VIDEO)
    ids = {}
    for incident, path in files.items():
        result = invoke(
            "-w", str(workspace), "ingest", str(path), "--source", "s", "--json", env=ENV
        )
        assert result.exit_code == 0, result.output
        out = json.loads(result.output[result.output.index("{") :])
        ids[incident] = out["files"][0]["evidence_id"]
    return ids


@pytest.fixture
def loaded(tmp_path: Path, workspace: Path, invoke: Invoke) -> dict[str, str]:
    """A workspace with incidents, claims, two evidence items and the imported structure."""
    seed(workspace)
    evidence = _ingest(invoke, workspace, tmp_path)
    path = write_import(tmp_path / "units.json", evidence)
    result = invoke("-w", str(workspace), "units", "import", str(path), "--json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert counts["units"] == 3
    assert counts["postings"] == 3
    assert counts["attributions"] == 3
    return evidence


def _commanders(invoke: Invoke, workspace: Path, incident: str) -> dict[str, str]:
    result = invoke("-w", str(workspace), "units", "chain", "--incident", incident, "--json")
    assert result.exit_code == 0, result.output
    (chain,) = json.loads(result.output)["chains"]
    assert [lv["unit"] for lv in chain["levels"]] == ["basij-12", "corps-tehran", "irgc"]
    assert chain["levels"][0]["commanders"] == []  # the base's own commander is not known
    top = chain["levels"][2]["commanders"]  # posted from Farvardin 1403, still in post
    assert [(c["official"], c["coverage"]) for c in top] == [("off-top", "certain")]
    return {c["official"]: c["coverage"] for c in chain["levels"][1]["commanders"]}


def test_command_chain_before_during_and_after_a_change_of_command(
    loaded: dict[str, str], workspace: Path, invoke: Invoke
) -> None:
    assert _commanders(invoke, workspace, "inc-before") == {"off-a": "certain"}
    assert _commanders(invoke, workspace, "inc-during") == {
        "off-a": "possible",
        "off-b": "possible",
    }
    assert _commanders(invoke, workspace, "inc-after") == {"off-b": "certain"}
    text = invoke("-w", str(workspace), "units", "chain", "--incident", "inc-after")
    assert "Hassan Moradi" in text.output
    reverse = invoke("-w", str(workspace), "units", "incidents", "--official", "off-b", "--json")
    found = {row["incident"]: row["coverage"] for row in json.loads(reverse.output)["incidents"]}
    assert found == {"inc-during": "possible", "inc-after": "certain"}


def test_ftm_export_validates_has_no_sanction_and_documents_match_the_vault(
    loaded: dict[str, str], tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    out = tmp_path / "package.jsonl"
    result = invoke("-w", str(workspace), "export", "ftm", str(out), env=ENV)
    assert result.exit_code == 0, result.output
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Organization", "Membership", "Position", "Occupancy", "Event"} <= schemata
    assert {"Document", "Documentation"} <= schemata
    assert "Sanction" not in schemata
    ids = {e["id"] for e in entities}
    for entity in entities:  # the followthemoney library itself, entity by entity
        schema = model.get(entity["schema"])
        assert schema is not None
        schema.validate(entity)  # raises InvalidData on a bad value
        # Schema.validate skips unknown and absent properties: check those too.
        properties = entity["properties"]
        assert set(properties) <= set(schema.properties), entity["id"]
        assert all(properties.get(name) for name in schema.required), entity["id"]
        for name, values in properties.items():
            if schema.properties[name].type.name == "entity":
                assert set(values) <= ids, (entity["id"], name)
        proxy = model.get_proxy(entity, cleaned=False)
        assert proxy.id == entity["id"]
        cleaned = model.get_proxy(entity, cleaned=True).to_dict()["properties"]
        assert {k: sorted(v) for k, v in cleaned.items()} == {
            k: sorted(v) for k, v in properties.items()
        }, entity["id"]  # every value survives FtM's own cleaning unchanged
    docs = [e for e in entities if e["schema"] == "Document"]
    assert len(docs) == 2
    store = open_store(workspace)
    try:
        with store.reader() as session:
            repo = EvidenceRepository(session)
            for doc in docs:
                sha256 = doc["id"].removeprefix("gavah-sha256-")
                item = repo.get_by_sha256(sha256)
                assert item is not None
                original = PHOTO if item.id == loaded["inc-during"] else VIDEO
                assert hashlib.sha256(original).hexdigest() == sha256
                assert doc["properties"]["contentHash"] == [
                    hashlib.sha1(original, usedforsecurity=False).hexdigest()
                ]
    finally:
        store.dispose()
    persons = {e["properties"]["name"][0] for e in entities if e["schema"] == "Person"}
    assert "Hassan Moradi" in persons


def test_sanctions_check_names_who_is_listed_and_by_whom(
    loaded: dict[str, str], tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    listing = [
        {"id": "os-1", "schema": "Person", "properties": {"name": ["Moradi, Hasan"]}},
        {"id": "os-2", "schema": "Person", "properties": {"name": ["رضا كاظمى"]}},  # Arabic forms
        {"id": "os-3", "schema": "Person", "properties": {"name": ["Someone Else"]}},
        {
            "id": "os-s1",
            "schema": "Sanction",
            "properties": {
                "entity": ["os-1"],
                "authority": ["Council of the EU"],
                "program": ["Iran human rights"],
                "listingDate": ["2026-02-01"],
            },
        },
    ]
    path = tmp_path / "eu.ftm.json"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in listing), encoding="utf-8")
    result = invoke("-w", str(workspace), "sanctions", "check", str(path), "--json")
    assert result.exit_code == 0, result.output
    matches = {m["official"]: m for m in json.loads(result.output)["matches"]}
    assert set(matches) == {"off-a", "off-b"}
    assert matches["off-a"]["match"] == "exact"
    assert matches["off-b"]["match"] == "phonetic"
    assert matches["off-b"]["listings"] == [
        {"authority": "Council of the EU", "program": "Iran human rights", "since": "2026-02-01"}
    ]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json\n", encoding="utf-8")
    failed = invoke("-w", str(workspace), "sanctions", "check", str(bad))
    assert failed.exit_code == 1
    assert "line 1: not JSON" in failed.output


_WITHOUT_GAVAH = (
    "import runpy, sys; sys.modules['gavah'] = None; "  # any `import gavah…` now fails
    "runpy.run_path(sys.argv[1], run_name='__main__')"
)


def _check_without_gavah(bag: Path) -> subprocess.CompletedProcess[str]:
    script = bag / "data" / "ledger" / "check.py"
    return subprocess.run(
        [sys.executable, "-I", "-c", _WITHOUT_GAVAH, str(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=bag,
    )


def test_the_dossier_checks_itself_without_gavah_and_catches_tampering(
    loaded: dict[str, str], tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    seed_support_and_denial(workspace)
    assert invoke("-w", str(workspace), "claims", "grade").exit_code == 0
    out = tmp_path / "dossier"
    args = ("-w", str(workspace), "export", "dossier", "--incident", "inc-after", str(out))
    assert invoke(*args, env=ENV).exit_code == 0
    html = (out / "data" / "narrative" / "incident-inc-after.html").read_text(encoding="utf-8")
    assert "claims claim-inc-after [contested]" in html  # the incident narrative too
    assert "Claim claim-denial [contested] contradicts claim claim-inc-after" in html
    good = _check_without_gavah(out)
    assert good.returncode == 0, good.stdout + good.stderr
    (item,) = [json.loads(p.read_text()) for p in (out / "data" / "evidence").glob("*.json")]
    assert f"OK: {len(item['custody']) + 1} proofs verify" in good.stdout  # and the dossier's
    (original,) = [p for p in (out / "data" / "originals").rglob("*") if p.is_file()]
    original.write_bytes(VIDEO.replace(b"frame", b"FRAME"))
    tampered = _check_without_gavah(out)
    assert tampered.returncode == 1
    assert f"evidence {loaded['inc-after']}: data/originals/" in tampered.stdout
    proof = out / "data" / "ledger" / "dossier.json"
    document = json.loads(proof.read_text())
    document["audit_path"] = list(reversed(document["audit_path"]))
    proof.write_text(json.dumps(document))
    assert "FAILED: the dossier's export event" in _check_without_gavah(out).stdout


def _pdf_text(pdf: Path) -> str:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _not_blank(pdf: Path) -> float:
    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=1).to_pil().convert("L")
    finally:
        document.close()
    histogram = image.histogram()
    dark = sum(histogram[:128])
    return dark / (image.width * image.height)


def test_dossier_is_a_valid_bag_whose_proofs_verify_and_whose_pdf_renders(
    loaded: dict[str, str], tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    out = tmp_path / "dossier"
    result = invoke(
        "-w",
        str(workspace),
        "export",
        "dossier",
        "--official",
        "off-b",
        str(out),
        "--json",
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{") :])
    assert summary["items"] == 2
    assert summary["encrypted"] is False

    bag = bagit.Bag(str(out))
    assert bag.validate()
    # The reference tool, as a recipient without Gavah would run it.
    checked = subprocess.run(
        [sys.executable, "-m", "bagit", "--validate", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr

    data = out / "data"
    originals = sorted(p.read_bytes() for p in (data / "originals").rglob("*") if p.is_file())
    assert originals == sorted([PHOTO, VIDEO])
    vkey = (data / "ledger" / "vkey.txt").read_text().strip()
    head = json.loads((data / "ledger" / "head.json").read_text())
    for path in (data / "evidence").iterdir():
        item = json.loads(path.read_text())
        types = [json.loads(doc["entry"])["type"] for doc in item["custody"]]
        assert types[0] == "ingestion"
        assert types[-1] == "exporting"
        for doc in item["custody"]:
            assert standalone.verify_document(doc, vkey).tree_size == head["tree_size"]
    # The dossier's own export event, checked by the standalone verifier's command line.
    proof = data / "ledger" / "dossier.json"
    verified = subprocess.run(
        [sys.executable, "-m", "gavah.ledger", str(proof), str(data / "ledger" / "vkey.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    entry = json.loads(json.loads(proof.read_text())["entry"])
    assert (
        entry["object"]
        == hashlib.sha256((data / "ftm" / "entities.jsonl").read_bytes()).hexdigest()
    )

    # The checker the bag carries, run where Gavah cannot be imported.
    assert _check_without_gavah(out).returncode == 0

    entities = [json.loads(x) for x in (data / "ftm" / "entities.jsonl").read_text().splitlines()]
    assert "Sanction" not in {e["schema"] for e in entities}
    html = (data / "narrative" / "official-off-b.html").read_text(encoding="utf-8")
    for heading in ("Identity", "Position", "Conduct", "Evidence", "cuts the other way"):
        assert heading in html
    assert "حسن مرادی" in html
    assert "possibly, not certainly" in html  # inc-during: the handover month
    assert (data / "narrative" / "fonts" / "OFL.txt").is_file()
    assert _not_blank(data / "narrative" / "official-off-b.pdf") > 0.002
    pdf_text = _pdf_text(data / "narrative" / "official-off-b.pdf")
    for heading in ("1. Identity", "3. Conduct", "5. Information that cuts the other way"):
        assert heading in pdf_text  # real text in the embedded font, not only ink

    again = invoke(
        "-w", str(workspace), "export", "dossier", "--official", "off-b", str(out), env=ENV
    )
    assert again.exit_code == 1
    assert "not an empty folder" in again.output
    assert invoke("-w", str(workspace), "ledger", "verify", env=ENV).exit_code == 0


def test_dossier_re_encrypts_evidence_to_a_recipient(
    loaded: dict[str, str], tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    identity = pyrage.x25519.Identity.generate()
    out = tmp_path / "sealed"
    result = invoke(
        "-w",
        str(workspace),
        "export",
        "dossier",
        "--incident",
        "inc-after",
        str(out),
        "--to",
        str(identity.to_public()),
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    assert bagit.Bag(str(out)).validate()
    assert not (out / "data" / "originals").exists()
    (sealed,) = list((out / "data" / "encrypted").rglob("*.age"))
    assert pyrage.decrypt(sealed.read_bytes(), [identity]) == VIDEO
    html = (out / "data" / "narrative" / "incident-inc-after.html").read_text(encoding="utf-8")
    assert "Hassan Moradi" in html
    assert "Reza Kazemi" not in html
    bad = invoke(
        "-w",
        str(workspace),
        "export",
        "dossier",
        "--incident",
        "inc-after",
        str(tmp_path / "x"),
        "--to",
        "age1notakey",
        env=ENV,
    )
    assert bad.exit_code == 1
    assert "not an age public key" in bad.output
    neither = invoke("-w", str(workspace), "export", "dossier", str(tmp_path / "y"), env=ENV)
    assert neither.exit_code == 1
    assert "--incident ID or --official ID" in neither.output


def _table_counts(workspace: Path) -> dict[str, int]:
    store = open_store(workspace)
    try:
        with store.reader() as session:
            tables = ("units", "officials", "postings", "unit_parents", "attributions")
            queries = {t: text(f"SELECT count(*) FROM {t}") for t in tables}  # noqa: S608
            return {t: int(session.execute(q).scalar_one()) for t, q in queries.items()}
    finally:
        store.dispose()


BAD_IMPORTS = {
    "unknown unit": (
        {"postings": [{"id": "p-x", "official": "off-a", "unit": "sepah-mars", "title": "t"}]},
        "posting p-x: unknown unit 'sepah-mars'",
    ),
    "ends before it starts": (
        {
            "postings": [
                {
                    "id": "p-x",
                    "official": "off-a",
                    "unit": "irgc",
                    "title": "معاون",
                    "from": "۱۴۰۴/۱۰",
                    "to": "2025-01",
                }
            ]
        },
        "posting p-x: ends (2025-01) before it starts",
    ),
    "overlapping holders": (
        {
            "postings": [
                {
                    "id": "p-x",
                    "official": "off-top",
                    "unit": "corps-tehran",
                    "title": "فرمانده",
                    "commands": True,
                    "from": "2025-05",
                    "to": "2025-09",
                }
            ]
        },
        "the command of unit 'corps-tehran' is held by 'off-a'",
    ),
    "cycle": (
        {"unit_parents": [{"id": "rel-x", "unit": "irgc", "parent": "basij-12", "from": "2020"}]},
        "the unit hierarchy has a cycle",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_IMPORTS))
def test_bad_imports_are_reported_and_nothing_is_imported(
    case: str, tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    seed(workspace)
    base = import_document({})
    base.pop("attributions")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    assert invoke("-w", str(workspace), "units", "import", str(good)).exit_code == 0
    before = _table_counts(workspace)

    extra, message = BAD_IMPORTS[case]
    document = {"units": [{"id": "new-unit", "name_fa": "یگان تازه", "kind": "police"}], **extra}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = invoke("-w", str(workspace), "units", "import", str(path))
    assert result.exit_code == 1
    assert message in result.output
    assert "nothing imported" in result.output
    assert "Traceback" not in result.output
    assert _table_counts(workspace) == before  # not even the good unit of the file


def test_a_csv_import_with_unknown_references_lists_every_problem(
    tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    seed(workspace)
    path = tmp_path / "units.csv"
    path.write_text(
        "type,id,name_fa,kind,unit,official,title,from,to,incident,claims,confidence\n"
        "unit,u1,یگان ویژه,police,,,,,,,,\n"
        "posting,p1,,,u1,ghost,فرمانده,2026-02,2026-01,,,\n"
        "attribution,a1,,,u1,,,,,inc-nowhere,claim-none,high\n",
        encoding="utf-8",
    )
    result = invoke("-w", str(workspace), "units", "import", str(path))
    assert result.exit_code == 1
    for expected in (
        "unknown official 'ghost'",
        "ends (2026-01) before it starts (2026-02)",
        "unknown incident 'inc-nowhere'",
        "unknown claim 'claim-none'",
        "4 problem(s), nothing imported",
    ):
        assert expected in result.output
    assert _table_counts(workspace)["units"] == 0
    wrong = tmp_path / "units.txt"
    wrong.write_text("x", encoding="utf-8")
    refused = invoke("-w", str(workspace), "units", "import", str(wrong))
    assert refused.exit_code == 1
    assert "--format csv or --format json" in refused.output


def test_chain_reverse_query_and_dossier_show_grades_and_contradicting_claims(
    loaded: dict[str, str], tmp_path: Path, workspace: Path, invoke: Invoke
) -> None:
    reverse = ("-w", str(workspace), "units", "incidents", "--official", "off-b", "--json")
    before = json.loads(invoke(*reverse).output)["incidents"]
    assert {c["grade"] for row in before for c in row["claims"]} == {None}  # not graded yet

    seed_support_and_denial(workspace)
    graded = invoke("-w", str(workspace), "claims", "grade", "--json")
    assert graded.exit_code == 0, graded.output
    rows = {row["incident"]: row for row in json.loads(invoke(*reverse).output)["incidents"]}
    assert rows["inc-after"]["claims"] == [{"claim": "claim-inc-after", "grade": "contested"}]
    assert rows["inc-during"]["claims"] == [{"claim": "claim-inc-during", "grade": "weak"}]
    assert rows["inc-after"]["evidence"] == [loaded["inc-after"]]
    (denial,) = rows["inc-after"]["contradicted_by"]
    assert denial == {
        "claim": "claim-denial",
        "grade": "contested",
        "contradicts": "claim-inc-after",
        "text": DENIAL,
    }
    assert rows["inc-during"]["contradicted_by"] == []
    plain = invoke(*reverse[:-1])
    assert "claim-inc-after [contested]" in plain.output
    assert "contradicted by claim-denial [contested]" in plain.output

    chain = invoke("-w", str(workspace), "units", "chain", "--incident", "inc-after", "--json")
    (one,) = json.loads(chain.output)["chains"]
    assert one["claims"] == [{"claim": "claim-inc-after", "grade": "contested"}]
    assert [x["claim"] for x in one["contradicted_by"]] == ["claim-denial"]
    text_chain = invoke(*reverse[:3], "chain", "--incident", "inc-after").output
    assert "claim-inc-after [contested]" in text_chain
    assert "contradicted by claim-denial [contested]" in text_chain

    out = tmp_path / "dossier"
    result = invoke(
        "-w", str(workspace), "export", "dossier", "--official", "off-b", str(out), env=ENV
    )
    assert result.exit_code == 0, result.output
    html = (out / "data" / "narrative" / "official-off-b.html").read_text(encoding="utf-8")
    conduct, contrary = html.split("cuts the other way")
    assert "claim-inc-after [contested]" in conduct
    assert "claim-inc-during [weak]" in conduct
    assert "ungraded" not in html
    assert "Claim claim-denial [contested] contradicts claim claim-inc-after [contested]" in (
        contrary
    )
    assert "پایگاه ۱۲ در میدان آزادی نبود" in contrary
    pdf = " ".join(_pdf_text(out / "data" / "narrative" / "official-off-b.pdf").split())
    assert "claims claim-inc-after [contested]" in pdf
    assert "Claim claim-denial [contested] contradicts claim claim-inc-after [contested]" in pdf


@pytest.mark.parametrize(
    ("command", "phrases"),
    [
        (["units", "import"], ["CSV or JSON", "nothing is imported", "cycle"]),
        (["units", "chain"], ["--incident", "possible", "grade"]),
        (["units", "incidents"], ["--official", "while they held it", "grade"]),
        (["sanctions", "check"], ["FtM", "phonetic"]),
        (["export", "ftm"], ["Never a Sanction", "--no-documents"]),
        (["export", "dossier"], ["BagIt", "--incident", "--official", "--to", "check.py"]),
    ],
)
def test_every_command_explains_itself(
    command: list[str], phrases: list[str], invoke: Invoke
) -> None:
    result = invoke(*command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for phrase in phrases:
        assert phrase in result.output


BAD_INPUTS = {
    "unknown incident": (["units", "chain", "--incident", "رویداد-۱"], "no incident"),
    "unknown official": (["units", "incidents", "--official", "nobody"], "unknown official"),
    "missing import": (["units", "import", "{tmp}/none.json"], "cannot read the import file"),
    "import not JSON": (["units", "import", "{tmp}/bad.json"], "bad.json: not JSON"),
    "sanctions not FtM": (["sanctions", "check", "{tmp}/bad.json"], "bad.json: "),
    "nothing for ftm": (["export", "ftm", "{tmp}/x.jsonl"], "nothing to export"),
    "dossier on nobody": (["export", "dossier", "{tmp}/d", "--official", "nobody"], "unknown"),
    "dossier on two": (
        ["export", "dossier", "{tmp}/d", "--official", "a", "--incident", "b"],
        "--incident ID or --official ID",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_error_line_not_a_traceback(
    case: str, workspace: Path, invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    args, message = BAD_INPUTS[case]
    filled = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = invoke("-w", str(workspace), *filled, env=ENV)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("gavah: error:")]
    assert len(errors) == 1, result.output
    assert message in errors[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "d").exists()
    assert not (tmp_path / "x.jsonl").exists()
