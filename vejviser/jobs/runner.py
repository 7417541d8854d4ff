"""Start, run and recover background jobs.

- :func:`start` records a :class:`Job` and either runs it at once in this process
  (``background=False``: small work, kept in the request as before) or puts it on
  django-tasks' queue for ``vejviser worker`` (with ``VEJVISER_TASKS=immediate`` the
  queue runs it at once as well).
- :func:`run` is what the worker calls: it claims the job (queued -> running, one
  more attempt), beats a heartbeat while it works, calls the job's handler with a
  :class:`Progress`, and records done or failed. A handler raises :class:`JobFailed`
  with a message for the user; any other error fails the job with a general message
  (the details go to the log).
- :func:`recover` finds jobs whose worker died (no heartbeat within the lease, or a
  worker process on this host that is gone) and starts them again or, after
  ``max_attempts``, marks them failed with a message: never lost silently.
- :func:`start_due_schedules` starts the periodic jobs whose time has come, once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import socket
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from vejviser.kernel.i18n import Message, message

from . import core
from .models import Job, Kind, Schedule, State, as_stored

logger = logging.getLogger("vejviser.jobs")

_NAME: tuple[int, str] | None = None


def worker_name() -> str:
    """This process's name on the jobs it runs: host, pid and a random suffix (made
    anew in a forked process, so gunicorn's processes never share one)."""
    global _NAME
    if _NAME is None or _NAME[0] != os.getpid():
        _NAME = (os.getpid(), f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}")
    return _NAME[1]


#: Set by ``vejviser worker``: only a worker beats a heartbeat in a thread.
IN_WORKER = False
HEARTBEAT_SECONDS = 5.0


class JobFailed(Exception):
    """The job cannot be done; ``message`` says why, in the user's terms."""

    def __init__(self, msg: Message) -> None:
        self.message = msg
        super().__init__(msg.text("en"))


@dataclass
class Outcome:
    """What a handler returns: where the result is, and its aggregates."""

    url: str = ""
    result: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Job, "Progress"], Outcome]


class Progress:
    """``progress(percent, message)``: saved on the job (and counts as a heartbeat);
    at most every half second unless the message changes."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last = 0.0
        self._msg: Message | None = None

    def __call__(self, percent: float, msg: Message | None = None) -> None:
        now = timezone.now()
        stamp = now.timestamp()
        if msg is None and stamp - self._last < 0.5:
            return
        self._last = stamp
        fields: dict[str, Any] = {
            "progress": max(0, min(99, int(percent))),
            "heartbeat_at": now,
        }
        if msg is not None and msg != self._msg:
            self._msg = msg
            fields["progress_message"] = as_stored(msg)
        Job.objects.filter(pk=self.job_id, state=State.RUNNING).update(**fields)


# --- starting ------------------------------------------------------------------------------


def job_folder() -> Path:
    """A new private folder for a job's uploaded file, in the folder the web processes
    and the workers share (``VEJVISER_JOB_FILES_DIR``)."""
    base = Path(settings.VEJVISER_JOB_FILES_DIR)
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="job-", dir=base))


def start(
    *,
    kind: str,
    handler: str,
    user: Any,
    title: str = "",
    project: Any = None,
    step: Any = None,
    params: dict[str, Any] | None = None,
    files: str = "",
    background: bool = True,
    max_attempts: int = 2,
) -> Job:
    """Record a job and run it: on the queue (``background``) or here and now."""
    job = Job.objects.create(
        kind=kind,
        handler=handler,
        created_by=user if user is not None and user.is_authenticated else None,
        title=title[:300],
        project=project,
        step=step,
        params=params or {},
        files=files,
        max_attempts=max_attempts,
    )
    if background:
        enqueue(job)
    else:
        run(job.pk)
    job.refresh_from_db()
    return job


def enqueue(job: Job) -> None:
    """Put the job on django-tasks' queue (the immediate backend runs it now)."""
    from .tasks import run_job

    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))


# --- running -------------------------------------------------------------------------------


class _Heartbeat:
    """A thread that marks the job alive every few seconds while the handler runs."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{job_id}", daemon=True)

    def _beat(self) -> None:
        try:
            while not self.stop.wait(HEARTBEAT_SECONDS):
                Job.objects.filter(pk=self.job_id, state=State.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
        except Exception:  # pragma: no cover - the lease then runs out; logged
            logger.exception("heartbeat of job %s stopped", self.job_id)
        finally:
            connection.close()

    def __enter__(self) -> _Heartbeat:
        if IN_WORKER:
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join(timeout=HEARTBEAT_SECONDS + 5)


def run(job_id: int) -> None:
    """Claim and run one job; a job already running, done or failed is left alone."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        worker=worker_name()[:100],
    )
    if not claimed:
        logger.info("job %s is not queued; not run", job_id)
        return
    job = Job.objects.get(pk=job_id)
    try:
        with _Heartbeat(job_id):
            handler: Handler = import_string(job.handler.replace(":", "."))
            outcome = handler(job, Progress(job_id))
    except JobFailed as exc:
        _finish(job, State.FAILED, error=exc.message)
    except Exception:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        _finish(
            job,
            State.FAILED,
            error=message(
                "The job stopped with an unexpected error. Nothing was saved. The "
                "operators find the details in the log under job {job}.",
                job=job_id,
            ),
        )
    else:
        _finish(job, State.DONE, outcome=outcome)


def _finish(
    job: Job, state: str, *, outcome: Outcome | None = None, error: Message | None = None
) -> None:
    fields: dict[str, Any] = {"state": state, "finished_at": timezone.now()}
    if outcome is not None:
        fields.update(progress=100, result=outcome.result, result_url=outcome.url[:500])
    if error is not None:
        fields["error"] = as_stored(error)
    Job.objects.filter(pk=job.pk, state=State.RUNNING).update(**fields)
    discard_files(job)


def discard_files(job: Job) -> None:
    """Delete the job's uploaded file (patient data is processed, then discarded)."""
    if job.files:
        shutil.rmtree(job.files, ignore_errors=True)


# --- recovering ----------------------------------------------------------------------------


def _process_gone(worker: str) -> bool:
    """Whether ``worker`` ran on this host in a process that no longer exists."""
    parsed = core.parse_worker(worker)
    if parsed is None or parsed[0] != socket.gethostname()[:40]:
        return False
    if parsed[1] == os.getpid():
        return worker != worker_name()[:100]
    try:
        os.kill(parsed[1], 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover(now: dt.datetime | None = None) -> list[Job]:
    """Start again, or mark failed, every job whose worker has died. Returns them."""
    now = now or timezone.now()
    lease = float(settings.VEJVISER_JOB_LEASE_SECONDS)
    recovered = []
    for job in Job.objects.filter(state=State.RUNNING).exclude(worker=worker_name()[:100]):
        dead = core.is_stale(job.heartbeat_at, now, lease) or _process_gone(job.worker)
        if dead and _recover_one(job.pk, job.heartbeat_at):
            recovered.append(job)
    cutoff = now - dt.timedelta(seconds=lease)
    for job in Job.objects.filter(state=State.QUEUED, created_at__lt=cutoff):
        if not _task_waiting(job.task_id):
            # a worker died between taking the task and claiming the job, or the web
            # process between recording the job and queueing it
            logger.warning("job %s is queued without a waiting task; queued again", job.pk)
            _close_task(job.task_id)
            enqueue(job)
            recovered.append(job)
    return recovered


def _recover_one(job_id: int, heartbeat: dt.datetime | None) -> bool:
    with transaction.atomic():
        job = (
            Job.objects.select_for_update()
            .filter(pk=job_id, state=State.RUNNING, heartbeat_at=heartbeat)
            .first()
        )
        if job is None:  # it moved on meanwhile
            return False
        _close_task(job.task_id)
        if job.attempts < job.max_attempts:
            logger.warning("job %s: worker %s died; started again", job.pk, job.worker)
            job.state = State.QUEUED
            job.progress = 0
            job.progress_message = as_stored(
                message(
                    "The worker stopped during the job; it is started again "
                    "(attempt {attempt} of {attempts}).",
                    attempt=job.attempts + 1,
                    attempts=job.max_attempts,
                )
            )
            job.save(update_fields=["state", "progress", "progress_message"])
            again = True
        else:
            logger.error(
                "job %s: worker %s died; failed after %s attempts", job.pk, job.worker, job.attempts
            )
            job.state = State.FAILED
            job.finished_at = timezone.now()
            job.error = as_stored(
                message(
                    "The worker stopped while the job was running ({attempts} attempts), so "
                    "it was not finished and nothing was saved. Start it again; if it "
                    "stops again, the operators find the reason in the worker's log.",
                    attempts=job.attempts,
                )
            )
            job.save(update_fields=["state", "finished_at", "error"])
            again = False
    if again:
        enqueue(job)
    else:
        discard_files(job)
    return True


def _close_task(task_id: str) -> None:
    """Mark the dead worker's task row failed (it would stay 'running' for ever)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not task_id:
        return
    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="vejviser.jobs.WorkerDied",
        traceback="The worker stopped while running this task (recovered by vejviser.jobs).",
    )


def _task_waiting(task_id: str) -> bool:
    """Whether the job's task is still waiting on the queue for a worker."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not task_id:
        return False
    if "immediate" in settings.TASKS["default"]["BACKEND"].lower():
        return True
    return DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.READY).exists()


# --- periodic jobs -------------------------------------------------------------------------

#: The periodic jobs: name -> (kind, handler, every, hour).
SCHEDULES: dict[str, tuple[str, str, str, int]] = {
    "monitoring-reminders": (
        Kind.MONITORING_REMINDERS,
        "vejviser.jobs.reminders.monitoring_reminders",
        core.MONTH,
        6,
    ),
    "overdue-steps": (
        Kind.OVERDUE_REMINDERS,
        "vejviser.jobs.reminders.overdue_reminders",
        core.DAY,
        6,
    ),
}


def ensure_schedules(now: dt.datetime | None = None) -> None:
    """Create the periodic jobs' rows if missing (their first run: the next slot)."""
    local = timezone.localtime(now or timezone.now())
    for name, (kind, handler, every, hour) in SCHEDULES.items():
        if Schedule.objects.filter(name=name).exists():
            continue
        try:
            with transaction.atomic():
                Schedule.objects.create(
                    name=name,
                    kind=kind,
                    handler=handler,
                    every=every,
                    hour=hour,
                    next_run_at=core.next_run(every, hour, local),
                )
        except IntegrityError:  # another worker made it at the same moment
            pass


def start_due_schedules(now: dt.datetime | None = None) -> list[Job]:
    """Start each periodic job whose time has come, and move its next time on.

    The rows are locked (``FOR UPDATE SKIP LOCKED``; SQLite's write lock), and the job
    is created in the same transaction as the new ``next_run_at``: with several
    workers, each period is started once.
    """
    now = now or timezone.now()
    started = []
    with transaction.atomic():
        due = (
            Schedule.objects.select_for_update(skip_locked=True)
            .filter(enabled=True, next_run_at__lte=now)
            .order_by("name")
        )
        for schedule in due:
            job = Job.objects.create(
                kind=schedule.kind,
                handler=schedule.handler,
                title=schedule.name,
                params={"scheduled_for": schedule.next_run_at.isoformat()},
                max_attempts=2,
            )
            schedule.last_job = job
            schedule.next_run_at = core.next_run(
                schedule.every, schedule.hour, timezone.localtime(now)
            )
            schedule.save(update_fields=["last_job", "next_run_at"])
            started.append(job)
    for job in started:
        enqueue(job)
    return started


#: Finished rows of django-tasks' queue are deleted after this long (the Job rows,
#: which users see, are kept).
TASK_ROWS_KEPT = dt.timedelta(days=7)
_last_prune: dt.datetime | None = None


def prune_task_rows(now: dt.datetime | None = None) -> int:
    """Delete the queue's finished task rows older than :data:`TASK_ROWS_KEPT`."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - TASK_ROWS_KEPT
    deleted, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
    return deleted


def housekeeping() -> None:
    """What a worker does on start and every few seconds: recover, start periodic jobs,
    and (hourly) prune the queue's old task rows."""
    global _last_prune
    close_old_connections()
    recover()
    ensure_schedules()
    start_due_schedules()
    now = timezone.now()
    if _last_prune is None or now - _last_prune > dt.timedelta(hours=1):
        prune_task_rows(now)
        _last_prune = now
