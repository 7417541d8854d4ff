"""Monitoring's part of the documents' record (``section:monitoring-plan``): the model
card of the contouring demo shows the plan; a reader who cannot see the plan's step gets
the gap."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from docx import Document as read_docx

from vejviser.documents.core.build import coverage
from vejviser.documents.render import content, record_for, render
from vejviser.kernel import formatting
from vejviser.monitoring.models import MonitoringPlan
from vejviser.projects.access import ProjectAccess
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Membership, Project

CONTOURING = "AI-indtegning af normalvæv ved strålebehandling"
SOURCE = "section:monitoring-plan"


def _model_card(access: ProjectAccess, lang: str) -> tuple[bool, str]:
    template = content().template("model-card")
    assert template is not None
    record = record_for(access, lang, template=template)
    rows = [
        s
        for s, t in zip(
            coverage(template, record, content()).sections, template.sections, strict=True
        )
        if SOURCE in t.sources_from
    ]
    assert rows
    word = read_docx(io.BytesIO(render(access.project, template, record, "docx", version=1).data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return all(r.ready for r in rows), "\n".join([p.text for p in word.paragraphs] + cells)


@pytest.fixture
def contouring(db):
    load_demo(password="demo-password-123")
    return Project.objects.get(title=CONTOURING)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_model_card_shows_the_monitoring_plan(contouring, lang):
    plan = MonitoringPlan.objects.get(project=contouring)
    metric = plan.metrics.select_related("owner").exclude(owner=None).first()
    assert metric is not None and metric.baseline is not None
    ready, text = _model_card(ProjectAccess(contouring, None, is_staff=True), lang)
    assert ready
    assert metric.name in text
    assert metric.owner.get_full_name() in text
    digits = None if metric.kind == "kpi" else 3
    assert formatting.number(metric.baseline, lang, digits) in text
    with translation.override(lang):
        assert str(metric.get_chart_display()) in text
    if metric.on_alert:
        assert metric.on_alert in text
    if plan.upgrades.exists():
        check = plan.upgrades.order_by("-created_at").first()
        assert check is not None and check.new_version in text


def test_a_reader_who_cannot_see_the_plans_step_gets_the_gap(contouring):
    plan = MonitoringPlan.objects.get(project=contouring)
    contouring.steps.update(shared_with_vendor=False)
    user = get_user_model().objects.create_user("vendor-reader", password="x-password-123")
    vendor = Membership.objects.create(project=contouring, user=user, role="virksomhed")
    access = ProjectAccess(contouring, vendor, False)
    ready, text = _model_card(access, "da")
    assert not ready
    assert plan.metrics.first().name not in text
