"""``vejviser worker`` (runs the background jobs) and ``vejviser jobs`` (lists them)."""

from __future__ import annotations

import json
import time
from typing import Any

import click

from vejviser.cli import current_lang, setup_django, translate


@click.command()
@click.option(
    "--queue", default="default", show_default=True, help="Queues to work, comma-separated."
)
@click.option(
    "--interval",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0.05),
    help="Seconds between looks at an empty queue.",
)
@click.option(
    "--housekeeping",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.5),
    help="Seconds between looks for dead workers' jobs and due periodic jobs.",
)
@click.option("--batch", is_flag=True, help="Run what is queued, then stop.")
@click.option("--max-tasks", type=click.IntRange(min=1), default=None, help="Stop after this many.")
def worker(
    queue: str, interval: float, housekeeping: float, batch: bool, max_tasks: int | None
) -> None:
    """Run the background jobs: large validations, simulations, documents, reminders.

    Start one or more next to `vejviser serve`, on the same database (and the same
    VEJVISER_JOB_FILES_DIR). Ctrl+C or SIGTERM lets the current job finish; a job whose
    worker is killed is started again or marked failed by the next worker.
    """
    setup_django()
    from .worker import run_worker

    click.echo(translate("The worker is running. Stop with Ctrl+C.", current_lang()), err=True)
    run_worker(
        queues=queue, interval=interval, housekeeping=housekeeping, batch=batch, max_tasks=max_tasks
    )


def _row(job: Any, lang: str) -> dict[str, Any]:
    msg = job.error_text() if job.state == "failed" else job.progress_text()
    return {
        "id": job.pk,
        "kind": job.kind,
        "project": job.project_id,
        "created_by": job.created_by.username if job.created_by else None,
        "state": job.state,
        "progress": job.progress,
        "message": msg.text(lang) if msg else "",
        "attempts": job.attempts,
        "result_url": job.result_url,
        "created_at": job.created_at.isoformat(),
    }


@click.command()
@click.option(
    "--watch", is_flag=True, help="Show again every second until every job listed is finished."
)
@click.option("--all", "everything", is_flag=True, help="Every job (default: the last 20).")
@click.option("--job", "job_id", type=int, default=None, help="Only this job.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def jobs(watch: bool, everything: bool, job_id: int | None, fmt: str) -> None:
    """The background jobs: state, progress, result. --watch follows them to the end."""
    setup_django()
    from .models import Job

    lang = current_lang()
    while True:
        query = Job.objects.select_related("created_by").order_by("-created_at", "-id")
        if job_id is not None:
            query = query.filter(pk=job_id)
        rows = [_row(j, lang) for j in (query if everything else query[:20])]
        if fmt == "json":
            click.echo(json.dumps(rows, ensure_ascii=False))
        else:
            if not rows:
                click.echo(translate("No jobs.", lang))
            for r in rows:
                bar = "#" * (r["progress"] // 5)
                click.echo(
                    f"{r['id']:>6}  {r['kind']:<22} {r['state']:<8} {r['progress']:>3} % "
                    f"{bar:<20} {r['message']}"
                    + (f"  {r['result_url']}" if r["result_url"] else "")
                )
        if not watch or all(r["state"] in ("done", "failed") for r in rows):
            return
        time.sleep(1.0)
        if fmt == "text":
            click.echo("")
