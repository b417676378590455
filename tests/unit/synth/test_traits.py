"""The lists are hard in the ways real lists are hard: measured on the written files.

Each test measures a trait over the rows of the shared 3,000-person scenario and checks that it
is present, and in the lists that should have it, at a plausible rate.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from gavah.synth.styles import COLUMNS
from gavah.text.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS, to_ascii_digits
from gavah.vocab.types import Vocabulary

ARABIC_LETTERS = re.compile("[يكة]")
PERSIAN_SCRIPT = re.compile("[\u0600-\u06ff]")
LATIN_SCRIPT = re.compile("[A-Za-z]")
JALALI = re.compile(r"^1[34]\d\d(/\d{1,2}){0,2}$")
ISO = re.compile(r"^20\d\d(-\d\d){0,2}$")
SEX = {"مرد", "زن", "مذکر", "مونث", "male", "female", "M", "F", ""}
EVENT = {"کشته", "جان‌باخته", "جانباخته", "مرگ در بازداشت", "اعدام", ""}
EVENT |= {"killed", "died in custody", "executed"}
NAMES = ("full_name", "given_name", "family_name", "father_name")
Lists = dict[str, list[dict[str, str]]]
Truth = dict[tuple[str, str], dict[str, str]]


def read_list(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "lists" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def share(rows: list[dict[str, str]], pred: Callable[[dict[str, str]], object]) -> float:
    return sum(bool(pred(r)) for r in rows) / len(rows)


def names_of(row: dict[str, str]) -> str:
    return " ".join(row.get(c, "") for c in NAMES)


@pytest.fixture(scope="module")
def lists(written: Path) -> Lists:
    info = json.loads((written / "truth.json").read_text(encoding="utf-8"))
    return {name: read_list(written, name) for name in info["lists"]}


@pytest.fixture(scope="module")
def truth_of(written: Path) -> Truth:
    """(source, record_id) → the true person's row of persons.csv."""
    with (written / "persons.csv").open(encoding="utf-8", newline="") as f:
        persons = {p["person_id"]: p for p in csv.DictReader(f)}
    with (written / "truth.csv").open(encoding="utf-8", newline="") as f:
        return {(t["source"], t["record_id"]): persons[t["person_id"]] for t in csv.DictReader(f)}


def test_files_follow_the_list_csv_contract(written: Path) -> None:
    for path in sorted((written / "lists").glob("*.csv")):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8")
        rows = list(csv.reader(text.splitlines()))
        header, body = rows[0], rows[1:]
        assert header[0] == "record_id"
        assert set(header) <= set(COLUMNS)
        assert header == [c for c in COLUMNS if c in header]  # canonical order
        assert body
        assert all(len(r) == len(header) and r[0] for r in body)
        for r in body:
            row = dict(zip(header, r, strict=True))
            assert row.get("sex", "") in SEX
            assert row.get("event", "") in EVENT
            date = to_ascii_digits(row.get("date", ""))
            assert not date or JALALI.match(date) or ISO.match(date), date
            age = to_ascii_digits(row.get("age", ""))
            assert not age or (age.isdigit() and 0 < int(age) < 100)


def test_morgue_list_uses_arabic_letter_forms_and_digits(lists: Lists) -> None:
    morgue = lists["morgue-leak"]
    assert share(morgue, lambda r: ARABIC_LETTERS.search(r["full_name"])) > 0.5
    dated = [r for r in morgue if r["date"]]
    assert share(dated, lambda r: set(r["date"]) & set(ARABIC_INDIC_DIGITS)) == 1.0
    assert "given_name" not in morgue[0]  # full name only
    assert share(morgue, lambda r: "،" in r["full_name"]) > 0.4  # family first, Persian comma


def test_network_list_persian_digits_and_jalali_dates(lists: Lists) -> None:
    network = lists["rights-network"]
    dated = [r for r in network if r["date"]]
    assert share(dated, lambda r: set(r["date"]) & set(PERSIAN_DIGITS)) == 1.0
    assert share(dated, lambda r: JALALI.match(to_ascii_digits(r["date"]))) == 1.0
    assert share(network, lambda r: r["sex"] in {"مرد", "زن"}) == 1.0
    # mostly Persian letter forms, a few rows typed on an Arabic keyboard
    assert 0.0 < share(network, lambda r: ARABIC_LETTERS.search(names_of(r))) < 0.25


def test_latin_lists_gregorian_iso_and_several_spellings(lists: Lists) -> None:
    media, ngo = lists["intl-media"], lists["ngo-register"]
    dated = [r for r in media if r["date"]]
    assert share(dated, lambda r: ISO.match(r["date"])) == 1.0
    assert share(media, lambda r: PERSIAN_SCRIPT.search(names_of(r))) == 0.0
    spellings = Counter(
        w for r in media + ngo for w in re.findall(r"M[ouh]+h?amm?[ae]d\b", names_of(r))
    )
    assert len(spellings) >= 3  # Mohammad, Mohammed, Muhammad, Mohamad...


def test_family_first_order_occurs(lists: Lists) -> None:
    ngo = lists["ngo-register"]
    assert share(ngo, lambda r: ", " in r["full_name"]) > 0.1
    assert share(ngo, lambda r: re.search(r"\b[A-Z]{3,}\b", r["full_name"])) > 0.2  # FAMILY


def test_families_list_mixes_scripts_and_writes_jalali_in_latin_digits(lists: Lists) -> None:
    families = lists["family-reports"]
    latin_rows = [r for r in families if LATIN_SCRIPT.search(r["given_name"])]
    persian_rows = [r for r in families if PERSIAN_SCRIPT.search(r["given_name"])]
    assert len(latin_rows) > 0.25 * len(families)
    assert len(persian_rows) > 0.4 * len(families)
    mixed = share(
        families, lambda r: LATIN_SCRIPT.search(names_of(r)) and PERSIAN_SCRIPT.search(names_of(r))
    )
    assert mixed > 0.02
    dated = [r for r in families if r["date"]]
    assert share(dated, lambda r: JALALI.match(r["date"])) == 1.0  # ASCII digits
    assert share(dated, lambda r: r["date"].count("/") < 2) > 0.05  # month or year only
    ages = [int(r["age"]) for r in families if r["age"]]
    assert all(a % 5 == 0 for a in ages)  # approximate ages


def test_missing_fields(lists: Lists) -> None:
    families = lists["family-reports"]
    cells = [
        v for r in families for k, v in r.items() if k not in ("record_id", "full_name", "notes")
    ]
    assert 0.25 < sum(not v for v in cells) / len(cells) < 0.7
    morgue = lists["morgue-leak"]
    assert share(morgue, lambda r: not r["age"]) > 0.3


def test_zwnj_space_and_joined_variants_of_compounds(lists: Lists) -> None:
    given = Counter(r["given_name"] for r in lists["rights-network"])
    assert given["امیرحسین"]
    assert given["امیر حسین"]
    assert given["امیر\u200cحسین"]


def test_honorifics_sometimes_prefixed(lists: Lists) -> None:
    network = lists["rights-network"]
    assert 0.005 < share(network, lambda r: r["given_name"].startswith(("سید", "حاج"))) < 0.1
    latin = lists["intl-media"] + lists["ngo-register"]
    assert (
        share(latin, lambda r: re.search(r"\b(Seyed|Seyyed|Sayed|Seyedeh|Haj) ", names_of(r)))
        > 0.003
    )


def test_typos_present_but_rare(vocab: Vocabulary, lists: Lists) -> None:
    known = set()
    for name in vocab.given_names:
        for form in (name.persian, *name.persian_variants):
            known |= {form, form.replace("\u200c", ""), form.replace(" ", "")}
    network = [r["given_name"] for r in lists["rights-network"] if r["given_name"]]
    plain = [
        g.replace("\u200c", "").replace(" ", "")
        for g in network
        if not g.startswith(("سید", "حاج"))
    ]
    unknown = sum(g not in {k.replace("\u200c", "").replace(" ", "") for k in known} for g in plain)
    assert 0.005 < unknown / len(plain) < 0.15


def test_dates_and_ages_a_little_off(lists: Lists, truth_of: Truth) -> None:
    offsets: Counter[int] = Counter()
    age_offsets: Counter[int] = Counter()
    for r in lists["intl-media"]:
        person = truth_of[("intl-media", r["record_id"])]
        if len(r["date"]) == 10:
            true = dt.date.fromisoformat(person["date"])
            offsets[(dt.date.fromisoformat(r["date"]) - true).days] += 1
        if r["age"]:
            age_offsets[int(r["age"]) - int(person["age"])] += 1
    assert offsets[0] > 0.9 * sum(offsets.values())
    assert set(offsets) <= {-3, -2, -1, 0, 1, 2, 3}
    assert len(offsets) > 1
    assert set(age_offsets) <= {-2, -1, 0, 1, 2}
    assert len(age_offsets) > 1


def test_swapped_given_and_family(lists: Lists, truth_of: Truth) -> None:
    swapped = 0
    for r in lists["rights-network"]:
        person = truth_of[("rights-network", r["record_id"])]
        if (
            r["given_name"] == person["family_name_fa"]
            and r["family_name"] == person["given_name_fa"]
        ):
            swapped += 1
    assert swapped > 0


def test_duplicates_within_lists(written: Path) -> None:
    with (written / "truth.csv").open(encoding="utf-8", newline="") as f:
        pairs = Counter((t["source"], t["person_id"]) for t in csv.DictReader(f))
    by_list = Counter(source for (source, _), n in pairs.items() if n > 1)
    sizes = Counter(source for (source, _), n in pairs.items() for _ in range(n))
    for source, size in sizes.items():
        assert 0.01 < by_list[source] / size < 0.05, source


def test_provinces_and_cities_with_spelling_variants(lists: Lists) -> None:
    network_provinces = {r["province"] for r in lists["rights-network"]}
    assert any(p.startswith("استان ") for p in network_provinces)
    assert "سیستان و بلوچستان" in network_provinces
    assert network_provinces & {"سیستان وبلوچستان", "سیستان\u200cوبلوچستان"}
    latin = {r["province"] for name in ("intl-media", "ngo-register") for r in lists[name]}
    assert any(p.endswith(" Province") for p in latin)
