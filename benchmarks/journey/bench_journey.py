"""Measure the journey foundation: content validation and load, project page rendering.

Run: .venv/bin/python benchmarks/journey/bench_journey.py
Uses a throw-away SQLite database in a temporary directory.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="vejviser-bench-journey-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
os.environ.pop("DATABASE_URL", None)
os.environ["VEJVISER_VAR_DIR"] = tmp
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    from vejviser.journey.loader import load_content
    from vejviser.kernel.files import read_content
    from vejviser.projects.demo import load_demo
    from vejviser.projects.models import Project

    call_command("migrate", verbosity=0)
    validate = timed(lambda: read_content(settings.CONTENT_DIR), repeat=5)
    first = timed(lambda: load_content(settings.CONTENT_DIR))
    again = timed(lambda: load_content(settings.CONTENT_DIR), repeat=5)
    demo = timed(lambda: load_demo(password="bench-password"))  # noqa: S106
    client = Client()
    project = Project.objects.get(title="Ambient scribe i almen praksis")
    client.force_login(project.memberships.get(is_owner=True).user)
    client.get(f"/projects/{project.pk}/")  # warm
    page = timed(lambda: client.get(f"/projects/{project.pk}/"), repeat=30)
    dash = timed(lambda: client.get("/"), repeat=30)
    print(f"validate content files      median {statistics.median(validate):7.1f} ms")
    print(f"first load into empty DB            {first[0]:7.1f} ms")
    print(f"re-load, files unchanged    median {statistics.median(again):7.1f} ms")
    print(f"demo projects                       {demo[0]:7.1f} ms")
    print(
        f"project page                median {statistics.median(page):7.1f} ms  "
        f"p95 {sorted(page)[int(0.95 * len(page)) - 1]:.1f} ms"
    )
    print(f"dashboard                   median {statistics.median(dash):7.1f} ms")


if __name__ == "__main__":
    main()
