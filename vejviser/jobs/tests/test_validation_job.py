"""A large validation upload runs as a job on the database queue: the worker computes
the same report as the request would, the file is deleted, and who may see the
project sees the job (and nobody else)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from vejviser.evidence.models import ValidationRun
from vejviser.evidence.tests.web import binary_data, url
from vejviser.jobs.models import Job, State
from vejviser.jobs.worker import run_worker


@pytest.fixture
def big(settings, tmp_path):
    settings.VEJVISER_JOB_ROWS = 500  # the demo file has 1991 rows: "large" here
    settings.VEJVISER_JOB_FILES_DIR = tmp_path / "job-files"
    return tmp_path / "job-files"


def _start(client, personas):
    client.force_login(personas.alice)
    response = client.post(url(personas.project, "new", kind="binary"), binary_data())
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job", args=[job.pk])
    return job


def test_large_upload_is_queued_and_the_worker_saves_the_same_report(client, personas, big):
    job = _start(client, personas)
    assert job.state == State.QUEUED and job.task_id
    assert "readmission" not in job.title  # never the file's name (it may name a patient)
    assert ValidationRun.objects.count() == 0
    folder = Path(job.files)
    assert folder.parent == big and len(list(folder.iterdir())) == 1  # the file, kept for now
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'data-job-state="queued"' in page

    run_worker(batch=True)

    job.refresh_from_db()
    assert job.state == State.DONE and job.progress == 100 and job.attempts == 1
    assert not folder.exists()  # the patient-level file is gone
    run = ValidationRun.objects.get()
    assert job.result_url == url(personas.project, "run", run_pk=run.pk)
    assert run.n == 1991 and run.created_by == personas.alice
    fragment = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in fragment and 'data-job-state="done"' in fragment
    assert job.result_url in fragment


def test_same_figures_as_in_the_request(client, personas, big, settings):
    job = _start(client, personas)
    run_worker(batch=True)
    job.refresh_from_db()
    in_job = ValidationRun.objects.get(pk=job.result["run"])
    settings.VEJVISER_JOB_ROWS = 1_000_000
    client.post(url(personas.project, "new", kind="binary"), binary_data())
    in_request = ValidationRun.objects.exclude(pk=in_job.pk).get()
    assert in_job.report == in_request.report and in_job.settings == in_request.settings


def test_bad_input_fails_the_job_with_the_cores_message(client, personas, big):
    client.force_login(personas.alice)
    client.post(url(personas.project, "new", kind="binary"), binary_data(score="no_such_column"))
    job = Job.objects.get()
    folder = Path(job.files)
    run_worker(batch=True)
    job.refresh_from_db()
    assert job.state == State.FAILED and not folder.exists()
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "no_such_column" in page and "data-job-error" in page
    assert ValidationRun.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 200), ("bob", 200), ("maja", 200), ("charlie", 404), ("victor", 404)],
)
def test_who_may_see_the_project_sees_its_jobs(client, personas, big, persona, status):
    job = _start(client, personas)
    job.step.shared_with_vendor = False  # the vendor sees only steps shared with vendors
    job.step.save()
    client.force_login(getattr(personas, persona))
    for name in ("jobs:job", "jobs:status"):
        assert client.get(reverse(name, args=[job.pk])).status_code == status
    listed = f'data-job="{job.pk}"' in client.get(reverse("jobs:list")).content.decode()
    assert listed == (status == 200)


def test_vendor_sees_the_job_on_a_step_shared_with_vendors(client, personas, big):
    job = _start(client, personas)
    job.step.shared_with_vendor = True
    job.step.save()
    client.force_login(personas.victor)
    assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 200


def test_anonymous_is_sent_to_log_in(client, personas, big):
    job = _start(client, personas)
    client.logout()
    response = client.get(reverse("jobs:status", args=[job.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_small_upload_stays_in_the_request(client, personas, settings, tmp_path):
    settings.VEJVISER_JOB_FILES_DIR = tmp_path
    client.force_login(personas.alice)
    response = client.post(url(personas.project, "new", kind="binary"), binary_data())
    run = ValidationRun.objects.get()
    assert response["Location"] == url(personas.project, "run", run_pk=run.pk)
    assert Job.objects.count() == 0


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_rows_are_counted_without_using_up_the_upload(tmp_path, suffix):
    import pandas as pd  # type: ignore[import-untyped]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vejviser.evidence.jobs import upload_rows

    frame = pd.DataFrame({"score": range(1234), "label": ["ja", "nej"] * 617})
    path = tmp_path / f"data{suffix}"
    {
        ".csv": lambda: frame.to_csv(path, index=False),
        ".parquet": lambda: frame.to_parquet(path),
        ".xlsx": lambda: frame.to_excel(path, index=False),
    }[suffix]()
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    assert upload_rows(upload) == 1234
    assert upload.read() == path.read_bytes()  # still all there for the analysis
