"""Writing a synthetic scenario to a folder, all or nothing.

Owns the on-disk layout (``lists/<source>.csv``, ``truth.csv``, ``truth.json``,
``capture_histories.csv``, ``persons.csv``, ``sources.json``, ``incidents.json``,
``evidence.json``, ``evidence/``) and its atomicity: everything is written into a temporary
folder next to OUT and renamed into place, so a failure leaves nothing half-written. It refuses
a non-empty OUT unless forced, and even then only one that holds nothing but an earlier output.
It must not generate anything (``gavah.synth.scenario`` does) nor print (progress goes to a
callback).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import numpy as np

from gavah.errors import ConfigError
from gavah.synth.population import EPOCH, EVENTS, person_id
from gavah.synth.scenario import Scenario

__all__ = ["OUTPUT_NAMES", "ProgressCallback", "check_output", "write_scenario"]

ProgressCallback = Callable[[int, int], None]
OUTPUT_NAMES: Final = (
    "lists",
    "evidence",
    "truth.csv",
    "truth.json",
    "capture_histories.csv",
    "persons.csv",
    "sources.json",
    "incidents.json",
    "evidence.json",
)
_PROGRESS_EVERY: Final = 2000
_PERSON_COLUMNS: Final = (
    "person_id",
    "given_name_fa",
    "given_name",
    "family_name_fa",
    "family_name",
    "father_name_fa",
    "father_name",
    "sex",
    "age",
    "date",
    "event",
    "province_code",
    "province",
    "city_fa",
    "city",
    "seyed",
    "lists",
)


def check_output(out: Path, force: bool) -> None:
    """Check that ``out`` may be written (call before a long generation to fail early).

    Raises:
        ConfigError: ``out`` is a file, is not empty (without ``force``), or holds files this
            command did not write.
    """
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} exists and is not a folder")
    if not out.is_dir():
        return
    entries = sorted(p.name for p in out.iterdir())
    if not entries:
        return
    if not force:
        raise ConfigError(f"--out {out} is not empty; use --force to replace an earlier output")
    foreign = [name for name in entries if name not in OUTPUT_NAMES]
    if foreign:
        raise ConfigError(
            f"--out {out} holds files gavah synth did not write ({', '.join(foreign[:3])}); "
            "refusing to replace it even with --force"
        )


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_lists(scenario: Scenario, root: Path, on_progress: ProgressCallback | None) -> None:
    (root / "lists").mkdir()
    total = scenario.total_records
    done = 0
    if on_progress:
        on_progress(0, total)
    with (root / "truth.csv").open("w", encoding="utf-8", newline="") as truth_file:
        truth = csv.writer(truth_file, lineterminator="\n")
        truth.writerow(("source", "record_id", "person_id"))
        for j, item in enumerate(scenario.lists):
            path = root / "lists" / f"{item.name}.csv"
            with path.open("w", encoding="utf-8", newline="") as list_file:
                rows = csv.writer(list_file, lineterminator="\n")
                rows.writerow(item.style.columns)
                for record in scenario.records(j):
                    rows.writerow((record.record_id, *record.cells.values()))
                    truth.writerow((item.name, record.record_id, person_id(record.person)))
                    done += 1
                    if on_progress and done % _PROGRESS_EVERY == 0:
                        on_progress(done, total)
            if on_progress:
                on_progress(done, total)


def _write_histories(scenario: Scenario, root: Path) -> None:
    with (root / "capture_histories.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow((*(item.name for item in scenario.lists), "count"))
        for history in scenario.histories:
            out.writerow((*history.pattern, history.count))


def _latin_or(latin: tuple[str, ...], fallback: str) -> str:
    return latin[0] if latin else fallback


def _write_persons(scenario: Scenario, root: Path) -> None:
    population, vocab = scenario.population, scenario.vocab
    given_names, surnames, provinces = vocab.given_names, vocab.surnames, vocab.provinces
    codes = scenario.captured.astype(np.uint8)
    patterns = ["".join(map(str, row)) for row in codes.tolist()]
    columns = zip(
        population.female.tolist(),
        population.age.tolist(),
        population.given.tolist(),
        population.surname.tolist(),
        population.father.tolist(),
        population.province.tolist(),
        population.city.tolist(),
        population.day.tolist(),
        population.event.tolist(),
        population.seyed.tolist(),
        strict=True,
    )
    with (root / "persons.csv").open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(_PERSON_COLUMNS)
        for i, (female, age, g, s, fa, pr, c, day, event, seyed) in enumerate(columns):
            given, surname, father = given_names[g], surnames[s], given_names[fa]
            province = provinces[pr]
            city = province.cities[c]
            out.writerow(
                (
                    person_id(i),
                    given.persian,
                    _latin_or(given.latin, ""),
                    surname.persian,
                    _latin_or(surname.latin, ""),
                    father.persian,
                    _latin_or(father.latin, ""),
                    "f" if female else "m",
                    age,
                    (EPOCH + dt.timedelta(days=day)).isoformat(),
                    EVENTS[event],
                    province.code,
                    _latin_or(province.latin, province.persian),
                    city.persian,
                    _latin_or(city.latin, ""),
                    int(seyed),
                    patterns[i],
                )
            )


def _write_all(scenario: Scenario, root: Path, on_progress: ProgressCallback | None) -> None:
    _write_lists(scenario, root, on_progress)
    _write_json(root / "truth.json", scenario.truth_json())
    _write_histories(scenario, root)
    _write_persons(scenario, root)
    _write_json(root / "sources.json", [s.as_json() for s in scenario.sources])
    _write_json(root / "incidents.json", [i.as_json() for i in scenario.incidents])
    _write_json(root / "evidence.json", [e.as_json() for e in scenario.evidence])
    (root / "evidence").mkdir()
    for item in scenario.evidence:
        (root / "evidence" / item.name).write_bytes(item.data)


def write_scenario(
    scenario: Scenario,
    out: Path,
    *,
    force: bool = False,
    on_progress: ProgressCallback | None = None,
) -> None:
    """Write ``scenario`` to the folder ``out``, atomically.

    ``on_progress(done, total)`` is called as list rows are written. With ``force``, an earlier
    output in ``out`` is replaced; a folder holding anything else is never touched.

    Raises:
        ConfigError: ``out`` is a file, is not empty (without ``force``), holds files this
            command did not write, or cannot be written.
    """
    out = out.absolute()
    check_output(out, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as err:
        raise ConfigError(f"cannot write {out}: {err.strerror or err}") from err
    old: Path | None = None
    try:
        _write_all(scenario, tmp, on_progress)
        if out.exists():
            old = tmp.with_suffix(".old")
            out.rename(old)
        tmp.rename(out)
    except BaseException as err:
        if old is not None and not out.exists():
            old.rename(out)
            old = None
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(err, OSError):
            raise ConfigError(f"cannot write {out}: {err.strerror or err}") from err
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
