"""Template helpers for the market pages: content text in the page's language, source
references for ``{% cite %}``, and posted values that survive a failed save."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from vejviser.kernel.formatting import number
from vejviser.lib.i18n import active_lang

register = template.Library()


@register.filter
def text(value: Any) -> str:
    """A content :class:`~vejviser.kernel.schema.Text` (or ``{da, en}`` dict) in the page's
    language."""
    lang = active_lang()
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("da") or "")
    return str(value.get(lang)) if hasattr(value, "get") else str(value)


@register.filter
def refs(sources: Any) -> list[dict[str, str]]:
    """Content source references as the ``{% cite %}`` tag reads them."""
    return [s.model_dump() if hasattr(s, "model_dump") else dict(s) for s in sources or []]


@register.filter
def get(mapping: Any, key: Any) -> Any:
    if isinstance(mapping, Mapping):
        return mapping.get(key, mapping.get(str(key)))
    return None


@register.simple_tag
def posted_or(posted: Any, name: str, value: Any) -> str:
    """What the user typed (after a failed save), else ``value`` formatted for the page."""
    if posted and name in posted:
        return str(posted.get(name))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, active_lang())
    return "" if value is None else str(value)
