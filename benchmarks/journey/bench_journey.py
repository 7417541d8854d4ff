"""Measure the journey foundation: content validation and load, and the main pages
(server time and number of queries; targets: journey page <= 50 ms and <= 20 queries,
dashboard queries independent of the number of projects).

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


def measure(client: Client, url: str, repeat: int = 30) -> tuple[list[float], int]:
    """Server time of a page (after one warm-up request) and its number of queries."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    assert client.get(url).status_code == 200, url
    with connection.execute_wrapper(counter):
        client.get(url)
    return timed(lambda: client.get(url), repeat=repeat), count


def add_projects(like, n: int) -> int:
    """``n`` more projects with the same owner, to show the dashboard does not grow."""
    from vejviser.projects.models import Membership, Project

    owner = like.memberships.get(is_owner=True)
    for i in range(n):
        Project.start(
            user=owner.user,
            role=owner.role,
            title=f"{like.title} ({i + 2})",
            clinical_area=like.clinical_area,
            department=like.department,
            region=like.region,
            track=like.track,
        )
    return Membership.objects.filter(user=owner.user).count() - 1


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
    pages = {
        "journey guide, track Ny idé": "/journey/ny-ide/",
        "journey guide, overview": "/journey/",
        "project page": f"/projects/{project.pk}/",
        "dashboard": "/",
    }
    figures = {name: measure(client, url) for name, url in pages.items()}
    extra = add_projects(project, 10)
    dash_more = measure(client, "/")
    print(f"validate content files      median {statistics.median(validate):7.1f} ms")
    print(f"first load into empty DB            {first[0]:7.1f} ms")
    print(f"re-load, files unchanged    median {statistics.median(again):7.1f} ms")
    print(f"demo projects                       {demo[0]:7.1f} ms")
    for name, (times, queries) in figures.items():
        print(
            f"{name:28s}median {statistics.median(times):7.1f} ms  "
            f"p95 {sorted(times)[int(0.95 * len(times)) - 1]:6.1f} ms  {queries:3d} queries"
        )
    times, queries = dash_more
    print(
        f"dashboard, {extra} more projects median {statistics.median(times):7.1f} ms  "
        f"p95 {sorted(times)[int(0.95 * len(times)) - 1]:6.1f} ms  {queries:3d} queries"
    )


if __name__ == "__main__":
    main()
