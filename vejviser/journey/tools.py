"""The Vejviser tools an action can point to: labels and where they live once built."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TOOL_LABELS: dict[str, Promise] = {
    "assessment:ai-act": _("Assessment: EU AI Act risk tier"),
    "assessment:mdr": _("Assessment: MDR qualification and class"),
    "assessment:gdpr": _("Assessment: GDPR legal basis and DPIA"),
    "assessment:approvals": _("Assessment: approvals (ethics committee)"),
    "assessment:procurement": _("Assessment: procurement route and threshold"),
    "validation:retrospective": _("Validation on local data (retrospective)"),
    "validation:prospective": _("Validation in clinical use (prospective)"),
    "validation:sample-size": _("Sample size for a prospective validation"),
    "business-case": _("Business case simulation"),
    "market:catalogue": _("Product catalogue"),
    "market:needs": _("Needs prioritisation"),
    "market:requirements": _("Requirement specification builder"),
    "market:tender-evaluation": _("Tender evaluation"),
    "market:contract-checklist": _("Contract checklist"),
    "document:project-description": _("Document: project description"),
    "document:requirement-specification": _("Document: requirement specification"),
    "document:business-case": _("Document: business case"),
    "document:mini-hta": _("Document: mini-HTA"),
    "document:validation-report": _("Document: validation report"),
    "document:evaluation-report": _("Document: evaluation report"),
    "document:mas-ai": _("Document: MAS-AI assessment"),
    "document:dpia": _("Document: DPIA (data protection impact assessment)"),
    "document:model-card": _("Document: model card"),
    "document:collaboration-agreement": _("Document: collaboration agreement"),
    "monitoring": _("Monitoring in operation"),
    "portfolio:share": _("Share results with other regions"),
    "portfolio:record": _("AI system record (algorithm register)"),
    "assistant": _("Ask the assistant"),
}

#: Tools that exist in this version of Vejviser: tool id -> URL name. A capability app
#: registers its tools in its ``AppConfig.ready()`` with :func:`register`. The URL is
#: reversed with the project and step (``pk``, ``step_pk``), so the tool opens on the
#: step it serves. Tools not registered are shown as "planned".
AVAILABLE: dict[str, str] = {}

#: Optional: tool id -> function(step, tool_id) returning a short HTML summary of the
#: tool's latest saved result on that step (shown on the step page).
SUMMARIES: dict[str, Callable[[Any, str], str]] = {}

#: Tools a vendor never opens (registered with ``vendor=False``, e.g. the market tools:
#: equal treatment). A vendor's step page leaves them out: neither a link (it would be
#: a 404) nor "planned".
NOT_FOR_VENDOR: set[str] = set()


def register(
    tool_id: str,
    url_name: str,
    summary: Callable[[Any, str], str] | None = None,
    *,
    vendor: bool = True,
) -> None:
    """Make ``tool_id`` available at ``url_name``. ``vendor=False``: the tool's pages
    refuse vendors, so it is not shown to them."""
    if tool_id not in TOOL_LABELS:
        raise ValueError(f"unknown tool id {tool_id!r}")
    AVAILABLE[tool_id] = url_name
    if summary is not None:
        SUMMARIES[tool_id] = summary
    if vendor:
        NOT_FOR_VENDOR.discard(tool_id)
    else:
        NOT_FOR_VENDOR.add(tool_id)


def tools_for(tool_ids: Iterable[str], *, vendor: bool) -> list[str]:
    """``tool_ids`` as the reader should see them: a vendor without the tools that
    refuse vendors."""
    return [t for t in tool_ids if not (vendor and t in NOT_FOR_VENDOR)]


def tool_summary(tool_id: str, step: Any) -> str:
    """The tool's latest result on ``step`` as HTML, or ``""``."""
    summary = SUMMARIES.get(tool_id)
    return summary(step, tool_id) if summary else ""


def tool_label(tool_id: str) -> str:
    return str(TOOL_LABELS.get(tool_id, tool_id))


def tool_url(tool_id: str, project_pk: int, step_pk: int) -> str | None:
    """The URL of a tool on a project's step, or ``None`` while the tool is planned."""
    from django.urls import reverse

    name = AVAILABLE.get(tool_id)
    return reverse(name, kwargs={"pk": project_pk, "step_pk": step_pk}) if name else None
