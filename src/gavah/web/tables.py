"""Names of the workspace's tables as pages show them, through the gettext catalog.

Owns :func:`table_label`. The message ids are marked with :func:`gettext_noop` so that
``pybabel extract`` finds them; they are translated at render time.
"""

from __future__ import annotations

from collections.abc import Mapping

from gavah.web.i18n import Language, translations

__all__ = ["table_label"]


def gettext_noop(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


_TABLE_LABELS: Mapping[str, str] = {
    "sources": gettext_noop("Sources"),
    "reports": gettext_noop("Reports"),
    "evidence_items": gettext_noop("Evidence items"),
    "records": gettext_noop("List records"),
    "persons": gettext_noop("Persons in the register"),
    "incidents": gettext_noop("Incidents"),
    "acts": gettext_noop("Acts"),
    "claims": gettext_noop("Claims"),
    "units": gettext_noop("Units"),
    "officials": gettext_noop("Officials"),
}


def table_label(table: str, lang: Language) -> str:
    """The name of ``table`` in ``lang`` (an unknown table keeps its own name)."""
    label = _TABLE_LABELS.get(table)
    return table if label is None else translations(lang).gettext(label)
