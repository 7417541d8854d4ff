"""How long monitoring takes: a year of daily data for 50 metrics charted in the core, and
the project's monitoring page (the demo plan and a larger one) in the web shell.

Run: ``.venv/bin/python benchmarks/monitoring/bench_charts.py`` (a throw-away SQLite
database in a temporary folder; about a minute). Prints median wall times; the figures
are reported in ``docs/monitoring.md``. Not a test: timings are never asserted.

The core part designs and runs every chart from scratch (the design caches are cleared
before each repetition): 50 metrics, 365 days each — 13 Bernoulli CUSUMs on the cases
(20 a day, 7,300 a year), 13 p-charts on the daily counts, 12 EWMAs and 12 XmR charts.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPEAT = 5


def core_year() -> float:
    import numpy as np

    from vejviser.monitoring.core import charts, cusum

    rng = np.random.default_rng(3)
    days = [f"d{i}" for i in range(365)]
    data: list[tuple[str, float, Any]] = []
    for metric in range(50):
        kind = ("cusum", "p", "ewma", "xmr")[metric % 4]
        p0 = 0.85 + 0.002 * metric
        if kind == "cusum":
            data.append((kind, p0, (rng.random(365 * 20) < p0).astype(int)))
        elif kind == "p":
            n = rng.integers(10, 30, 365)
            data.append((kind, p0, (n, rng.binomial(n, p0))))
        else:
            data.append((kind, p0, rng.normal(0.85, 0.03, 365)))
    times = []
    for _ in range(REPEAT):
        cusum.design_cusum.cache_clear()
        charts.ewma_width.cache_clear()
        charts.ewma_arl.cache_clear()
        start = time.perf_counter()
        for metric, (kind, p0, values) in enumerate(data):
            if kind == "cusum":
                cusum.cusum_chart(values, p0, 0.05 + 0.001 * metric, 5000 + metric)
            elif kind == "p":
                n, hits = values
                charts.p_chart(days, n.tolist(), hits.tolist(), p0, 0.1)
            elif kind == "ewma":
                charts.ewma_chart(
                    days, values.tolist(), 0.85, 0.03, lam=0.1 + 0.001 * metric, arl0=370
                )
            else:
                charts.xmr_chart(days, values.tolist())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def web(folder: Path) -> dict[str, float]:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django

    django.setup()
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from vejviser.monitoring.models import Metric, MonitoringPlan, Observation
    from vejviser.projects.demo import load_demo

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from vejviser.journey.loader import load_content

    load_content(settings.CONTENT_DIR, loaded_by="bench")
    load_demo(password="bench-password-123")  # noqa: S106 - throw-away database
    plan = MonitoringPlan.objects.get()
    client = Client()
    client.force_login(get_user_model().objects.get(username="anna"))
    url = reverse("monitoring:plan", args=[plan.project_id, plan.step_id])
    out = {"demo plan page (2 metrics, 6 months)": _median_ms(client, url)}
    # A larger plan: 12 metrics with two years of months each.
    for i in range(10):
        metric = Metric.objects.create(
            plan=plan,
            key=f"share-{i}",
            name=f"Andel {i}",
            kind="proportion",
            source="use",
            chart="p",
            baseline=0.9,
            shift=0.1,
            cases_per_month=40,
            owner=plan.created_by,
            order=10 + i,
        )
        Observation.objects.bulk_create(
            Observation(
                metric=metric,
                period=dt.date(2024 + m // 12, m % 12 + 1, 1),
                n=40,
                successes=36,
                source="demo",
            )
            for m in range(24)
        )
    out["plan page, 12 metrics × 24 months"] = _median_ms(client, url)
    metric = plan.metrics.get(key="dice")
    plot = reverse("monitoring:plot", args=[plan.project_id, plan.step_id, metric.pk])
    out["one chart as SVG (matplotlib)"] = _median_ms(client, plot)
    return out


def _median_ms(client: object, url: str) -> float:
    times = []
    for _ in range(REPEAT + 1):
        start = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times[1:])  # the first request warms the caches


def main() -> int:
    print(f"core: a year of daily data, 50 metrics: {core_year():.3f} s (median of {REPEAT})")
    folder = Path(tempfile.mkdtemp(prefix="vejviser-monitoring-bench-"))
    try:
        for name, ms in web(folder).items():
            print(f"web: {name}: {ms:.0f} ms (median of {REPEAT})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
