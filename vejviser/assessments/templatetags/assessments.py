"""``{% assessment_summary step tool %}``: the latest saved result of a tool on a step.

For the step page, next to the tool's link (the step is already authorised there)::

    {% load assessments %}{% assessment_summary step tool %}
"""

from __future__ import annotations

from typing import Any

from django import template

from vejviser.lib.i18n import active_lang

from ..display import headline
from ..models import AssessmentRun

register = template.Library()


@register.inclusion_tag("assessments/_summary.html")
def assessment_summary(step: Any, tool: str) -> dict[str, Any]:
    """Nothing for other tools or when nothing is saved yet."""
    if not tool.startswith("assessment:"):
        return {"run": None}
    name = tool.removeprefix("assessment:")
    run = AssessmentRun.objects.filter(step=step, assessment=name).order_by("-version").first()
    return {"run": run, "headline": headline(run.result, active_lang()) if run else ""}


def summary_html(step: Any, tool: str) -> str:
    """The same summary as HTML, for the journey tool registry (the step page)."""
    from django.template.loader import render_to_string

    return render_to_string("assessments/_summary.html", assessment_summary(step, tool))
