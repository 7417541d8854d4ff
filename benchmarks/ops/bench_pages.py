"""The server's own time for each page of the load test (benchmarks/ops/load.py), in
this process through Django's handler, for the demo project: no network, no server,
no other users. Target: the project page in <= 30 ms.

Run: .venv/bin/python benchmarks/ops/bench_pages.py [--repeat N] [--profile PAGE]
Uses a throw-away SQLite database in a temporary directory, or DATABASE_URL when given
(a database of its own: the demo is loaded into it).
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="vejviser-bench-pages-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
os.environ["VEJVISER_VAR_DIR"] = tmp
os.environ.setdefault("VEJVISER_CACHE_DIR", str(Path(tmp) / "cache"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

QUESTION = "Hvad skal en DPIA indeholde?"


def pages(client: Client) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """name -> (method, url, data) of the pages the load test visits."""
    from vejviser.projects.models import Project

    project = Project.objects.get(demo_key="ambient-scribe")
    return {
        "dashboard": ("get", "/", {}),
        "project page": ("get", f"/projects/{project.pk}/", {}),
        "journey guide": ("get", f"/journey/{project.track.slug}/", {}),
        "portfolio": ("get", "/portfolio/", {}),
        "assistant question": ("post", "/assistant/ask/", {"question": QUESTION}),
        "API: project": ("get", f"/api/v1/projects/{project.pk}", {}),
        "API: steps": ("get", f"/api/v1/projects/{project.pk}/steps", {}),
    }


def measure(client: Client, method: str, url: str, data: dict[str, Any], repeat: int,
            headers: dict[str, str]) -> tuple[list[float], list[float], int]:  # fmt: skip
    """Server time of a request (after two warm-up requests): wall-clock and this
    process's CPU time (which other work on a shared machine does not inflate; with
    SQLite the queries run in this process too), and its number of queries."""
    count = 0

    def counter(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    def call() -> int:
        response = getattr(client, method)(url, data, headers=headers)
        return int(response.status_code)

    for _ in range(2):
        assert call() == 200, url
    with connection.execute_wrapper(counter):
        call()
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return times, cpu, count


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--profile", help="profile this page (a name from the table)")
    args = parser.parse_args()

    from vejviser.accounts.models import ApiToken
    from vejviser.journey.loader import load_content
    from vejviser.projects.demo import load_demo

    call_command("migrate", verbosity=0)
    load_content(settings.CONTENT_DIR)
    load_demo(password="bench-password")  # noqa: S106
    from django.contrib.auth import get_user_model

    anna = get_user_model().objects.get(username="anna")
    _token, secret = ApiToken.issue(anna, "bench")
    client = Client()
    client.force_login(anna)
    manager = Client()  # the portfolio is management's page: lene (ledelse)
    manager.force_login(get_user_model().objects.get(username="lene"))
    browser = {"HX-Request": "true"}  # the assistant answers into the page (htmx)
    client.get("/")
    table = pages(client)
    if args.profile:
        import cProfile
        import pstats

        method, url, data = table[args.profile]
        headers = {"Authorization": f"Bearer {secret}"} if url.startswith("/api/") else browser
        who = manager if args.profile == "portfolio" else client
        measure(who, method, url, data, 3, headers)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            getattr(who, method)(url, data, headers=headers)
        profile.disable()
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(45)
        stats.print_stats("vejviser/", 40)
        return
    print(f"{connection.vendor}, {args.repeat} requests each, demo project (anna)\n")
    print("| page | median ms | p95 ms | CPU median ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (method, url, data) in table.items():
        headers = {"Authorization": f"Bearer {secret}"} if url.startswith("/api/") else browser
        who = manager if name == "portfolio" else client
        times, cpu, queries = measure(who, method, url, data, args.repeat, headers)
        print(f"| {name} | {statistics.median(times):.1f} | {percentile(times, 0.95):.1f} "
              f"| {statistics.median(cpu):.1f} | {queries} |")  # fmt: skip


if __name__ == "__main__":
    main()
