"""The monitoring summary this capability shares with other installations (the share
item ``monitoring``, see ``vejviser.sharing``): the status (green, amber, red — as on the
portfolio), since when the product is in operation, per metric its baseline, its latest
monthly value and how many months are recorded, the alerts counted by status and the
upgrade checks' verdicts. No metric owner, no alert's notes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from vejviser.projects.models import Project

from .models import Alert, AlertStatus, MonitoringPlan, Observation, UpgradeCheck


def monitoring_summary(project: Project) -> dict[str, Any] | None:
    plan = MonitoringPlan.objects.filter(project=project).first()
    if plan is None:
        return None
    alerts = Counter(Alert.objects.filter(project=project).values_list("status", flat=True))
    metrics = []
    for metric in plan.metrics.order_by("order", "id"):
        observed = list(
            Observation.objects.filter(metric=metric, value__isnull=False)
            .order_by("period")
            .values_list("period", "value")
        )
        metrics.append(
            {
                "key": metric.key,
                "name": metric.name,
                "kind": metric.kind,
                "unit": metric.unit,
                "higher_is_better": metric.higher_is_better,
                "baseline": metric.baseline,
                "chart": metric.chart,
                "months": len(observed),
                "latest": (
                    {"month": observed[-1][0].isoformat()[:7], "value": observed[-1][1]}
                    if observed
                    else None
                ),
            }
        )
    status = (
        "red"
        if alerts.get(AlertStatus.OPEN)
        else "amber"
        if alerts.get(AlertStatus.ACKNOWLEDGED)
        else "green"
    )
    return {
        "status": status,
        "product": plan.product_name,
        "version_in_use": plan.version_in_use,
        "in_operation_since": (
            plan.in_operation_since.isoformat() if plan.in_operation_since else None
        ),
        "metrics": metrics,
        "alerts": {str(s): alerts.get(s, 0) for s in AlertStatus.values},
        "upgrades": [
            {
                "from": u.old_version,
                "to": u.new_version,
                "may_go_live": u.may_go_live,
                "date": u.created_at.date().isoformat(),
            }
            for u in UpgradeCheck.objects.filter(plan=plan).order_by("created_at", "id")
        ],
    }
