"""Numbers on the business-case pages, with the separators of the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from vejviser.value.core.messages import format_number

register = template.Library()


def _lang() -> Any:
    return "en" if (get_language() or "da").startswith("en") else "da"


@register.filter
def num(value: Any, digits: int | None = 0) -> str:
    """``1234.5|num`` → ``1.235`` (da) or ``1,235`` (en); ``|num:2`` keeps two decimals."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return format_number(number, _lang(), None if digits is None else int(digits))


@register.filter
def pct(share: Any, digits: int = 0) -> str:
    """A share 0–1 as a percentage: ``0.994|pct:1`` → ``99,4 %``."""
    if share is None:
        return "–"
    return f"{format_number(100 * float(share), _lang(), int(digits))} %"
