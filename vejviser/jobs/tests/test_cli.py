"""`vejviser jobs` lists the jobs with progress; --watch follows them to the end."""

from __future__ import annotations

import json

from click.testing import CliRunner

from vejviser.cli import main
from vejviser.jobs import runner
from vejviser.jobs.models import Job, Kind, State


def test_jobs_lists_state_progress_and_message(db):
    done = runner.start(
        kind=Kind.CHECK,
        handler="vejviser.jobs.diagnostics.wait",
        user=None,
        params={"seconds": 0.01, "steps": 1},
        background=False,
    )
    failed = runner.start(
        kind=Kind.CHECK, handler="vejviser.jobs.diagnostics.none", user=None, background=False
    )
    result = CliRunner().invoke(main, ["--lang", "en", "jobs", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.output)}
    assert rows[done.pk]["state"] == "done" and rows[done.pk]["progress"] == 100
    assert rows[failed.pk]["state"] == "failed"
    assert f"job {failed.pk}" in rows[failed.pk]["message"]
    text = CliRunner().invoke(main, ["--lang", "da", "jobs", "--watch"]).output
    assert "#" * 20 in text and "failed" in text  # every job finished: --watch returns


def test_jobs_without_jobs(db):
    assert "Ingen job." in CliRunner().invoke(main, ["jobs"]).output


def test_worker_batch_runs_what_is_queued(db):
    job = runner.start(
        kind=Kind.CHECK,
        handler="vejviser.jobs.diagnostics.wait",
        user=None,
        params={"seconds": 0.01, "steps": 1},
    )
    result = CliRunner().invoke(main, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    assert Job.objects.get(pk=job.pk).state == State.DONE
