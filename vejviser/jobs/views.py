"""Job pages. Thin: fetch through the access helper, render.

The job page shows the state and progress; while the job is queued or running, its
status fragment asks for itself again every second (htmx ``hx-trigger="every 1s"``,
no script of our own), and stops when the job is done or failed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from . import display
from .access import get_job_for_user, get_reminder_for_user, jobs_for_user
from .models import Job, Reminder


def _context(job: Job) -> dict[str, Any]:
    return {
        "job": job,
        "project": job.project,
        "step": job.step,
        "rows": display.result_rows(job),
        "compare_label": display.compare_label(job),
    }


@login_required
@require_GET
def job_detail(request: HttpRequest, job_pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, job_pk)
    return render(request, "jobs/job.html", _context(job))


@login_required
@require_GET
def job_status(request: HttpRequest, job_pk: int) -> HttpResponse:
    """The status fragment (polled by htmx while the job is unfinished)."""
    job = get_job_for_user(request.user, job_pk)
    response = render(request, "jobs/_status.html", _context(job))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's reminders and the jobs of the projects they see."""
    reminders = Reminder.objects.filter(user=request.user.pk, dismissed_at__isnull=True)
    context = {
        "jobs": jobs_for_user(request.user),
        "reminders": reminders.select_related("project")[:100],
    }
    return render(request, "jobs/list.html", context)


@login_required
@require_POST
def reminder_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = get_reminder_for_user(request.user, pk)
    reminder.dismissed_at = timezone.now()
    reminder.save(update_fields=["dismissed_at"])
    return redirect("jobs:list")
