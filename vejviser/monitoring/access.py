"""Fetch *and* authorise monitoring objects, on top of the projects' access helpers.

The pages live on a step whose action has the ``monitoring`` tool. Members see the plan,
its data and alerts; editing roles change the plan, send data and handle alerts (others
get 403 on POST); an outsider gets 404. A vendor gets 404 unless the step is shared with
vendors; there the vendor reads the plan, the alerts and the upgrade checks but changes
nothing (403): the hospital monitors the vendor's product.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from vejviser.projects.access import (
    ProjectAccess,
    ToolAccess,
    get_project_for_user,
    get_tool_step_for_user,
)
from vejviser.projects.models import Step

from .models import Alert, Metric, MonitoringPlan

TOOL = "monitoring"


@dataclass(frozen=True)
class MonitoringAccess(ToolAccess):

    def plan(self) -> MonitoringPlan | None:
        return (
            MonitoringPlan.objects.filter(project=self.project)
            .select_related("baseline_run", "step")
            .first()
        )


def get_tool_for_user(user: Any, pk: int, step_pk: int, *, edit: bool = False) -> MonitoringAccess:
    """The monitoring tool on a project's step: 404 unless the step has it."""
    return MonitoringAccess(*get_tool_step_for_user(user, pk, step_pk, (TOOL,), edit=edit))


def get_plan_for_user(
    user: Any, pk: int, step_pk: int, *, edit: bool = False
) -> tuple[MonitoringAccess, MonitoringPlan]:
    tool = get_tool_for_user(user, pk, step_pk, edit=edit)
    plan = tool.plan()
    if plan is None:
        raise Http404
    return tool, plan


def get_metric_for_user(
    user: Any, pk: int, step_pk: int, metric_pk: int, *, edit: bool = False
) -> tuple[MonitoringAccess, Metric]:
    tool, plan = get_plan_for_user(user, pk, step_pk, edit=edit)
    metric = plan.metrics.select_related("owner").filter(pk=metric_pk).first()
    if metric is None:
        raise Http404
    return tool, metric


def get_alert_for_user(
    user: Any, pk: int, step_pk: int, alert_pk: int, *, edit: bool = False
) -> tuple[MonitoringAccess, Alert]:
    tool, plan = get_plan_for_user(user, pk, step_pk, edit=edit)
    alert = (
        Alert.objects.filter(project=plan.project, pk=alert_pk)
        .select_related("metric", "owner")
        .first()
    )
    if alert is None:
        raise Http404
    return tool, alert


def monitoring_step(access: ProjectAccess) -> Step | None:
    """The first step of the project (visible to this user) that has the tool."""
    for step in access.steps():
        if TOOL in (step.action.tools or []):
            return step
    return None


def project_access(user: Any, pk: int) -> ProjectAccess:
    return get_project_for_user(user, pk)
