"""Mapping files: how a list's own column names and words map onto the list-CSV of design.md.

Owns :class:`ListMapping` and :func:`parse_mapping`. A mapping is TOML::

    [columns]            # the list's column -> a known column
    "Name" = "full_name"
    "Gender" = "sex"

    [values.sex]         # the list's word -> a word the register knows
    "M" = "male"

    [values.event]
    "shot" = "killed"

The row keeps its own column names verbatim; only the normalised fields read the mapped names.
This module parses text handed in; it does no I/O.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from gavah.errors import ParseError

__all__ = ["KNOWN_COLUMNS", "ListMapping", "parse_mapping"]

#: The columns of the list-CSV (design.md, "List CSV").
KNOWN_COLUMNS = (
    "record_id",
    "full_name",
    "given_name",
    "family_name",
    "father_name",
    "sex",
    "age",
    "date",
    "event",
    "province",
    "city",
    "notes",
)
_VALUE_COLUMNS = ("sex", "event", "province", "city")


@dataclass(frozen=True, slots=True)
class ListMapping:
    """Column renames and per-column value translations (both case-insensitive on the left)."""

    columns: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "columns", MappingProxyType({k.casefold(): v for k, v in self.columns.items()})
        )
        values = {
            c: MappingProxyType({k.casefold(): v for k, v in m.items()})
            for c, m in self.values.items()
        }
        object.__setattr__(self, "values", MappingProxyType(values))

    def column(self, name: str) -> str:
        """The known column that the list's column ``name`` stands for (itself if unmapped)."""
        stripped = name.strip()
        return self.columns.get(stripped.casefold(), stripped)

    def apply(self, row: Mapping[str, str]) -> dict[str, str]:
        """The row under known column names, with mapped values translated.

        When two of the list's columns map to one known column, the first non-empty wins.
        """
        mapped: dict[str, str] = {}
        for name, cell in row.items():
            target = self.column(name)
            if not mapped.get(target):
                mapped[target] = cell
        for column, table in self.values.items():
            cell = mapped.get(column, "").strip()
            if cell and cell.casefold() in table:
                mapped[column] = table[cell.casefold()]
        return mapped


def _table(data: object, where: str) -> dict[str, str]:
    if not isinstance(data, dict):
        raise ParseError(f'mapping: [{where}] must be a table of "name" = "name"')
    for key, value in data.items():
        if not isinstance(value, str):
            raise ParseError(f"mapping: [{where}] {key!r} must map to a string")
    return dict(data)


def parse_mapping(text: str) -> ListMapping:
    """Read a TOML mapping.

    Raises:
        ParseError: the text is not TOML, or a table or target column is not understood.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ParseError(f"mapping: not valid TOML: {err}") from err
    unknown = set(data) - {"columns", "values"}
    if unknown:
        raise ParseError(f"mapping: unknown section(s) {', '.join(sorted(unknown))}")
    columns = _table(data.get("columns", {}), "columns")
    for source, target in columns.items():
        if target not in KNOWN_COLUMNS:
            raise ParseError(
                f"mapping: column {source!r} maps to {target!r}, which is not one of "
                f"{', '.join(KNOWN_COLUMNS)}"
            )
    raw_values = data.get("values", {})
    if not isinstance(raw_values, dict):
        raise ParseError("mapping: [values] must hold tables such as [values.sex]")
    values: dict[str, dict[str, str]] = {}
    for column, table in raw_values.items():
        if column not in _VALUE_COLUMNS:
            raise ParseError(
                f"mapping: values for {column!r} are not supported; use {', '.join(_VALUE_COLUMNS)}"
            )
        values[column] = _table(table, f"values.{column}")
    return ListMapping(columns=columns, values=values)
