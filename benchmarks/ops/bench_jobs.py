"""Background jobs, measured: a large validation upload and a large simulation run by
the worker, on a fresh SQLite database in a temporary folder (no network).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/ops/bench_jobs.py [--rows 1000000]
        [--iterations 1000000]

For each job: the time from start to done as the worker sees it, the worker's peak
memory (this process's maximum resident set), and that the uploaded file is gone.
Figures in docs/operations.md ("Background jobs").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def _csv(path: Path, rows: int) -> None:
    rng = np.random.default_rng(7)
    label = rng.random(rows) < 0.2
    score = np.clip(rng.normal(0.35 + 0.3 * label, 0.15), 0, 1)
    site = rng.choice(["A", "B", "C"], rows)
    with path.open("w") as out:
        out.write("score,outcome,site\n")
        for s, y, g in zip(score, label, site, strict=True):
            out.write(f"{s:.4f},{'ja' if y else 'nej'},{g}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--iterations", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vejviser-jobs-bench-") as name:
        folder = Path(name)
        os.environ.update(
            DJANGO_SETTINGS_MODULE="vejviser.settings",
            VEJVISER_VAR_DIR=str(folder),
            VEJVISER_JOB_FILES_DIR=str(folder / "job-files"),
            VEJVISER_TASKS="database",
        )
        os.environ.pop("DATABASE_URL", None)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-m", "vejviser.cli", "content", "load"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test import RequestFactory

        from vejviser.evidence.forms import BinaryForm
        from vejviser.evidence.jobs import start_if_large
        from vejviser.jobs.models import Job
        from vejviser.jobs.runner import start
        from vejviser.jobs.worker import run_worker
        from vejviser.journey.models import Track
        from vejviser.projects.models import Project
        from vejviser.value.jobs import HANDLER
        from vejviser.value.models import BusinessCase
        from vejviser.value.shipped import shipped_cases
        from vejviser.value.tests.web import business_step

        user = get_user_model().objects.create_user("bench", password="x")  # noqa: S106
        project = Project.start(
            user=user,
            role="kliniker",
            track=Track.objects.get(slug="faerdigt-produkt"),
            title="Bench",
            clinical_area="X",
            department="Y",
            region="syddanmark",
        )
        step = project.steps.get(action__slug="gennemfoer-retrospektiv-validering")
        csv = folder / "big.csv"
        _csv(csv, args.rows)
        size_mb = csv.stat().st_size / 1e6
        form = BinaryForm(
            {
                "purpose": "retrospective",
                "score": "score",
                "label": "outcome",
                "positive": "ja",
                "subgroups": "site",
                "threshold": "",
                "claim": "",
            },
            {"file": SimpleUploadedFile("big.csv", csv.read_bytes())},
        )
        assert form.is_valid(), form.errors
        request = RequestFactory().post("/")
        request.user = user

        class Tool:
            pass

        tool = Tool()
        tool.project, tool.step = project, step  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        job = start_if_large(request, tool, form)
        enqueue_s = time.perf_counter() - t0
        files = Path(job.files)
        t0 = time.perf_counter()
        run_worker(batch=True)
        validation_s = time.perf_counter() - t0
        job = Job.objects.get(pk=job.pk)
        rss_validation = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        case = next(iter(shipped_cases().values()))
        version = BusinessCase.start(
            project=project,
            step=business_step(project),
            user=user,
            name="b",
            template="",
            case=case,
        )
        t0 = time.perf_counter()
        sim = start(
            kind="value.simulate",
            handler=HANDLER,
            user=user,
            project=project,
            step=business_step(project),
            params={"version": version.pk, "iterations": args.iterations},
        )
        run_worker(batch=True)
        simulation_s = time.perf_counter() - t0
        sim = Job.objects.get(pk=sim.pk)
        print(
            json.dumps(
                {
                    "validation": {
                        "rows": args.rows,
                        "file_mb": round(size_mb, 1),
                        "request_part_s": round(enqueue_s, 2),
                        "worker_s": round(validation_s, 2),
                        "state": job.state,
                        "file_deleted": not files.exists(),
                        "peak_rss_mb": round(rss_validation),
                    },
                    "simulation": {
                        "iterations": args.iterations,
                        "worker_s": round(simulation_s, 2),
                        "state": sim.state,
                        "peak_rss_mb": round(
                            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                        ),
                    },
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
