"""The seed's figure through the web flow, the demo cases, and the result page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from vejviser.conftest import make_project
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project
from vejviser.value.demo import load_demo_cases
from vejviser.value.models import BusinessCase

from .web import form_data


def test_the_contouring_example_reproduces_the_seeds_2125_hours(client, personas):
    """850 patients a year × 2.5 hours = 2,125 hours a year (the seed's calculation)."""
    project = make_project(personas.alice, track="ny-ide", title="Indtegning")
    step = project.steps.get(action__slug="udarbejd-forventet-business-case")
    client.force_login(personas.alice)
    url = reverse("value:new", args=[project.pk, step.pk, "contouring"])
    data = form_data(client, url)
    assert data["in-hn-patients-value"] == "850"
    assert data["in-hours-saved-per-patient-value"] == "2,5"
    response = client.post(url, data)
    assert response.status_code == 302
    version = BusinessCase.objects.get(project=project).latest()
    assert version.summary["deterministic"]["hours_freed_per_year"] == [0.0] + [2125.0] * 5
    assert version.summary["deterministic"]["payback_year"] == 1
    page = client.get(response["Location"]).content.decode()
    assert '<span class="big" data-hours-per-year>2.125</span>' in page
    assert "1,10" in page  # full-time equivalents at 1,924 hours


def test_demo_cases_attach_to_the_demo_projects_once(db):
    load_demo(password="demo-password-123")  # attaches the demo cases
    assert load_demo_cases() == 0  # idempotent
    scribe = Project.objects.get(title="Ambient scribe i almen praksis")
    bc = scribe.business_cases.get()
    assert (bc.template, bc.step.action.slug) == ("ambient-scribe", "udarbejd-business-case")
    contouring = Project.objects.get(title="AI-indtegning af normalvæv ved strålebehandling")
    version = contouring.business_cases.get().latest()
    assert version.step.action.slug == "udarbejd-forventet-business-case"
    assert version.hours_full_use == 2125.0


@pytest.mark.parametrize("template", ["ambient-scribe", "contouring"])
def test_a_default_result_page_and_its_plots_render(client, personas, template):
    """Saving computes the default 10,000 iterations; the result page and plots render.

    How long this takes is measured by benchmarks/value/bench_web.py, not asserted here.
    """
    project = personas.project
    if template == "contouring":
        project = make_project(personas.alice, track="ny-ide", title="Indtegning")
    action = (
        "udarbejd-business-case"
        if template != "contouring"
        else ("udarbejd-forventet-business-case")
    )
    step = project.steps.get(action__slug=action)
    client.force_login(personas.alice)
    url = reverse("value:new", args=[project.pk, step.pk, template])
    response = client.post(url, form_data(client, url))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    plots = re.findall(r'<img src="([^"]+)"', page.content.decode())
    assert len(plots) == 3
    for src in plots:
        plot = client.get(src.replace("&amp;", "&"))
        assert plot.status_code == 200 and plot["Content-Type"].startswith("image/svg")
