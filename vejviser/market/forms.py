"""Small helpers that turn posted text into checked values, with a message per field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from vejviser.kernel.inputs import NumberError, parse_number
from vejviser.lib.i18n import show


def number(
    data: Mapping[str, Any],
    name: str,
    errors: dict[str, str],
    *,
    low: float | None = None,
    high: float | None = None,
    required: bool = True,
) -> float | None:
    """``data[name]`` as a finite number within [low, high]; else a message in ``errors``."""
    text = str(data.get(name, "") or "").strip()
    if not text:
        if required:
            errors[name] = _("This field is required.")
        return None
    try:
        value = parse_number(text, field=name)
    except NumberError as exc:
        errors[name] = show(exc.message)
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        errors[name] = _("Enter a number from %(low)s to %(high)s.") % {
            "low": _fmt(low),
            "high": _fmt(high),
        }
        return None
    return value


def _fmt(value: float | None) -> str:
    from vejviser.kernel.formatting import number as fmt
    from vejviser.lib.i18n import active_lang

    return fmt(value, active_lang()) if value is not None else "–"


def text(
    data: Mapping[str, Any],
    name: str,
    errors: dict[str, str],
    *,
    max_length: int = 200,
    required: bool = True,
) -> str:
    value = str(data.get(name, "") or "").strip()
    if required and not value:
        errors[name] = _("This field is required.")
    elif len(value) > max_length:
        errors[name] = _("At most %(n)s characters.") % {"n": max_length}
    return value[:max_length]
