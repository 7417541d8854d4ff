"""``vejviser worker``: django-tasks' database worker, with the jobs' housekeeping.

The queue is worked by django-tasks' own ``Worker`` (the ``db_worker`` command's loop:
it takes the next ready task with ``SELECT … FOR UPDATE SKIP LOCKED`` and runs it).
Around it this module adds what a region needs:

- on start, and then every ``housekeeping`` seconds in a thread: :func:`runner.recover`
  (jobs whose worker died are started again or marked failed) and the periodic jobs
  (:func:`runner.start_due_schedules`);
- the jobs run here beat a heartbeat (``runner.IN_WORKER``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import connection

logger = logging.getLogger("vejviser.jobs")


def _housekeeping_loop(stop: threading.Event, every: float) -> None:
    from . import runner

    while not stop.wait(every):
        try:
            runner.housekeeping()
        except Exception:  # pragma: no cover - logged, tried again next round
            logger.exception("housekeeping failed")
    connection.close()


def _worker(queues: str, interval: float, batch: bool, max_tasks: int | None) -> Any:
    from django_tasks_db.management.commands.db_worker import Worker

    from . import runner

    return Worker(
        queue_names=queues.split(","),
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=runner.worker_name()[:64],
        excluded_queue_names=[],
    )


def start_in_thread(interval: float = 1.0, housekeeping: float = 10.0) -> threading.Thread:
    """The embedded mode's worker: a daemon thread in the ``vejviser serve`` process
    (one process, so large jobs run without a second command). Stops with the process."""

    def work() -> None:
        from . import runner

        runner.IN_WORKER = True
        try:
            runner.housekeeping()
        except Exception:  # pragma: no cover - logged; the queue is still worked
            logger.exception("housekeeping failed")
        stop = threading.Event()
        threading.Thread(
            target=_housekeeping_loop, args=(stop, housekeeping), name="housekeeping", daemon=True
        ).start()
        _worker("default", interval, False, None).run()

    thread = threading.Thread(target=work, name="vejviser-worker", daemon=True)
    thread.start()
    return thread


def run_worker(
    *,
    queues: str = "default",
    interval: float = 1.0,
    housekeeping: float = 10.0,
    batch: bool = False,
    max_tasks: int | None = None,
) -> None:
    """Run the worker until stopped (Ctrl+C / SIGTERM finish the current job first)."""
    from . import runner

    was_worker, runner.IN_WORKER = runner.IN_WORKER, True
    runner.housekeeping()
    worker = _worker(queues, interval, batch, max_tasks)
    stop = threading.Event()
    thread = None
    if not batch:
        thread = threading.Thread(
            target=_housekeeping_loop, args=(stop, housekeeping), name="housekeeping", daemon=True
        )
        thread.start()
        worker.configure_signals()
    logger.info("worker %s started", runner.worker_name())
    try:
        worker.run()
    finally:
        runner.IN_WORKER = was_worker
        stop.set()
        if thread is not None:
            thread.join(timeout=5)
