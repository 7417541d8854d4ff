"""The one formatter for numbers, money, percentages, intervals and dates.

Danish by default (``1.234,5``; ``12,5 %``; ``1.234.567 kr.``; ``3. december 2026`` or
``03.12.2026``), English on request (``1,234.5``; ``12.5%``; ``DKK 1,234,567``;
``3 December 2026``). Built on Babel's CLDR data, so the rules are the locale's, not
ours. Pages (template filters in ``vejviser.lib.templatetags``), CLI text, plots and
documents all call these functions; JSON and CSV exports keep plain machine numbers.

A missing or non-finite value is shown as an en dash, never as ``nan``.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import NumberPattern, parse_pattern
from babel.numbers import format_decimal as _babel_decimal

MISSING = "–"
_LOCALES = {"da": "da_DK", "en": "en_GB"}


def _locale(lang: str) -> str:
    return _LOCALES["en" if lang and lang.lower().startswith("en") else "da"]


@cache
def _babel_locale(lang: str) -> Locale:
    """The parsed locale, once per language (Babel parses a locale string on every call)."""
    return Locale.parse(_locale(lang))


@cache
def _parsed(pattern: str) -> NumberPattern:
    """A number pattern parsed once (Babel parses a pattern string on every call)."""
    return parse_pattern(pattern)


def _decimal(value: Any, pattern: str, lang: str) -> str:
    return str(_babel_decimal(value, format=_parsed(pattern), locale=_babel_locale(lang)))


def _finite(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and math.isfinite(float(value))


def _pattern(digits: int, trim: bool) -> str:
    if digits <= 0:
        return "#,##0"
    return "#,##0." + ("#" if trim else "0") * digits


def number(value: Any, lang: str = "da", digits: int | None = None) -> str:
    """A number with the locale's grouping and decimal mark.

    ``digits`` fixes the decimals (``number(0.5, digits=2)`` -> ``0,50``); without it,
    whole numbers show none and others up to three significant decimals, trailing
    zeros dropped (``0,123``; ``12,5``; ``1.234,57``).
    """
    if isinstance(value, bool) or not _finite(value):
        return MISSING
    if digits is not None:
        return _decimal(value, _pattern(digits, trim=False), lang)
    if float(value).is_integer():
        return _decimal(int(value), "#,##0", lang)
    magnitude = abs(float(value))
    places = 3 if magnitude < 1 else 2 if magnitude < 1000 else 1 if magnitude < 10_000 else 0
    return _decimal(value, _pattern(places, trim=True), lang)


def integer(value: Any, lang: str = "da") -> str:
    """A whole number with grouping (rounded): ``2.125``."""
    if isinstance(value, bool) or not _finite(value):
        return MISSING
    return _decimal(round(float(value)), "#,##0", lang)


def percent(fraction: Any, lang: str = "da", digits: int = 1) -> str:
    """A fraction as a percentage: ``percent(0.125)`` -> ``12,5 %`` (en: ``12.5%``)."""
    if isinstance(fraction, bool) or not _finite(fraction):
        return MISSING
    text = _decimal(float(fraction) * 100, _pattern(digits, trim=False), lang)
    return f"{text}\u00a0%" if _locale(lang).startswith("da") else f"{text}%"


def money(amount: Any, lang: str = "da", currency: str = "DKK", digits: int = 0) -> str:
    """An amount of money: ``1.234.567 kr.`` (en: ``DKK 1,234,567``)."""
    if isinstance(amount, bool) or not _finite(amount):
        return MISSING
    text = _decimal(amount, _pattern(digits, trim=False), lang)
    if currency == "DKK" and _locale(lang).startswith("da"):
        return f"{text}\u00a0kr."
    return f"{currency}\u00a0{text}"


def interval(low: Any, high: Any, lang: str = "da", digits: int | None = None) -> str:
    """A confidence interval's bounds: ``0,51–0,98``."""
    return f"{number(low, lang, digits)}–{number(high, lang, digits)}"


def percent_interval(low: Any, high: Any, lang: str = "da", digits: int = 1) -> str:
    """An interval of fractions as percentages: ``82,0–91,5 %``."""
    lo, hi = percent(low, lang, digits), percent(high, lang, digits)
    if MISSING in (lo, hi):
        return f"{lo}–{hi}"
    suffix = "\u00a0%" if _locale(lang).startswith("da") else "%"
    return f"{lo.removesuffix(suffix)}–{hi}"


def date(value: dt.date | dt.datetime | None, lang: str = "da", style: str = "long") -> str:
    """A date: ``long`` -> ``3. december 2026``; ``short`` -> ``03.12.2026``
    (en: ``3 December 2026``; ``03/12/2026``)."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime):
        value = value.date()
    if style == "short":
        pattern = "dd.MM.yyyy" if _locale(lang).startswith("da") else "dd/MM/yyyy"
        return _babel_date(value, pattern, locale=_babel_locale(lang))
    return _babel_date(value, "long", locale=_babel_locale(lang))


def format_param(value: Any, lang: str) -> Any:
    """How a message parameter is shown: numbers by :func:`number`, dates by
    :func:`date`, everything else as it is."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float | Decimal):
        return number(value, lang)
    if isinstance(value, dt.date):
        return date(value, lang)
    return value
