"""Background jobs as users see them, the periodic schedule, and reminders.

A :class:`Job` is one piece of long work (a large validation upload, a large simulation,
a document, a periodic reminder run): what, for which project, who started it, its state
and progress, and where the result is. The queue itself is django-tasks' database
backend (``django_tasks_db.DBTaskResult``); a job points at its current task by
``task_id``. Only aggregates are stored here: an uploaded file lives in ``files`` (a
private temporary folder) until the job ends, and is deleted then.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.kernel.i18n import Message, message
from vejviser.projects.models import Project, Step


class State(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Kind(models.TextChoices):
    VALIDATION = "evidence.validate", _("Validation of an uploaded file")
    SIMULATION = "value.simulate", _("Business case simulation")
    DOCUMENT = "documents.render", _("Document")
    MONITORING_REMINDERS = "reminders.monitoring", _("Monthly monitoring reminders")
    OVERDUE_REMINDERS = "reminders.overdue", _("Reminders of overdue steps")
    CHECK = "jobs.wait", _("Worker check")


FINISHED = (State.DONE, State.FAILED)


def as_stored(msg: Message) -> dict[str, Any]:
    return {"msgid": msg.msgid, "params": dict(msg.params)}


def as_message(stored: dict[str, Any]) -> Message | None:
    return message(stored["msgid"], **stored.get("params", {})) if stored.get("msgid") else None


class JobQuerySet(models.QuerySet["Job"]):
    def for_user(self, user: Any) -> JobQuerySet:
        """The jobs of the projects the user sees, and the user's own jobs without a
        project (the same rule as the projects: who may see the project sees its jobs)."""
        if not user.is_authenticated:
            return self.none()
        projects = Project.objects.for_user(user).values("pk")
        return self.filter(
            models.Q(project__in=projects) | models.Q(project__isnull=True, created_by=user)
        )

    def unfinished(self) -> JobQuerySet:
        return self.exclude(state__in=FINISHED)


class Job(models.Model):
    kind = models.CharField(_("what"), max_length=40, choices=Kind.choices)
    #: ``module:function`` that does the work (given by the code that starts the job)
    handler = models.CharField(max_length=200)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # percent
    progress_message = models.JSONField(default=dict, blank=True)  # {"msgid", "params"}
    #: what the handler needs (settings, ids; never patient data)
    params = models.JSONField(default=dict, blank=True)
    #: a private temporary folder with an uploaded file, deleted when the job ends
    files = models.CharField(max_length=500, blank=True)
    result = models.JSONField(default=dict, blank=True)  # aggregates only
    result_url = models.CharField(max_length=500, blank=True)
    error = models.JSONField(default=dict, blank=True)  # {"msgid", "params"}
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=2)
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "heartbeat_at"])]
        verbose_name = _("background job")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def progress_text(self) -> Message | None:
        return as_message(self.progress_message)

    def error_text(self) -> Message | None:
        return as_message(self.error)


class Schedule(models.Model):
    """A periodic job: the workers start it when ``next_run_at`` has passed.

    Several workers may run; the one that locks the row first (``SELECT … FOR UPDATE
    SKIP LOCKED`` on PostgreSQL, the database lock on SQLite) starts the job and moves
    ``next_run_at`` on, in one transaction, so a period is never started twice.
    """

    class Every(models.TextChoices):
        DAY = "day", _("every day")
        MONTH = "month", _("every month")

    name = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    handler = models.CharField(max_length=200)
    every = models.CharField(max_length=10, choices=Every.choices)
    #: the hour (local time) it runs; for monthly, on the first day of the month
    hour = models.PositiveSmallIntegerField(default=6)
    enabled = models.BooleanField(default=True)
    next_run_at = models.DateTimeField()
    last_job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("schedule")

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """A reminder to one user, made by a periodic job; ``key`` makes it once only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    key = models.CharField(max_length=120)
    text = models.JSONField()  # {"msgid", "params"}
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="one_reminder_per_key")
        ]
        verbose_name = _("reminder")

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.user_id}"

    def message(self) -> Message | None:
        return as_message(self.text)
