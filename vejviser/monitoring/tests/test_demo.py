"""The demo: a plan at go-live from the validation run, six months, an alert on Dice to its
owner, a new vendor version refused, and realised hours against the business case."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from vejviser.monitoring.demo import PROJECT, load
from vejviser.monitoring.models import Alert, MonitoringPlan
from vejviser.projects.demo import load_demo
from vejviser.projects.models import AuditEvent, Project

PASSWORD = "demo-password-123"


@pytest.fixture
def demo(db):
    load_demo(password=PASSWORD)  # runs every capability's demo part, ours included
    return Project.objects.get(title=PROJECT)


def test_demo_plan_alert_and_refused_upgrade(demo):
    assert load() == 0  # idempotent
    plan = MonitoringPlan.objects.get(project=demo)
    assert plan.step.action.slug == "saet-produktet-i-drift"
    assert plan.in_operation_since is not None
    dice = plan.metrics.get(key="dice")
    run = plan.baseline_run
    assert dice.baseline_note.startswith(run.get_kind_display())
    assert dice.baseline_low < dice.baseline < dice.baseline_high
    assert dice.observations.count() == 6
    alerts = Alert.objects.filter(metric=dice)
    assert alerts.exists()
    assert all(a.owner.username == "anna" for a in alerts)
    assert (
        min(a.period for a in alerts)
        >= sorted(dice.observations.values_list("period", flat=True))[4]
    )
    check = plan.upgrades.get()
    assert check.may_go_live is False and check.new_version == "1.0"
    comparison = check.decision["comparisons"][0]
    assert comparison["metric"] == "Dice" and comparison["ci_low"] < -plan.margin
    hours = plan.metrics.get(key="kpi-hours-freed-per-year")
    assert hours.range_low is not None and hours.observations.count() == 6
    assert AuditEvent.objects.filter(project=demo, changes__has_key="alert").exists()


def test_demo_pages_show_the_alert_and_the_verdict(demo, django_assert_max_num_queries):
    client = Client()
    client.force_login(get_user_model().objects.get(username="anna"))
    plan = MonitoringPlan.objects.get(project=demo)
    url = reverse("monitoring:plan", kwargs={"pk": demo.pk, "step_pk": plan.step_id})
    with django_assert_max_num_queries(30):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "data-open-alerts" in html and 'data-may-go-live="no"' in html
    assert "data-benefits" in html
    project_page = client.get(reverse("project", kwargs={"pk": demo.pk})).content.decode()
    assert "data-monitoring-alerts" in project_page
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "data-monitoring-alerts" in dashboard
    dice = plan.metrics.get(key="dice")
    svg = client.get(
        reverse(
            "monitoring:plot", kwargs={"pk": demo.pk, "step_pk": plan.step_id, "metric_pk": dice.pk}
        )
    )
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    alert = Alert.objects.filter(metric=dice).first()
    page = client.get(
        reverse(
            "monitoring:alert",
            kwargs={"pk": demo.pk, "step_pk": plan.step_id, "alert_pk": alert.pk},
        )
    )
    assert page.status_code == 200 and 'data-action="report"' in page.content.decode()
