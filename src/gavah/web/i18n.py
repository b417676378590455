"""Languages of the web application: gettext catalogs, digits and dates per language.

Owns :data:`LANGUAGES` (Persian first: it is the default), :func:`translations` (the compiled
Babel catalogs shipped in ``gavah/web/locale``), :func:`direction`, :func:`negotiate` (the
``Accept-Language`` choice for ``/``) and the formatters the templates use: :func:`format_number`
(Persian digits on Persian pages) and :func:`format_day` (Solar Hijri beside Gregorian on Persian
pages, Gregorian beside Solar Hijri on English ones). The language of a page is the first part of
its URL (``/fa/…``, ``/en/…``). Reads only its own package data.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib.resources import files
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from gavah.text import format_jalali_long, to_persian_digits

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Language",
    "direction",
    "format_day",
    "format_number",
    "negotiate",
    "translations",
]

Language = Literal["fa", "en"]
LANGUAGES: tuple[Language, ...] = ("fa", "en")
DEFAULT_LANGUAGE: Language = "fa"
DOMAIN = "messages"


def as_language(value: str) -> Language | None:
    """``value`` as a supported language, or ``None``."""
    for lang in LANGUAGES:
        if value == lang:
            return lang
    return None


@functools.cache
def translations(lang: Language) -> NullTranslations:
    """The compiled catalog of ``lang`` (English falls back to the message ids)."""
    locale_dir = str(files("gavah.web") / "locale")
    return Translations.load(locale_dir, [lang], DOMAIN)


def direction(lang: Language) -> Literal["rtl", "ltr"]:
    """Writing direction of a page in ``lang``."""
    return "rtl" if lang == "fa" else "ltr"


def negotiate(accept_language: str | None) -> Language:
    """The best of :data:`LANGUAGES` for an ``Accept-Language`` header (default Persian)."""
    best: tuple[float, Language] | None = None
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = as_language(tag.strip().lower()[:2])
        if lang is None:
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if best is None or quality > best[0]:
            best = (quality, lang)
    return best[1] if best else DEFAULT_LANGUAGE


def format_number(value: int | float, lang: Language) -> str:
    """A number grouped for ``lang``: ``۱٬۲۳۴`` on Persian pages, ``1,234`` on English ones."""
    text = format_decimal(value, locale="en")
    if lang == "fa":
        return to_persian_digits(text.replace(",", "\u066c").replace(".", "\u066b"))
    return text


def format_day(day: dt.date, lang: Language) -> str:
    """A date in both calendars, the page's own first.

    ``format_day(date(2026, 1, 8), "fa")`` → ``۱۸ دی ۱۴۰۴ (۸ ژانویهٔ ۲۰۲۶)``;
    in English → ``January 8, 2026 (18 Dey 1404)``.
    """
    if lang == "fa":
        gregorian = to_persian_digits(format_date(day, format="long", locale="fa"))
        return f"{format_jalali_long(day, 'persian')} ({gregorian})"
    jalali = format_jalali_long(day, "ascii", "latin")
    return f"{format_date(day, format='long', locale='en')} ({jalali})"
