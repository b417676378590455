"""Naming places in measurement data: countries and Iran's provinces.

Owns turning the place names measurement sources use (IODA's region names, Cloudflare Radar's
``scope``, a user's ``--region``) into ISO codes with the shipped gazetteer, so connectivity and
the register's records (which store province codes) meet on the same key. No I/O.
"""

from __future__ import annotations

import re

from gavah.vocab import Gazetteer

__all__ = ["province_code"]

_NOISE = re.compile(r"\b(province|ostan|region)\b", re.IGNORECASE)
_CODE = re.compile(r"[A-Z]{2}-[0-9A-Z]{1,3}")


def province_code(gazetteer: Gazetteer, name: str | None) -> str | None:
    """The ISO 3166-2 code of the province ``name`` (a code, a Latin or Persian name), if known."""
    if not name or not name.strip():
        return None
    text = name.strip()
    if _CODE.fullmatch(text.upper()):
        return text.upper()
    province = gazetteer.match_province(_NOISE.sub("", text).strip(" ,"))
    return None if province is None else province.code
