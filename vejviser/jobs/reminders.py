"""The periodic jobs: monthly monitoring reminders and reminders of overdue steps.

Each run makes at most one :class:`~vejviser.jobs.models.Reminder` per person and
thing (the ``key``), so running again — a second worker, a retried job — adds nothing.
The reminders are shown on the person's page of jobs and reminders (``/jobs/``);
e-mail is not sent (see docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from vejviser.kernel.i18n import message

from .models import Job, Kind, Reminder, as_stored
from .runner import Outcome, Progress


def _remind(user: Any, project: Any, kind: str, key: str, text: Any, url: str) -> bool:
    """One reminder, unless this user already has it (then False)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                user=user, project=project, kind=kind, key=key, text=as_stored(text), url=url
            )
    except IntegrityError:
        return False
    return True


def _owners(project: Any) -> list[Any]:
    return [m.user for m in project.memberships.filter(is_owner=True).select_related("user")]


def previous_month(today: dt.date) -> dt.date:
    """The first day of the month before ``today``'s."""
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def monitoring_reminders(job: Job, progress: Progress) -> Outcome:
    """For every product in operation: each metric without last month's figures
    reminds its owner (or the project's owners) to enter them."""
    from vejviser.monitoring.models import Metric, Observation

    today = timezone.localdate()
    month = previous_month(today)
    metrics = list(
        Metric.objects.filter(
            plan__in_operation_since__isnull=False,
            plan__in_operation_since__lt=today.replace(day=1),
        ).select_related("plan__project", "plan__step", "owner")
    )
    have = set(
        Observation.objects.filter(metric__in=metrics, period=month).values_list(
            "metric_id", flat=True
        )
    )
    made = 0
    for number, metric in enumerate(metrics, start=1):
        progress(100 * number / max(1, len(metrics)))
        if metric.pk in have:
            continue
        plan = metric.plan
        people = [metric.owner] if metric.owner is not None else _owners(plan.project)
        url = ""
        if plan.step_id is not None:
            url = reverse("monitoring:data_month", args=[plan.project_id, plan.step_id])
        text = message(
            "Enter the figures of {month} for “{metric}” ({project}).",
            month=f"{month:%Y-%m}",
            metric=metric.name,
            project=plan.project.title,
        )
        for person in people:
            made += _remind(
                person,
                plan.project,
                Kind.MONITORING_REMINDERS,
                f"metric:{metric.pk}:{month:%Y-%m}",
                text,
                url,
            )
    return Outcome(
        result={"metrics": len(metrics), "missing": len(metrics) - len(have), "reminders": made}
    )


def overdue_reminders(job: Job, progress: Progress) -> Outcome:
    """Every open step past its due date reminds its responsible person (or the
    project's owners), once per due date."""
    from vejviser.projects.models import Step
    from vejviser.projects.progress import CLOSED

    today = timezone.localdate()
    steps = list(
        Step.objects.filter(due_date__lt=today)
        .exclude(status__in=CLOSED)
        .select_related("project", "owner", "action")
    )
    made = 0
    for number, step in enumerate(steps, start=1):
        progress(100 * number / max(1, len(steps)))
        people = [step.owner] if step.owner is not None else _owners(step.project)
        text = message(
            "The step “{step}” in {project} was due on {date}.",
            step=step.action.title_da,
            project=step.project.title,
            date=step.due_date.isoformat() if step.due_date else "",
        )
        url = reverse("step", args=[step.project_id, step.pk])
        for person in people:
            made += _remind(
                person,
                step.project,
                Kind.OVERDUE_REMINDERS,
                f"step:{step.pk}:{step.due_date}",
                text,
                url,
            )
    return Outcome(result={"steps": len(steps), "reminders": made})
