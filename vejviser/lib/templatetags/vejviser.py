"""Template filters available in every template (registered as a builtin)."""

from __future__ import annotations

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


@register.simple_tag
def tool_url(tool_id: str, project_pk: int, step_pk: int) -> str | None:
    from vejviser.journey.tools import tool_url as url

    return url(tool_id, project_pk, step_pk)


@register.simple_tag
def tool_summary(tool_id: str, step: object) -> SafeString:
    """The latest saved result of a tool on a step (registered by the tool's app)."""
    from vejviser.journey.tools import tool_summary as summary

    return mark_safe(summary(tool_id, step))  # rendered by a template, autoescaped


@register.inclusion_tag("includes/cite.html")
def cite(refs: list[dict[str, str]]) -> dict[str, object]:
    """Render a list of ``{doc, section}`` references with the source's title and link."""
    from vejviser.journey.models import Source

    docs = Source.objects.in_bulk([r.get("doc", "") for r in refs or []], field_name="slug")
    items = [
        {
            "source": docs.get(r.get("doc", "")),
            "doc": r.get("doc", ""),
            "section": r.get("section", ""),
        }
        for r in refs or []
    ]
    return {"items": items}
