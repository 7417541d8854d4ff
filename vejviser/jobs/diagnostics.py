"""A job that only waits, with progress: to check that a worker runs jobs, and for the
fault test (benchmarks/ops/worker_kill.py), which kills the worker in the middle of it."""

from __future__ import annotations

import time
from typing import Any

from vejviser.kernel.i18n import message

from .runner import Outcome, Progress


def wait(job: Any, progress: Progress) -> Outcome:
    """Wait ``params["seconds"]`` in ``params["steps"]`` steps, reporting progress."""
    seconds = float(job.params.get("seconds", 5))
    steps = max(1, int(job.params.get("steps", 20)))
    for number in range(steps):
        time.sleep(seconds / steps)
        progress(
            100 * (number + 1) / steps, message("Step {n} of {total}", n=number + 1, total=steps)
        )
    return Outcome(result={"waited": seconds, "attempt": job.attempts})
