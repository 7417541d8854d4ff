"""One access helper for jobs: who may see the project sees its jobs.

A job of a project is found through the projects the user may open
(``Project.objects.for_user``), so an outsider gets 404, as for the project itself. A
vendor member sees a job only on a step shared with vendors (the one vendor policy). A
job without a project (a periodic run) is seen by superusers (the operators) only.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from vejviser.projects.access import get_project_for_user

from .models import Job, Reminder


def get_job_for_user(user: Any, job_pk: int) -> Job:
    job = Job.objects.select_related("project", "step", "created_by").filter(pk=job_pk).first()
    if job is None or not user.is_authenticated:
        raise Http404
    if job.project_id is None:
        if user.is_superuser or (job.created_by_id is not None and job.created_by_id == user.pk):
            return job
        raise Http404
    access = get_project_for_user(user, job.project_id)  # 404 for an outsider
    if access.is_vendor and (job.step is None or not job.step.shared_with_vendor):
        raise Http404
    return job


def jobs_for_user(user: Any) -> list[Job]:
    """The jobs the user may see, newest first (the vendor policy applied)."""
    from vejviser.projects.access import vendor_role
    from vejviser.projects.models import Membership

    jobs = list(Job.objects.for_user(user).select_related("project", "step")[:50])
    vendor_projects = set(
        Membership.objects.filter(user=user, role=vendor_role()).values_list(
            "project_id", flat=True
        )
    )
    if user.is_superuser or not vendor_projects:
        return jobs
    return [
        j
        for j in jobs
        if j.project_id not in vendor_projects or (j.step is not None and j.step.shared_with_vendor)
    ]


def get_reminder_for_user(user: Any, pk: int) -> Reminder:
    reminder = Reminder.objects.filter(pk=pk, user_id=user.pk).first()
    if reminder is None:
        raise Http404
    return reminder
