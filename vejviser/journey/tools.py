"""The Vejviser tools an action can point to: labels and where they live once built."""

from __future__ import annotations

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
    "document:project-description": _("Document: project description"),
    "document:requirement-specification": _("Document: requirement specification"),
    "document:business-case": _("Document: business case"),
    "document:mini-hta": _("Document: mini-HTA"),
    "document:validation-report": _("Document: validation report"),
    "document:evaluation-report": _("Document: evaluation report"),
    "document:collaboration-agreement": _("Document: collaboration agreement"),
    "monitoring": _("Monitoring in operation"),
    "portfolio:share": _("Share results with other regions"),
    "assistant": _("Ask the assistant"),
}

#: Tools that exist in this version of Vejviser, by id -> URL name. The others are shown
#: as "planned" so the team knows help is coming for the step.
AVAILABLE: dict[str, str] = {}


def tool_label(tool_id: str) -> str:
    return str(TOOL_LABELS.get(tool_id, tool_id))
