"""Latency of the web endpoint: the first question after start (the index is built on
first use) and warm questions through the chat panel (htmx) and the API, in a throwaway
database. Figures go to docs/assistant.md.

    .venv/bin/python benchmarks/assistant/bench_web.py [--repeat 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from typing import Any

GENERAL = [
    "Hvornår er der krav om udbud?",
    "Hvad er OPI?",
    "Hvornår skal vi lave en DPIA?",
    "Er vores produkt højrisiko?",
    "What is the AI Act?",
]
PROJECT = ["hvad er mit næste skridt?", "hvem skal jeg have med nu?", "hvor er vi?"]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timed(call: Any) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code not in (200, 302):
        raise SystemExit(f"unexpected status {response.status_code}")
    return elapsed


def run(repeat: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from vejviser.conftest import make_project, make_user
    from vejviser.journey.loader import load_content

    call_command("migrate", interactive=False, verbosity=0)
    from django.conf import settings

    load_content(settings.CONTENT_DIR, loaded_by="bench")
    user = make_user("bench", first_name="Bente")
    project = make_project(user)
    client = Client()
    client.force_login(user)
    ready_s = time.perf_counter() - t0

    hx = {"HX-Request": "true"}
    # The first request also imports the URL configuration (views, numpy, bm25s), as the
    # first request to a freshly started server does.
    first = _timed(lambda: client.post("/assistant/ask/", {"question": GENERAL[0]}, headers=hx))
    general = reverse("assistant:ask")
    in_project = reverse("assistant:project_ask", args=[project.pk])
    panel = [
        _timed(lambda q=q: client.post(general, {"question": q}, headers=hx))
        for _ in range(repeat)
        for q in GENERAL
    ]
    project_state = [
        _timed(lambda q=q: client.post(in_project, {"question": q}, headers=hx))
        for _ in range(repeat)
        for q in PROJECT
    ]
    api = [
        _timed(
            lambda q=q: client.post(
                "/api/v1/assistant/ask",
                json.dumps({"question": q, "project": project.pk}),
                content_type="application/json",
            )
        )
        for _ in range(repeat)
        for q in GENERAL + PROJECT
    ]

    def summary(values: list[float]) -> dict[str, float]:
        return {
            "n": len(values),
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(_p95(values), 1),
            "max_ms": round(max(values), 1),
        }

    return {
        "start_to_ready_s": round(ready_s, 2),
        "first_answer_ms": round(first, 1),
        "panel_general": summary(panel),
        "panel_project": summary(project_state),
        "api": summary(api),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["VEJVISER_VAR_DIR"] = tmp  # a throwaway SQLite database
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("LLM_BASE_URL", None)
        result = run(args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Django ready (migrate, content, user): {result['start_to_ready_s']} s")
    print(
        "first answer after start (imports the views, builds the index): "
        f"{result['first_answer_ms']} ms"
    )
    for key in ("panel_general", "panel_project", "api"):
        s = result[key]
        print(f"{key}: n={s['n']} p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms")


if __name__ == "__main__":
    main()
