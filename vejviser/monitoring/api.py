"""The monitoring API: read a project's plan, metrics and alerts; post monthly aggregates
(for a hospital system to send them automatically). Same permissions as the pages: the
project's members read (a vendor only if the monitoring step is shared with vendors);
editing roles post; an outsider gets 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError
from pydantic import Field

from vejviser.kernel.inputs import NumberError, finite
from vejviser.lib.api_errors import errors
from vejviser.projects.access import ProjectAccess, get_project_for_user

from .access import monitoring_step
from .forms import parse_month
from .models import Alert, Metric, MonitoringPlan, MonthData

router = Router(tags=["monitoring"])


class MetricOut(Schema):
    id: int
    key: str
    name: str
    kind: str
    chart: str
    higher_is_better: bool
    baseline: float | None
    baseline_low: float | None
    baseline_high: float | None
    cases_per_month: int
    owner: str | None
    months: list[dict[str, Any]]


class PlanOut(Schema):
    project: int
    product_name: str
    version_in_use: str
    in_operation_since: dt.date | None
    margin: float
    metrics: list[MetricOut]


class AlertOut(Schema):
    id: int
    metric: str
    period: str
    status: str
    owner: str | None
    deadline: dt.date
    text: dict[str, str]


class MonthIn(Schema):
    period: str = Field(description="The month, YYYY-MM.")
    n: int | None = Field(default=None, ge=1)
    successes: int | None = Field(default=None, ge=0)
    value: float | None = None


class MonthsIn(Schema):
    months: list[MonthIn] = Field(min_length=1, max_length=240)


class MonthsOut(Schema):
    saved: int
    alerts: list[AlertOut]


class MetricStatus(Schema):
    key: str
    name: str
    latest_month: str | None = Field(description="The newest month with data, YYYY-MM.")
    months: int
    unresolved_alerts: int


class StatusOut(Schema):
    project: int
    metrics: list[MetricStatus]
    unresolved_alerts: int
    overdue_alerts: int


def _access(request: HttpRequest, pk: int) -> tuple[ProjectAccess, MonitoringPlan]:
    access = get_project_for_user(request.auth, pk)  # type: ignore[attr-defined]
    plan = MonitoringPlan.objects.filter(project=access.project).first()
    if monitoring_step(access) is None or plan is None:
        raise Http404
    return access, plan


def _alert_out(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "metric": alert.metric.key,
        "period": f"{alert.period:%Y-%m}",
        "status": alert.status,
        "owner": alert.owner.get_username() if alert.owner else None,
        "deadline": alert.deadline,
        "text": alert.summary,
    }


def _metric_out(metric: Metric) -> dict[str, Any]:
    return {
        "id": metric.pk,
        "key": metric.key,
        "name": metric.name,
        "kind": metric.kind,
        "chart": metric.chart,
        "higher_is_better": metric.higher_is_better,
        "baseline": metric.baseline,
        "baseline_low": metric.baseline_low,
        "baseline_high": metric.baseline_high,
        "cases_per_month": metric.cases_per_month,
        "owner": metric.owner.get_username() if metric.owner else None,
        "months": [
            {"period": f"{o.period:%Y-%m}", "n": o.n, "successes": o.successes, "value": o.value}
            for o in metric.observations.all()
        ],
    }


def _problem(loc: list[str | int], msg: str) -> ValidationError:
    """A 422 in the schema's shape (each problem with where and what)."""
    return ValidationError([{"type": "value_error", "loc": ["body", "payload", *loc], "msg": msg}])


@router.get("/projects/{pk}/plan", response={200: PlanOut, **errors(401, 404, 422)})
def get_plan(request: HttpRequest, pk: int) -> dict[str, Any]:
    _, plan = _access(request, pk)
    metrics = plan.metrics.select_related("owner").prefetch_related("observations")
    return {
        "project": plan.project_id,
        "product_name": plan.product_name,
        "version_in_use": plan.version_in_use,
        "in_operation_since": plan.in_operation_since,
        "margin": plan.margin,
        "metrics": [_metric_out(m) for m in metrics],
    }


@router.get("/projects/{pk}/status", response={200: StatusOut, **errors(401, 404, 422)})
def get_status(request: HttpRequest, pk: int) -> dict[str, Any]:
    """In brief: each metric's newest month and unresolved alerts, for a dashboard."""
    access, plan = _access(request, pk)
    alerts = list(Alert.objects.filter(project=access.project).unresolved())
    metrics = []
    for metric in plan.metrics.prefetch_related("observations"):
        periods = [o.period for o in metric.observations.all()]
        metrics.append(
            {
                "key": metric.key,
                "name": metric.name,
                "latest_month": f"{max(periods):%Y-%m}" if periods else None,
                "months": len(periods),
                "unresolved_alerts": sum(a.metric_id == metric.pk for a in alerts),
            }
        )
    return {
        "project": access.project.pk,
        "metrics": metrics,
        "unresolved_alerts": len(alerts),
        "overdue_alerts": sum(a.is_overdue for a in alerts),
    }


@router.get("/projects/{pk}/alerts", response={200: list[AlertOut], **errors(401, 404, 422)})
def list_alerts(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    access, _ = _access(request, pk)
    alerts = Alert.objects.filter(project=access.project).select_related("metric", "owner")
    return [_alert_out(a) for a in alerts]


@router.post(
    "/projects/{pk}/metrics/{key}/months",
    response={200: MonthsOut, **errors(400, 401, 403, 404, 422)},
)
def post_months(request: HttpRequest, pk: int, key: str, payload: MonthsIn) -> dict[str, Any]:
    """Monthly aggregates for one metric, e.g. sent by a hospital system each month (a
    month sent again replaces the old one). A share (``proportion``) needs ``n`` and
    ``successes``; other metrics a ``value``. Nothing is saved if one month is wrong (422
    naming it). The answer lists the alerts the new data raised."""
    access, plan = _access(request, pk)
    if not access.can_edit or access.is_vendor:
        raise PermissionDenied
    metric = plan.metrics.filter(key=key).first()
    if metric is None:
        raise Http404
    rows = []
    for i, month in enumerate(payload.months):
        period = parse_month(month.period)
        if period is None:
            raise _problem(["months", i, "period"], "use YYYY-MM")
        if metric.kind == "proportion":
            if month.n is None or month.successes is None or month.successes > month.n:
                raise _problem(["months", i], "a share needs n and successes ≤ n")
        else:
            if month.value is None:
                raise _problem(["months", i, "value"], "value is required")
            try:
                finite(month.value)
            except NumberError:
                raise _problem(["months", i, "value"], "not a finite number") from None
        rows.append(MonthData(period, month.n, month.successes, month.value))
    raised = metric.record(rows, "api", request.auth)  # type: ignore[attr-defined]
    return {"saved": len(rows), "alerts": [_alert_out(a) for a in raised]}
