"""The gettext catalogs: complete, in step with the code, and compiled from the .po files.

When this fails after you changed a message, run the commands in docs/web.md ("Translations").
"""

from __future__ import annotations

import gettext
import re
from importlib.resources import files
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

WEB = Path(str(files("gavah.web")))
LOCALE = WEB / "locale"
_PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _ids_in_code() -> set[str]:
    with (LOCALE / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "gettext_noop": None}
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(WEB), method_map, options_map, keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_template_holds_exactly_the_messages_of_the_code() -> None:
    pot = {m.id[0] if isinstance(m.id, tuple) else m.id for m in _catalog(LOCALE / "messages.pot")}
    pot.discard("")
    assert _ids_in_code() == pot


def test_every_message_has_a_persian_translation_with_the_same_placeholders() -> None:
    catalog = _catalog(LOCALE / "fa" / "LC_MESSAGES" / "messages.po")
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    assert ids == _ids_in_code()
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        for text in strings:
            assert text, f"untranslated: {source}"
            assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(source))


def test_the_compiled_catalogs_match_their_sources() -> None:
    for lang in ("fa", "en"):
        catalog = _catalog(LOCALE / lang / "LC_MESSAGES" / "messages.po")
        with (LOCALE / lang / "LC_MESSAGES" / "messages.mo").open("rb") as mo:
            compiled = gettext.GNUTranslations(mo)
        for message in catalog:
            if not message.id or isinstance(message.id, tuple):
                continue
            assert compiled.gettext(message.id) == (message.string or message.id), message.id
