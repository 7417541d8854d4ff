"""What monitoring shows outside its own pages, through the registries (``projects``
never imports this): open alerts on the project page and the dashboard, and the tool's
summary on the step page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from vejviser.lib.i18n import active_lang
from vejviser.projects.access import get_project_for_user
from vejviser.projects.models import Project

from .access import TOOL, monitoring_step
from .models import Alert, MonitoringPlan


def open_alerts(user: Any, project: Project | None) -> str:
    """The open alerts of one project (project page) or of all the user's projects
    (dashboard), linked to the alert page; ``""`` when there are none."""
    if not getattr(user, "is_authenticated", False):
        return ""
    projects = [project] if project is not None else list(Project.objects.for_user(user))
    items = []
    lang = active_lang()
    alerts = (
        Alert.objects.unresolved()
        .filter(project__in=projects)
        .select_related("metric", "owner", "project")
        .order_by("deadline")
    )
    steps: dict[int, Any] = {}
    for alert in alerts:
        if alert.project_id not in steps:
            access = get_project_for_user(user, alert.project_id)
            steps[alert.project_id] = monitoring_step(access)
        step = steps[alert.project_id]
        if step is None:  # a vendor without the shared step sees nothing of it
            continue
        items.append({"alert": alert, "step": step, "text": alert.text(lang)})
    if not items:
        return ""
    return render_to_string(
        "monitoring/_alerts_panel.html", {"items": items, "on_dashboard": project is None}
    )


def step_summary(step: Any, tool_id: str) -> str:
    """On the step page: in operation or not, version, open alerts."""
    if tool_id != TOOL:
        return ""
    plan = MonitoringPlan.objects.filter(project_id=step.project_id).first()
    context = {
        "plan": plan,
        "open": Alert.objects.unresolved().filter(project_id=step.project_id).count()
        if plan
        else 0,
        "step": step,
    }
    return render_to_string("monitoring/_summary.html", context)
