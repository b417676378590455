"""Capture histories: which lists each observed person is on, as counts per pattern.

Owns :class:`CaptureTable` (list names and the count of people for each observed pattern of
lists), its validation, its canonical text and hash, and building tables from list memberships
(so that the register can produce them) and by stratum. It does no I/O: the CSV adapter is
:mod:`gavah.estimate.table_csv`.

A *pattern* is a bit mask: bit ``j`` set means "on list ``j``". The all-zero pattern (on no list)
is never observed; estimating how many people have it is the whole point of the package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from gavah.errors import ParseError

__all__ = [
    "MAX_LISTS",
    "MIN_LISTS",
    "MISSING_STRATUM",
    "CaptureTable",
    "canonical_inputs",
    "canonical_text",
    "input_sha256",
    "table_from_memberships",
    "table_sha256",
    "tables_by_stratum",
]

MIN_LISTS: Final = 2
"""Two lists give only the independence (Lincoln-Petersen) estimate; most models need three."""

MAX_LISTS: Final = 30
"""More lists than this is almost certainly a mis-read file (a wide sheet of names, not of lists).
LCMCR works on distinct observed patterns, so 20-30 lists are fine for it; log-linear models are
limited further (:data:`gavah.estimate.loglinear.MAX_LOGLINEAR_LISTS`) because their design has a
row for each of the 2^k - 1 possible patterns."""

MISSING_STRATUM: Final = "(missing)"
"""Stratum given to people whose stratum value is empty."""


@dataclass(frozen=True, slots=True)
class CaptureTable:
    """People counted by the pattern of lists they are on.

    ``cells`` holds ``(mask, count)`` pairs sorted by mask, with positive counts only (a pattern
    that is absent has count zero). Build one with :meth:`from_rows` or :meth:`from_cells`;
    the constructor validates and raises :class:`gavah.errors.ParseError` with a one-line reason.
    """

    lists: tuple[str, ...]
    cells: tuple[tuple[int, int], ...]

    def __post_init__(self) -> None:
        k = len(self.lists)
        if k < MIN_LISTS:
            raise ParseError(f"a capture-history table needs at least {MIN_LISTS} lists, got {k}")
        if k > MAX_LISTS:
            raise ParseError(
                f"{k} lists is more than the {MAX_LISTS} this tool accepts; "
                "check that the file has one 0/1 column per list and a count column"
            )
        if any(not name.strip() for name in self.lists):
            raise ParseError("a list has an empty name")
        if len(set(self.lists)) != k:
            dup = sorted({n for n in self.lists if self.lists.count(n) > 1})
            raise ParseError(f"list names repeat: {', '.join(dup)}")
        last = 0
        for mask, count in self.cells:
            if not 0 < mask < (1 << k):
                raise ParseError(f"pattern {mask} does not fit {k} lists or is on no list")
            if mask <= last:
                raise ParseError("cells must be sorted by pattern without repeats")
            if count <= 0:
                raise ParseError(f"cell {mask} has a count of {count}; cells hold positive counts")
            last = mask
        if not self.cells:
            raise ParseError("the table has no observed people (every count is zero)")

    # ----- construction ------------------------------------------------------------------------

    @classmethod
    def from_cells(cls, lists: Sequence[str], counts: Mapping[int, int]) -> CaptureTable:
        """A table from ``{mask: count}``; zero counts are dropped.

        Raises:
            ParseError: a negative count, a mask on no list or outside the lists, bad names.
        """
        for mask, count in counts.items():
            if count < 0:
                raise ParseError(f"pattern {mask} has a negative count ({count})")
            if mask == 0 and count > 0:
                raise ParseError("people counted on no list cannot be observed")
        cells = tuple(sorted((m, c) for m, c in counts.items() if c > 0))
        return cls(tuple(lists), cells)

    @classmethod
    def from_rows(
        cls,
        lists: Sequence[str],
        rows: Iterable[tuple[Sequence[int], int]],
        *,
        duplicates: str = "reject",
    ) -> CaptureTable:
        """A table from ``(pattern, count)`` rows, a pattern being one 0/1 value per list.

        Duplicated patterns are rejected (``duplicates="reject"``, the default: in published
        tables a repeated row has been a typo) or summed (``duplicates="sum"``). A row on no
        list is accepted only with count zero.

        Raises:
            ParseError: a value other than 0/1, a wrong row length, a negative count, a repeated
                pattern (when rejected), a positive count on no list, or a bad table.
        """
        k = len(lists)
        counts: dict[int, int] = {}
        for number, (pattern, count) in enumerate(rows, start=1):
            if len(pattern) != k:
                raise ParseError(f"row {number} has {len(pattern)} list values, expected {k}")
            mask = 0
            for j, value in enumerate(pattern):
                if value not in (0, 1):
                    raise ParseError(f"row {number}: list {lists[j]!r} has {value!r}, not 0 or 1")
                mask |= value << j
            if count < 0:
                raise ParseError(f"row {number} has a negative count ({count})")
            if mask == 0:
                if count > 0:
                    raise ParseError(
                        f"row {number} counts {count} people on no list; nobody can be observed "
                        "on no list"
                    )
                continue
            if mask in counts and duplicates != "sum":
                raise ParseError(f"row {number} repeats the pattern {_pattern_text(mask, k)}")
            counts[mask] = counts.get(mask, 0) + count
        return cls.from_cells(lists, counts)

    # ----- views -------------------------------------------------------------------------------

    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def observed(self) -> int:
        """Number of distinct people observed (on at least one list)."""
        return sum(c for _, c in self.cells)

    def count(self, mask: int) -> int:
        """Count of the pattern ``mask`` (zero when absent)."""
        for m, c in self.cells:
            if m == mask:
                return c
        return 0

    def masks(self) -> npt.NDArray[np.int64]:
        """Observed patterns as bit masks."""
        return np.array([m for m, _ in self.cells], dtype=np.int64)

    def counts(self) -> npt.NDArray[np.int64]:
        """Counts of the observed patterns, aligned with :meth:`masks`."""
        return np.array([c for _, c in self.cells], dtype=np.int64)

    def list_totals(self) -> tuple[int, ...]:
        """People on each list."""
        return tuple(sum(c for m, c in self.cells if m >> j & 1) for j in range(self.k))

    def overlap(self, i: int, j: int) -> int:
        """People on both list ``i`` and list ``j`` (whatever other lists they are on)."""
        both = (1 << i) | (1 << j)
        return sum(c for m, c in self.cells if m & both == both)

    def dense(self) -> npt.NDArray[np.float64]:
        """Counts indexed by mask, length ``2**k`` (index 0, the unobserved cell, is zero)."""
        out = np.zeros(1 << self.k)
        for m, c in self.cells:
            out[m] = c
        return out

    # ----- transformations ---------------------------------------------------------------------

    def permuted(self, order: Sequence[int]) -> CaptureTable:
        """The same people with the lists in ``order`` (new list ``i`` is old list ``order[i]``).

        Raises:
            ValueError: ``order`` is not a permutation of the list indices.
        """
        if sorted(order) != list(range(self.k)):
            raise ValueError("order must be a permutation of the list indices")
        counts: dict[int, int] = {}
        for m, c in self.cells:
            new = 0
            for i, old in enumerate(order):
                new |= (m >> old & 1) << i
            counts[new] = c
        return CaptureTable.from_cells([self.lists[i] for i in order], counts)

    def scaled(self, factor: int) -> CaptureTable:
        """Every count multiplied by a positive integer ``factor``.

        Raises:
            ValueError: ``factor`` is not positive.
        """
        if factor <= 0:
            raise ValueError("factor must be positive")
        return CaptureTable(self.lists, tuple((m, c * factor) for m, c in self.cells))

    def without_lists(self, drop: Iterable[int]) -> CaptureTable:
        """The table with some lists removed; people left on no list are dropped too.

        Raises:
            ParseError: fewer than two lists would remain, or nobody would remain.
        """
        gone = set(drop)
        keep = [j for j in range(self.k) if j not in gone]
        counts: dict[int, int] = {}
        for m, c in self.cells:
            new = 0
            for i, old in enumerate(keep):
                new |= (m >> old & 1) << i
            if new:
                counts[new] = counts.get(new, 0) + c
        return CaptureTable.from_cells([self.lists[j] for j in keep], counts)

    def empty_lists(self) -> tuple[int, ...]:
        """Indices of lists with nobody on them."""
        return tuple(j for j, total in enumerate(self.list_totals()) if total == 0)


def _pattern_text(mask: int, k: int) -> str:
    return "".join(str(mask >> j & 1) for j in range(k))


def canonical_text(tables: Mapping[str, CaptureTable] | CaptureTable) -> str:
    """The canonical CSV of a table (or of tables by stratum): what :func:`input_sha256` hashes.

    Header ``list,...,count`` (with a leading ``stratum`` column for strata), rows sorted by
    stratum then by pattern, ``\\n`` line ends, zero counts left out.
    """
    if isinstance(tables, CaptureTable):
        t = tables
        lines = [",".join([*t.lists, "count"])]
        lines += [",".join([*_pattern_text(m, t.k), str(c)]) for m, c in t.cells]
        return "\n".join(lines) + "\n"
    names = sorted(tables)
    first = tables[names[0]]
    lines = [",".join(["stratum", *first.lists, "count"])]
    for name in names:
        t = tables[name]
        lines += [",".join([name, *_pattern_text(m, t.k), str(c)]) for m, c in t.cells]
    return "\n".join(lines) + "\n"


def table_sha256(tables: Mapping[str, CaptureTable] | CaptureTable) -> str:
    """SHA-256 (hex) of :func:`canonical_text`: the table(s) alone."""
    return hashlib.sha256(canonical_text(tables).encode("utf-8")).hexdigest()


def canonical_inputs(
    tables: Mapping[str, CaptureTable] | CaptureTable, settings: Mapping[str, object]
) -> str:
    """Everything that determines an estimate, as text: what :func:`input_sha256` hashes.

    :func:`canonical_text` followed by one line of JSON of the settings (method, parameters,
    seed, stratum field) with sorted keys, no spaces and ``\n`` at the end.
    """
    line = json.dumps(dict(settings), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return canonical_text(tables) + line + "\n"


def input_sha256(
    tables: Mapping[str, CaptureTable] | CaptureTable, settings: Mapping[str, object]
) -> str:
    """SHA-256 (hex) of :func:`canonical_inputs`, so a report can cite exactly what was estimated
    and how: the same table, method, parameters and seed give the same hash (and the same draws)."""
    return hashlib.sha256(canonical_inputs(tables, settings).encode("utf-8")).hexdigest()


def _membership_masks(
    memberships: Iterable[tuple[str, str, str | None]], lists: Sequence[str] | None
) -> tuple[list[str], dict[str, int], dict[str, str]]:
    masks: dict[str, int] = {}
    strata: dict[str, str] = {}
    seen_lists: list[str] = list(lists) if lists is not None else []
    index = {name: j for j, name in enumerate(seen_lists)}
    for person, list_name, stratum in memberships:
        if list_name not in index:
            if lists is not None:
                raise ParseError(f"person {person!r} is on {list_name!r}, not one of the systems")
            index[list_name] = len(seen_lists)
            seen_lists.append(list_name)
        masks[person] = masks.get(person, 0) | (1 << index[list_name])
        label = stratum.strip() if stratum is not None and stratum.strip() else MISSING_STRATUM
        if strata.setdefault(person, label) != label:
            raise ParseError(f"person {person!r} has two strata ({strata[person]!r} and {label!r})")
    return seen_lists, masks, strata


def table_from_memberships(
    memberships: Iterable[tuple[str, str, str | None]], lists: Sequence[str] | None = None
) -> CaptureTable:
    """Pool ``(person_id, list_name, stratum)`` memberships into one table (strata ignored).

    ``lists`` fixes the systems and their order; by default lists appear in order of first
    mention. A person on the same list twice counts once.

    Raises:
        ParseError: a list outside ``lists``, a person in two strata, or a bad table.
    """
    names, masks, _ = _membership_masks(memberships, lists)
    counts: dict[int, int] = {}
    for mask in masks.values():
        counts[mask] = counts.get(mask, 0) + 1
    return CaptureTable.from_cells(names, counts)


def tables_by_stratum(
    memberships: Iterable[tuple[str, str, str | None]], lists: Sequence[str] | None = None
) -> dict[str, CaptureTable]:
    """One table per stratum, all over the same lists (a list may be empty in a stratum).

    People with no stratum go to :data:`MISSING_STRATUM`.

    Raises:
        ParseError: a list outside ``lists``, a person in two strata, or a bad table.
    """
    names, masks, strata = _membership_masks(memberships, lists)
    by_stratum: dict[str, dict[int, int]] = {}
    for person, mask in masks.items():
        cell = by_stratum.setdefault(strata[person], {})
        cell[mask] = cell.get(mask, 0) + 1
    return {s: CaptureTable.from_cells(names, c) for s, c in sorted(by_stratum.items())}
