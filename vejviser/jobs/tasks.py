"""The one task on django-tasks' queue: run a :class:`~vejviser.jobs.models.Job`.

Every job goes through :func:`run_job`, so the queue's rows carry only a job id; what
the job does, its progress and its result are on the ``Job`` row (see runner.py).
"""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    from .runner import run

    run(job_id)
