"""Monitoring's columns on management's portfolio (``register_portfolio_facts``), in two
queries whatever the number of projects:

- status: red with an open alert, amber with an acknowledged one (not resolved), green
  with a plan and nothing unresolved; no entry without a plan or an alert;
- realised hours: the KPI ``kpi-hours-freed-per-year`` (monthly values) as the mean of
  its latest 12 months × 12.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from vejviser.projects.models import Project

from .models import Alert, AlertStatus, MonitoringPlan, Observation

HOURS_KPI = "kpi-hours-freed-per-year"
RED, AMBER, GREEN = "red", "amber", "green"  # as vejviser.portfolio.core.rows


def portfolio_facts(ids: Any, lang: str) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    unresolved = Alert.objects.unresolved().filter(project=OuterRef("pk"))
    projects = (
        Project.objects.filter(pk__in=ids)
        .annotate(
            planned=Exists(MonitoringPlan.objects.filter(project=OuterRef("pk"))),
            # unresolved: every status but resolved (``Alert.objects.unresolved()``)
            unresolved=Count(
                "monitoring_alerts", filter=~Q(monitoring_alerts__status=AlertStatus.RESOLVED)
            ),
            opened=Count("monitoring_alerts", filter=Q(monitoring_alerts__status=AlertStatus.OPEN)),
        )
        .filter(Q(planned=True) | Exists(unresolved))
        .values_list("pk", "unresolved", "opened")
    )
    for pk, unresolved_count, opened in projects:
        colour = RED if opened else AMBER if unresolved_count else GREEN
        out[pk].update(monitoring=colour, open_alerts=opened)
    observations = (
        Observation.objects.filter(
            metric__plan__project__in=ids, metric__key=HOURS_KPI, value__isnull=False
        )
        .order_by("metric__plan__project_id", "-period")
        .values_list("metric__plan__project_id", "value")
    )
    months: dict[int, list[float]] = defaultdict(list)
    for pk, value in observations:
        if value is not None and len(months[pk]) < 12:
            months[pk].append(float(value))
    for pk, values in months.items():
        if values:
            out[pk]["hours_realised"] = sum(values) / len(values) * 12
    return out
