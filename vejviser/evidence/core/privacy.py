"""Spotting Danish CPR numbers, so that identifiers are refused and never echoed.

What a CPR number looks like is decided in one place, :mod:`vejviser.kernel.cpr`
(``010190-1234``, ``0101901234``, ``01.01.90-1234``, typographic hyphens and dashes, a
valid day and month), shared with the assistant's scrubber. A column is treated as
identifying when its name says so (``cpr``, ``personnummer``) or when at least half of
the sampled values look like CPR numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from vejviser.kernel import cpr

_CPR_NAME = re.compile(r"cpr|personnummer|person_?nr|personnr|social_?security", re.I)

#: What is shown instead of a value that looks like a CPR number.
REDACTED = "******-****"
#: Share of sampled values that must look like CPR numbers for a column to be refused.
CPR_SHARE = 0.5


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        # A CPR stored as a number loses its leading zero (0101901234 -> 101901234).
        return f"{value:010d}" if 100_000_000 <= value < 10_000_000_000 else str(value)
    if isinstance(value, float):
        if value.is_integer() and 100_000_000 <= value < 10_000_000_000:
            return f"{int(value):010d}"
        return None
    return str(value)


def looks_like_cpr(value: object) -> bool:
    """True when ``value`` as a whole looks like a CPR number."""
    text = _as_text(value)
    return text is not None and cpr.looks_like_cpr(text)


def contains_cpr(text: str) -> bool:
    """True when a CPR-looking number occurs anywhere in ``text``."""
    return cpr.contains_cpr(text)


def mask_cpr(text: str, placeholder: str = "cprnummer") -> tuple[str, int]:
    """``text`` with every CPR-looking number replaced by ``placeholder``, and the count."""
    return cpr.scrub(text, placeholder)


def name_looks_identifying(name: str) -> bool:
    return bool(_CPR_NAME.search(name))


def column_looks_like_cpr(name: str, values: Iterable[object]) -> bool:
    """True when the column ``name`` with these sampled ``values`` holds CPR numbers."""
    if name_looks_identifying(name):
        return True
    seen = hits = 0
    for value in values:
        text = _as_text(value)
        if text is None or not text.strip():
            continue
        seen += 1
        hits += looks_like_cpr(text)
    return seen > 0 and hits / seen >= CPR_SHARE


def safe_value(value: object, limit: int = 40) -> str:
    """``value`` for an error message: redacted when it contains a CPR-looking number,
    shortened when long."""
    text = "" if value is None else str(value)
    if looks_like_cpr(value) or contains_cpr(text):
        return REDACTED
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_list(values: Iterable[object], limit: int = 5) -> str:
    items = [safe_value(v) for v in values]
    shown = ", ".join(f"'{v}'" for v in items[:limit])
    return shown + (f", … (+{len(items) - limit})" if len(items) > limit else "")
