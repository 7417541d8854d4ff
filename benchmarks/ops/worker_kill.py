"""Fault test: kill -9 the worker in the middle of a job, restart it, and check that the
job is run again (done) or, out of attempts, marked failed with a message — never lost.

Everything runs on this machine: a fresh SQLite database in a temporary folder (or
``--database-url``, e.g. your own PostgreSQL database), one ``vejviser worker`` process
at a time, no network. Usage::

    PYTHONPATH=$PWD .venv/bin/python benchmarks/ops/worker_kill.py [--seconds 6]

Prints the figures (JSON) and exits 1 if a check fails. The bounded pytest version is
``vejviser/jobs/tests/test_worker_kill.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _env(folder: Path, database_url: str | None, lease: int) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vejviser.settings",
        "VEJVISER_VAR_DIR": str(folder),
        "VEJVISER_JOB_FILES_DIR": str(folder / "job-files"),
        "VEJVISER_JOB_LEASE_SECONDS": str(lease),
        "VEJVISER_TASKS": "database",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _wait(what: str, check: Any, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    raise TimeoutError(f"timed out after {timeout} s waiting for: {what}")


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "vejviser.cli",
                "worker",
                "--interval",
                "0.2",
                "--housekeeping",
                "1",
            ],
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=self.log,
        )

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return int(self.process.returncode)


def run(
    seconds: float = 6.0, database_url: str | None = None, lease: int = 30, rounds: int = 2
) -> dict[str, Any]:
    """Two rounds: a job with 2 attempts (retried, ends done) and one with 1 attempt
    (ends failed with a message). Returns the figures; raises on a failed check."""
    with tempfile.TemporaryDirectory(prefix="vejviser-worker-kill-") as name:
        folder = Path(name)
        env = _env(folder, database_url, lease)
        os.environ.update({k: env[k] for k in env if k.startswith(("VEJVISER_", "DJANGO_"))})
        if database_url:
            os.environ["DATABASE_URL"] = database_url
        t0 = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "vejviser.cli", "manage", "migrate", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        migrate_s = time.monotonic() - t0
        import django

        django.setup()
        from django.db import connection
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        from vejviser.jobs.models import Job, Kind, State
        from vejviser.jobs.runner import start

        def job(pk: int) -> Job:
            connection.close()  # a fresh read (SQLite WAL snapshot)
            return Job.objects.get(pk=pk)

        figures: dict[str, Any] = {"migrate_s": round(migrate_s, 1), "job_seconds": seconds}
        for attempts, expected in ((2, State.DONE), (1, State.FAILED))[:rounds]:
            j = start(
                kind=Kind.CHECK,
                handler="vejviser.jobs.diagnostics.wait",
                user=None,
                params={"seconds": seconds, "steps": 20},
                max_attempts=attempts,
            )
            log = folder / "worker.log"
            first = Worker(env, log)
            pk = j.pk

            def running(pk: int = pk) -> bool:
                now = job(pk)
                return now.state == State.RUNNING and now.progress >= 20

            _wait("the job running, past 20 %", running, 60)
            killed_at_progress = job(j.pk).progress
            first.kill9()
            after_kill = job(j.pk)
            assert after_kill.state == State.RUNNING, "the killed job should still say running"
            t_restart = time.monotonic()
            second = Worker(env, log)

            def recovered(pk: int = pk, before: int = after_kill.attempts) -> bool:
                now = job(pk)
                return now.state != State.RUNNING or now.attempts > before

            def finished(pk: int = pk) -> bool:
                return job(pk).state in (State.DONE, State.FAILED)

            recovered_s = _wait("the job recovered", recovered, 60)
            end_s = _wait("the job finished", finished, 60 + 2 * seconds)
            final = job(j.pk)
            exit_code = second.stop()
            stuck = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()
            error = final.error_text()
            row = {
                "max_attempts": attempts,
                "killed_at_progress_pct": killed_at_progress,
                "state": final.state,
                "attempts": final.attempts,
                "recovered_after_restart_s": round(recovered_s, 2),
                "finished_after_restart_s": round(time.monotonic() - t_restart, 2),
                "wait_for_end_s": round(end_s, 2),
                "error_en": error.text("en") if error else "",
                "task_rows_left_running": stuck,
                "worker_exit_on_sigterm": exit_code,
            }
            figures[f"attempts_{attempts}"] = row
            assert final.state == expected, row
            assert stuck == 0, row
            if expected == State.DONE:
                assert final.attempts == 2 and final.result.get("attempt") == 2, row
            else:
                assert error is not None and "worker stopped" in error.text("en"), row
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="Length of the job.")
    parser.add_argument("--database-url", default=None, help="Default: a fresh SQLite file.")
    parser.add_argument(
        "--rounds",
        type=int,
        choices=(1, 2),
        default=2,
        help="1: only the retried job; 2: also the job out of attempts.",
    )
    args = parser.parse_args()
    try:
        figures = run(args.seconds, args.database_url, rounds=args.rounds)
    except (AssertionError, TimeoutError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
