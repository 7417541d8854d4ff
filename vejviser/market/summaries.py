"""One line per market tool on the step page (the latest state on that step).

The step page is also shown to a vendor on a step shared with vendors, and the summary
does not know who is looking: on a shared step it shows nothing (equal treatment).
"""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import ContractCheck, Need, Product, Specification, Tender


def summary_html(step: Any, tool: str) -> str:
    if step.shared_with_vendor:
        return ""
    project = step.project
    if tool == "market:needs":
        needs = Need.objects.filter(project=project)
        total = needs.count()
        if not total:
            return ""
        text = _("%(n)s needs, %(s)s shortlisted") % {
            "n": total,
            "s": needs.filter(shortlisted=True).count(),
        }
    elif tool == "market:catalogue":
        text = _("%(n)s products in the catalogue") % {"n": Product.objects.count()}
    elif tool == "market:requirements":
        spec = Specification.objects.filter(project=project).first()
        latest = spec.latest() if spec else None
        if latest is None:
            return ""
        text = _("%(title)s, version %(v)s: %(n)s requirements") % {
            "title": spec.title if spec else "",
            "v": latest.number,
            "n": len(latest.items),
        }
    elif tool == "market:tender-evaluation":
        tender = Tender.objects.filter(project=project).first()
        if tender is None:
            return ""
        state = _("model fixed") if tender.locked else _("model not fixed yet")
        text = f"{tender.title}: {state}"
    else:
        checks = ContractCheck.objects.filter(project=project, met=True).count()
        if not checks:
            return ""
        text = _("%(n)s checklist items met") % {"n": checks}
    return format_html(' <span class="muted small" data-tool-summary>— {}</span>', text)
