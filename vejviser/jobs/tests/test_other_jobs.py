"""The simulation and document jobs: the same figures as the core computes directly,
small simulations in the request, large ones on the queue; access checked again by the
worker; and the queue run by the immediate backend when so configured."""

from __future__ import annotations

import numpy as np
import pytest
from django.urls import reverse

from vejviser.documents.models import DocumentVersion
from vejviser.jobs.models import Job, State
from vejviser.jobs.worker import run_worker
from vejviser.value.core.simulate import monte_carlo
from vejviser.value.models import BusinessCase
from vejviser.value.tests.web import start_case, tool_url


@pytest.fixture
def version(client, personas):
    client.force_login(personas.alice)
    assert start_case(client, personas.project).status_code == 302
    return BusinessCase.objects.get().latest()


def _simulate(client, project, version, iterations):
    return client.post(
        tool_url(project, "simulate", case_pk=version.business_case_id, number=version.number),
        {"iterations": str(iterations)},
    )


def test_a_small_simulation_runs_in_the_request(client, personas, version):
    response = _simulate(client, personas.project, version, 20_000)
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.state == State.DONE and not job.task_id  # never on the queue
    seed = int(version.summary["simulation"]["seed"])
    sim = monte_carlo(version.case(), 20_000, seed)
    rows = {r["label"]["msgid"]: r for r in job.result["rows"]}
    p50 = rows["Net present value, P50"]
    assert p50["value"] == pytest.approx(float(np.percentile(sim.npv, 50)), rel=1e-12)
    assert p50["compare"] == version.summary["simulation"]["npv"]["p50"]
    assert rows["Iterations"]["value"] == 20_000 and rows["Iterations"]["compare"] == 10_000
    page = client.get(response["Location"]).content.decode()
    assert "data-job-result" in page and "20.000" in page


def test_a_large_simulation_goes_to_the_worker_with_progress(client, personas, version, settings):
    settings.VEJVISER_JOB_ITERATIONS = 30_000
    _simulate(client, personas.project, version, 50_000)
    job = Job.objects.get()
    assert job.state == State.QUEUED
    run_worker(batch=True)
    job.refresh_from_db()
    assert job.state == State.DONE and job.progress == 100
    assert job.result_url == tool_url(
        personas.project, "version", case_pk=version.business_case_id, number=1
    )


def test_iterations_typed_the_danish_way(client, personas, version):
    _simulate(client, personas.project, version, "20.000")
    assert Job.objects.get().params["iterations"] == 20_000


@pytest.mark.parametrize("iterations", ["0", "999", "2000001", "many", "", "1500,5", "nan"])
def test_out_of_range_iterations_change_nothing(client, personas, version, iterations):
    response = _simulate(client, personas.project, version, iterations)
    assert response.status_code == 302 and Job.objects.count() == 0


@pytest.mark.parametrize(("persona", "status"), [("maja", 403), ("charlie", 404)])
def test_only_editors_start_a_simulation(client, personas, version, persona, status):
    client.force_login(getattr(personas, persona))
    assert _simulate(client, personas.project, version, 20_000).status_code == status
    assert Job.objects.count() == 0


def _document(client, personas, **extra):
    step = personas.project.steps.get(action__slug="evaluer-afproevningsfasen")
    url = reverse("documents:generate", args=[personas.project.pk, step.pk, "mini-hta"])
    return client.post(url, {"format": "docx", "lang": "da", **extra}), step


def test_a_document_in_the_background(client, personas):
    client.force_login(personas.alice)
    response, step = _document(client, personas, background="1")
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.state == State.QUEUED and DocumentVersion.objects.count() == 0
    run_worker(batch=True)
    job.refresh_from_db()
    version = DocumentVersion.objects.get()
    assert job.state == State.DONE and version.created_by == personas.alice
    assert job.result_url == reverse(
        "documents:download", args=[personas.project.pk, step.pk, "mini-hta", 1]
    )
    assert client.get(job.result_url).status_code == 200


def test_the_worker_checks_access_again(client, personas):
    client.force_login(personas.bob)
    _document(client, personas, background="1")
    personas.project.memberships.filter(user=personas.bob).delete()
    run_worker(batch=True)
    job = Job.objects.get()
    assert job.state == State.FAILED and DocumentVersion.objects.count() == 0
    assert "no longer" in job.error_text().text("en")


def test_without_background_the_document_is_made_in_the_request(client, personas):
    client.force_login(personas.alice)
    _document(client, personas)
    assert DocumentVersion.objects.count() == 1 and Job.objects.count() == 0


def test_the_immediate_backend_runs_a_queued_job_at_once(client, personas, settings):
    # (django-tasks drops its backends when the setting changes)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(personas.alice)
    _document(client, personas, background="1")
    job = Job.objects.get()
    assert job.state == State.DONE and job.task_id and DocumentVersion.objects.count() == 1
