"""A job whose worker died is started again or marked failed — never lost; periodic
jobs start once per period; reminders are made once per person and thing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vejviser.jobs import core, runner
from vejviser.jobs.models import Job, Kind, Reminder, Schedule, State
from vejviser.jobs.worker import run_worker

CPH = ZoneInfo("Europe/Copenhagen")
WAIT = "vejviser.jobs.diagnostics.wait"


# --- the pure rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("every", "after", "expected"),
    [
        (
            "day",
            dt.datetime(2026, 12, 3, 5, 59, tzinfo=CPH),
            dt.datetime(2026, 12, 3, 6, tzinfo=CPH),
        ),
        (
            "day",
            dt.datetime(2026, 12, 3, 6, 0, tzinfo=CPH),
            dt.datetime(2026, 12, 4, 6, tzinfo=CPH),
        ),
        ("day", dt.datetime(2026, 12, 31, 7, tzinfo=CPH), dt.datetime(2027, 1, 1, 6, tzinfo=CPH)),
        ("month", dt.datetime(2026, 12, 1, 5, tzinfo=CPH), dt.datetime(2026, 12, 1, 6, tzinfo=CPH)),
        ("month", dt.datetime(2026, 12, 1, 6, tzinfo=CPH), dt.datetime(2027, 1, 1, 6, tzinfo=CPH)),
        ("month", dt.datetime(2026, 1, 31, 23, tzinfo=CPH), dt.datetime(2026, 2, 1, 6, tzinfo=CPH)),
    ],
)
def test_next_run(every, after, expected):
    assert core.next_run(every, 6, after) == expected


def test_next_run_refuses_an_unknown_period():
    with pytest.raises(ValueError):
        core.next_run("week", 6, dt.datetime(2026, 1, 1, tzinfo=CPH))


def test_stale_and_worker_names():
    now = dt.datetime(2026, 12, 3, 12, tzinfo=CPH)
    assert core.is_stale(None, now, 60)
    assert core.is_stale(now - dt.timedelta(seconds=61), now, 60)
    assert not core.is_stale(now - dt.timedelta(seconds=59), now, 60)
    assert core.parse_worker("vm:123:abc") == ("vm", 123)
    assert core.parse_worker("garbage") is None


# --- recovery ------------------------------------------------------------------------------


def _running(heartbeat_age: float, attempts: int, max_attempts: int, worker: str, **extra):
    """A job as a worker leaves it when it is killed: running, its task row running."""
    job = runner.start(
        kind=Kind.CHECK,
        handler=WAIT,
        user=None,
        params={"seconds": 0.01, "steps": 1},
        max_attempts=max_attempts,
        **extra,
    )
    DBTaskResult.objects.filter(id=job.task_id).update(status=TaskResultStatus.RUNNING)
    beat = timezone.now() - dt.timedelta(seconds=heartbeat_age)
    Job.objects.filter(pk=job.pk).update(
        state=State.RUNNING, attempts=attempts, worker=worker, heartbeat_at=beat, started_at=beat
    )
    return job


def test_a_stale_job_is_started_again_and_finishes(db, settings):
    settings.VEJVISER_JOB_LEASE_SECONDS = 30
    job = _running(31, 1, 2, "elsewhere:1:x")
    old_task = job.task_id
    assert [j.pk for j in runner.recover()] == [job.pk]
    job.refresh_from_db()
    assert job.state == State.QUEUED and job.task_id != old_task
    assert "attempt 2 of 2" in job.progress_text().text("en")
    assert DBTaskResult.objects.get(id=old_task).status == TaskResultStatus.FAILED
    run_worker(batch=True)
    job.refresh_from_db()
    assert job.state == State.DONE and job.attempts == 2 and job.result["attempt"] == 2


def test_out_of_attempts_it_fails_with_a_message_and_its_files_go(db, settings, tmp_path):
    settings.VEJVISER_JOB_LEASE_SECONDS = 30
    folder = tmp_path / "job-1"
    folder.mkdir()
    (folder / "upload.csv").write_text("cpr,score\n")
    job = _running(31, 2, 2, "elsewhere:1:x", files=str(folder))
    runner.recover()
    job.refresh_from_db()
    assert job.state == State.FAILED and job.finished_at is not None
    assert "worker stopped" in job.error_text().text("en")
    assert job.error_text().text("da") != job.error_text().text("en")  # translated
    assert not folder.exists()


def test_a_fresh_heartbeat_elsewhere_is_left_alone(db, settings):
    settings.VEJVISER_JOB_LEASE_SECONDS = 30
    job = _running(5, 1, 2, "elsewhere:1:x")
    assert runner.recover() == []
    job.refresh_from_db()
    assert job.state == State.RUNNING


def test_a_dead_process_on_this_host_is_recovered_at_once(db, settings):
    settings.VEJVISER_JOB_LEASE_SECONDS = 3600
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = runner.worker_name().split(":")[0]
    job = _running(1, 1, 2, f"{host}:{dead.pid}:gone")
    assert [j.pk for j in runner.recover()] == [job.pk]


def test_a_queued_job_whose_task_vanished_is_queued_again(db, settings):
    settings.VEJVISER_JOB_LEASE_SECONDS = 30
    job = runner.start(kind=Kind.CHECK, handler=WAIT, user=None, params={"seconds": 0.01})
    DBTaskResult.objects.filter(id=job.task_id).update(status=TaskResultStatus.RUNNING)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    runner.recover()
    run_worker(batch=True)
    job.refresh_from_db()
    assert job.state == State.DONE


def test_an_unexpected_error_fails_the_job_without_details(db):
    job = runner.start(
        kind=Kind.CHECK, handler="vejviser.jobs.diagnostics.no_such", user=None, background=False
    )
    assert job.state == State.FAILED
    assert f"job {job.pk}" in job.error_text().text("en")


# --- periodic jobs -------------------------------------------------------------------------


def test_each_period_is_started_once(db):
    start = dt.datetime(2026, 12, 3, 12, tzinfo=CPH)
    runner.ensure_schedules(start)
    runner.ensure_schedules(start)
    assert Schedule.objects.count() == 2
    assert runner.start_due_schedules(start) == []
    overdue = Schedule.objects.get(name="overdue-steps")
    assert overdue.next_run_at == dt.datetime(2026, 12, 4, 6, tzinfo=CPH)
    later = dt.datetime(2026, 12, 4, 6, 0, 5, tzinfo=CPH)
    jobs = runner.start_due_schedules(later)
    assert [j.kind for j in jobs] == [Kind.OVERDUE_REMINDERS]
    assert runner.start_due_schedules(later) == []  # a second worker finds nothing due
    overdue.refresh_from_db()
    assert overdue.next_run_at == dt.datetime(2026, 12, 5, 6, tzinfo=CPH)
    first_of_month = dt.datetime(2027, 1, 1, 6, 1, tzinfo=CPH)
    kinds = sorted(j.kind for j in runner.start_due_schedules(first_of_month))
    assert kinds == [Kind.MONITORING_REMINDERS, Kind.OVERDUE_REMINDERS]


def test_overdue_steps_remind_their_owner_once(personas):
    step = personas.project.steps.first()
    step.owner = personas.bob
    step.due_date = timezone.localdate() - dt.timedelta(days=3)
    step.save()
    other = personas.project.steps.exclude(pk=step.pk).first()
    other.due_date = timezone.localdate() - dt.timedelta(days=1)  # no owner: the project's owners
    other.save()
    for _ in range(2):
        job = runner.start(
            kind=Kind.OVERDUE_REMINDERS,
            user=None,
            background=False,
            handler="vejviser.jobs.reminders.overdue_reminders",
        )
        assert job.state == State.DONE
    assert Reminder.objects.filter(user=personas.bob).count() == 1
    assert Reminder.objects.filter(user=personas.alice).count() == 1
    assert Reminder.objects.count() == 2


def test_monitoring_reminds_the_metric_owner_of_last_month(personas):
    from vejviser.jobs.reminders import previous_month
    from vejviser.monitoring.models import Metric, MonitoringPlan, Observation

    today = timezone.localdate()
    plan = MonitoringPlan.objects.create(
        project=personas.project,
        step=personas.project.steps.first(),
        in_operation_since=today - dt.timedelta(days=90),
    )
    missing = Metric.objects.create(
        plan=plan,
        key="sens",
        name="Sensitivitet",
        kind="proportion",
        source="use",
        chart="p",
        owner=personas.bob,
        baseline=0.9,
    )
    entered = Metric.objects.create(
        plan=plan,
        key="ovr",
        name="Overstyring",
        kind="proportion",
        source="use",
        chart="p",
        owner=personas.alice,
        baseline=0.1,
    )
    Observation.objects.create(
        metric=entered, period=previous_month(today), n=10, successes=1, source="form"
    )
    for _ in range(2):
        runner.start(
            kind=Kind.MONITORING_REMINDERS,
            user=None,
            background=False,
            handler="vejviser.jobs.reminders.monitoring_reminders",
        )
    reminder = Reminder.objects.get()
    assert reminder.user == personas.bob and f"metric:{missing.pk}:" in reminder.key
    assert "Sensitivitet" in reminder.message().text("en")


def test_reminders_are_shown_to_their_person_and_dismissed(client, personas):
    reminder = Reminder.objects.create(
        user=personas.bob,
        project=personas.project,
        kind=Kind.OVERDUE_REMINDERS,
        key="k",
        text={
            "msgid": "The step “{step}” in {project} was due on {date}.",
            "params": {"step": "Trin", "project": "P", "date": "2026-12-01"},
        },
    )
    client.force_login(personas.alice)
    assert f'data-reminder="{reminder.pk}"' not in client.get("/jobs/").content.decode()
    assert client.post(f"/jobs/reminders/{reminder.pk}/dismiss/").status_code == 404
    client.force_login(personas.bob)
    assert f'data-reminder="{reminder.pk}"' in client.get("/jobs/").content.decode()
    client.post(f"/jobs/reminders/{reminder.pk}/dismiss/")
    assert f'data-reminder="{reminder.pk}"' not in client.get("/jobs/").content.decode()


def test_old_finished_task_rows_are_pruned_and_jobs_kept(db):
    job = runner.start(
        kind=Kind.CHECK, handler=WAIT, user=None, params={"seconds": 0.01, "steps": 1}
    )
    run_worker(batch=True)
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.SUCCESSFUL
    assert runner.prune_task_rows() == 0  # recent: kept
    assert runner.prune_task_rows(timezone.now() + dt.timedelta(days=8)) == 1
    assert Job.objects.get(pk=job.pk).state == State.DONE
