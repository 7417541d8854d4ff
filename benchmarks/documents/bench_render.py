"""Benchmark of the documents (issue 13 targets), on a throw-away SQLite database with the
demo projects.

1. Each kind of each demo project as DOCX and as PDF, gathered and rendered (target ≤ 2 s
   per document): the record (all parts, plots drawn), the document model, the file.
2. The coverage list a step's document page shows (target ≤ 100 ms): the record without
   the plots drawn on demand, and the coverage of one template.
3. The whole document page (server time through Django's test client).

Run: ``.venv/bin/python benchmarks/documents/bench_render.py [--repeat N]``.
Reports the median CPU and wall time of N runs (default 3); figures in ``docs/documents.md``.
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.pop("DATABASE_URL", None)
os.environ["VEJVISER_VAR_DIR"] = tempfile.mkdtemp(prefix="vejviser-bench-documents-")
atexit.register(shutil.rmtree, os.environ["VEJVISER_VAR_DIR"], ignore_errors=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median CPU, median wall) seconds over ``repeat`` runs, each with a cold cache (the
    business case's plots are drawn again): CPU time is what the work costs; wall time
    also counts waiting for a core on a shared machine."""
    from django.core.cache import cache

    cpu, wall = [], []
    for _ in range(repeat):
        cache.clear()
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat

    from django.test import Client
    from django.urls import reverse

    from vejviser.documents.core.build import coverage
    from vejviser.documents.core.content import Template
    from vejviser.documents.render import content, record_for, render
    from vejviser.journey.loader import load_content
    from vejviser.projects.access import ProjectAccess
    from vejviser.projects.demo import load_demo
    from vejviser.projects.models import Project

    call_command("migrate", verbosity=0)
    load_content(settings.CONTENT_DIR)
    load_demo(password="bench-password")  # noqa: S106
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average {os.getloadavg()[0]:.1f} (wall time includes waiting for a core)")
    docs = content()
    worst = 0.0
    for project in Project.objects.order_by("pk"):
        access = ProjectAccess(project, None, is_staff=True)
        print(f"\n{project.title}")
        print(f"{'kind':28} {'docx cpu / wall':>18} {'pdf cpu / wall':>18} {'size docx/pdf':>16}")
        for template in docs.templates.values():
            row = []
            sizes: list[int] = []
            for fmt in ("docx", "pdf"):

                def one(
                    fmt: str = fmt,
                    project: Project = project,
                    access: ProjectAccess = access,
                    template: Template = template,
                    sizes: list[int] = sizes,
                ) -> object:
                    record = record_for(access, "da", template=template)
                    out = render(project, template, record, fmt, version=1)
                    sizes.append(len(out.data))
                    return out

                cpu, wall = timed(one, repeat)
                worst = max(worst, cpu)
                row.append(f"{cpu:6.2f} / {wall:5.2f} s")
            size = f"{sizes[0] // 1024:>6} / {sizes[-1] // 1024} kB"
            print(f"{template.kind:28} {row[0]:>18} {row[1]:>18} {size}")
    print(f"\nslowest document (median CPU): {worst:.2f} s (target 2 s)")

    project = Project.objects.get(title="AI-indtegning af normalvæv ved strålebehandling")
    access = ProjectAccess(project, None, is_staff=True)
    template = docs.template("mini-hta")
    assert template is not None
    cpu, wall = timed(
        lambda: coverage(
            template, record_for(access, "da", figures=False, template=template), docs
        ),
        repeat * 5,
    )
    print(f"coverage list: CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms (target 100 ms)")

    owner = project.memberships.get(is_owner=True).user
    step = project.steps.get(action__slug="soeg-finansiering")
    client = Client()
    client.force_login(owner)
    url = reverse("documents:page", args=[project.pk, step.pk, "mas-ai"])
    client.get(url)
    cpu, wall = timed(lambda: client.get(url), repeat * 5)
    print(f"document page (server): CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms")


if __name__ == "__main__":
    main()
