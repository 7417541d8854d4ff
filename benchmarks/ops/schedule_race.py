"""Several workers at the same moment: each periodic job is started once per period.

N processes call ``start_due_schedules`` at the same instant (a barrier) on the same
database, with both schedules due; the script counts the jobs made. Usage::

    PYTHONPATH=$PWD .venv/bin/python benchmarks/ops/schedule_race.py \\
        --database-url postgres://postgres@127.0.0.1:5432/mydb [--workers 8] [--rounds 5]

Without ``--database-url`` a fresh SQLite file is used. Prints JSON; exit 1 on a double.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _one(barrier: object, when: str, out: object) -> None:
    import datetime as dt

    import django

    django.setup()
    from vejviser.jobs import runner

    barrier.wait()  # type: ignore[attr-defined]
    jobs = runner.start_due_schedules(dt.datetime.fromisoformat(when))
    out.put(len(jobs))  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vejviser-schedule-race-") as name:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="vejviser.settings",
            VEJVISER_VAR_DIR=name,
            VEJVISER_TASKS="database",
            PYTHONPATH=str(ROOT),
        )
        os.environ.pop("DATABASE_URL", None)
        if args.database_url:
            os.environ["DATABASE_URL"] = args.database_url
        subprocess.run(
            [sys.executable, "-m", "vejviser.cli", "manage", "migrate", "-v", "0"],
            cwd=ROOT,
            check=True,
        )
        import datetime as dt

        import django

        django.setup()
        from django.utils import timezone

        from vejviser.jobs import runner
        from vejviser.jobs.models import Job, Schedule

        Job.objects.all().delete()
        Schedule.objects.all().delete()
        runner.ensure_schedules()
        results = []
        ctx = mp.get_context("spawn")
        for number in range(args.rounds):
            past = timezone.now() - dt.timedelta(minutes=1)
            Schedule.objects.update(next_run_at=past)
            before = Job.objects.count()
            barrier, out = ctx.Barrier(args.workers), ctx.Queue()
            when = timezone.now().isoformat()
            procs = [
                ctx.Process(target=_one, args=(barrier, when, out)) for _ in range(args.workers)
            ]
            for p in procs:
                p.start()
            for p in procs:
                p.join(120)
            started = [out.get(timeout=5) for _ in procs]
            made = Job.objects.count() - before
            results.append({"round": number + 1, "jobs_made": made, "per_worker": started})
        backend = "postgresql" if args.database_url else "sqlite"
        ok = all(r["jobs_made"] == len(runner.SCHEDULES) for r in results)
        print(
            json.dumps(
                {
                    "database": backend,
                    "workers": args.workers,
                    "ok": ok,
                    "expected_per_round": len(runner.SCHEDULES),
                    "rounds": results,
                }
            )
        )
        if not ok:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
