"""The document tools on the journey steps: one per document kind, each opening the
document's page on the step, and the short summary the step page shows."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _

from vejviser.kernel import formatting
from vejviser.lib.i18n import active_lang

#: The document kinds Vejviser generates (a template each in ``content/documents/``).
KINDS = (
    "project-description",
    "requirement-specification",
    "business-case",
    "mini-hta",
    "mas-ai",
    "dpia",
    "validation-report",
    "evaluation-report",
    "model-card",
)
TOOLS = tuple(f"document:{kind}" for kind in KINDS)


def summary(step: Any, tool_id: str) -> str:
    """The latest generated version on the step: ``v2 · DOCX · 3. december 2026``."""
    from .models import DocumentVersion

    kind = tool_id.split(":", 1)[1]
    latest = DocumentVersion.objects.filter(step=step, kind=kind).order_by("-number").first()
    if latest is None:
        return ""
    return format_html(
        "{} v{} · {} · {}",
        _("Latest:"),
        latest.number,
        latest.fmt.upper(),
        formatting.date(latest.created_at, active_lang()),
    )
