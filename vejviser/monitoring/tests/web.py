"""Shared helpers of the monitoring web tests."""

from __future__ import annotations

from django.urls import reverse

from vejviser.monitoring.models import Alert, Metric, MonitoringPlan

GO_LIVE = "saet-produktet-i-drift"


def step(project, slug: str = GO_LIVE):
    return project.steps.get(action__slug=slug)


def url(project, name: str = "plan", **kwargs) -> str:
    return reverse(
        f"monitoring:{name}", kwargs={"pk": project.pk, "step_pk": step(project).pk, **kwargs}
    )


def make_plan(personas) -> tuple[MonitoringPlan, Metric]:
    """A plan on the personas' project with one share metric (sensitivity 0.9, 40 a month)."""
    plan = MonitoringPlan.objects.create(
        project=personas.project,
        step=step(personas.project),
        product_name="Scribe",
        version_in_use="2.3",
        created_by=personas.alice,
    )
    metric = Metric.objects.create(
        plan=plan,
        key="sensitivity",
        name="Sensitivity",
        kind="proportion",
        source="validation",
        chart="p",
        baseline=0.9,
        baseline_low=0.85,
        baseline_high=0.94,
        shift=0.1,
        cases_per_month=40,
        owner=personas.alice,
    )
    return plan, metric


def make_alert(metric) -> Alert:
    import datetime as dt

    from vejviser.monitoring.models import MonthData

    raised = metric.record([MonthData(dt.date(2026, 5, 1), 40, 20)], "form", metric.owner)
    assert raised
    alert: Alert = raised[0]
    return alert
