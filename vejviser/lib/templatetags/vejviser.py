"""Template filters available in every template (registered as a builtin)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from vejviser.lib.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str | None) -> SafeString:
    """Render Markdown to sanitised HTML."""
    return mark_safe(render_markdown(text or ""))


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key)


@register.filter
def tool_label(tool_id: str) -> str:
    from vejviser.journey.tools import tool_label as label

    return label(tool_id)


@register.filter
def tools_for(tool_ids: list[str] | None, access: object) -> list[str]:
    """A step's tools as ``access``'s holder sees them (a vendor: without the tools
    registered with ``vendor=False``)."""
    from vejviser.journey.tools import tools_for as visible

    return visible(tool_ids or [], vendor=bool(getattr(access, "is_vendor", False)))


@register.simple_tag
def tool_url(tool_id: str, project_pk: int, step_pk: int) -> str | None:
    from vejviser.journey.tools import tool_url as url

    return url(tool_id, project_pk, step_pk)


@register.simple_tag
def tool_summary(tool_id: str, step: object) -> SafeString:
    """The latest saved result of a tool on a step (registered by the tool's app)."""
    from vejviser.journey.tools import tool_summary as summary

    return mark_safe(summary(tool_id, step))  # rendered by a template, autoescaped


@register.simple_tag(takes_context=True)
def project_panels(context: template.Context, project: object = None) -> SafeString:
    """The panels capabilities register (e.g. open monitoring alerts) for the page's
    user, on a project page (``{% project_panels project %}``) or the dashboard."""
    from vejviser.lib.capabilities import project_panels as panels

    user = getattr(context.get("request"), "user", None)
    return mark_safe("".join(panels(user, project)))  # rendered by templates, autoescaped


@register.inclusion_tag("includes/cite.html")
def cite(refs: list[dict[str, str]], sources: dict[str, object] | None = None) -> dict[str, object]:
    """Render a list of ``{doc, section}`` references with the source's title and link.

    A page that cites many items passes the sources it loaded once (slug -> Source):
    ``{% cite action.sources sources %}``; otherwise each call looks its sources up."""
    from vejviser.journey.models import Source

    docs: Any = (
        sources
        if sources is not None
        else Source.objects.in_bulk([r.get("doc", "") for r in refs or []], field_name="slug")
    )
    items = [
        {
            "source": docs.get(r.get("doc", "")),
            "doc": r.get("doc", ""),
            "section": r.get("section", ""),
        }
        for r in refs or []
    ]
    return {"items": items}


# --- numbers and dates: the one formatter (vejviser.kernel.formatting) in the page's language


@register.filter(name="num")
def num_filter(value: object, digits: int | None = None) -> str:
    """``{{ x|num }}`` or ``{{ x|num:2 }}`` -> ``1.234,5`` / ``0,50``."""
    from vejviser.kernel import formatting
    from vejviser.lib.i18n import active_lang

    return formatting.number(value, active_lang(), None if digits is None else int(digits))


@register.filter(name="pct")
def pct_filter(fraction: object, digits: int = 1) -> str:
    """``{{ 0.125|pct }}`` -> ``12,5 %``."""
    from vejviser.kernel import formatting
    from vejviser.lib.i18n import active_lang

    return formatting.percent(fraction, active_lang(), int(digits))


@register.filter(name="money")
def money_filter(amount: object, currency: str = "DKK") -> str:
    """``{{ 1234567|money }}`` -> ``1.234.567 kr.``."""
    from vejviser.kernel import formatting
    from vejviser.lib.i18n import active_lang

    return formatting.money(amount, active_lang(), currency)


@register.filter(name="ddate")
def date_filter(value: object, style: str = "long") -> str:
    """``{{ d|ddate }}`` -> ``3. december 2026``; ``{{ d|ddate:"short" }}`` -> ``03.12.2026``."""
    import datetime as dt

    from vejviser.kernel import formatting
    from vejviser.lib.i18n import active_lang

    return formatting.date(value if isinstance(value, dt.date) else None, active_lang(), style)


@register.filter(name="message")
def message_filter(value: object) -> str:
    """A core's :class:`~vejviser.kernel.i18n.Message` in the page's language."""
    from vejviser.lib.i18n import show

    return show(value)
