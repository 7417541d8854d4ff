"""The fault test, bounded: a real `vejviser worker` on its own SQLite file is killed
with SIGKILL in the middle of a job and started again; the job is run again and ends
done (benchmarks/ops/worker_kill.py, one round; the full script also checks the job
that is out of attempts ends failed with a message)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_job_killed_with_the_worker_is_run_again_after_a_restart():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks/ops/worker_kill.py"),
            "--seconds",
            "3",
            "--rounds",
            "1",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)["attempts_2"]
    assert figures["state"] == "done" and figures["attempts"] == 2
    assert 0 < figures["killed_at_progress_pct"] < 100
    assert figures["task_rows_left_running"] == 0 and figures["worker_exit_on_sigterm"] == 0
