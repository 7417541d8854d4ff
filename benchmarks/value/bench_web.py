"""Server time of the business-case web flow: saving a version and showing its result.

Run: .venv/bin/python benchmarks/value/bench_web.py
Uses a throw-away SQLite database; reports CPU time (best and median of 5).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.pop("DATABASE_URL", None)
os.environ["VEJVISER_VAR_DIR"] = tempfile.mkdtemp(prefix="vejviser-bench-value-web-")
atexit.register(shutil.rmtree, os.environ["VEJVISER_VAR_DIR"], ignore_errors=True)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402


def cpu(fn):  # type: ignore[no-untyped-def]
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main() -> None:
    from django.test.utils import setup_test_environment

    from vejviser.journey.loader import load_content
    from vejviser.projects.demo import load_demo
    from vejviser.projects.models import Project
    from vejviser.value.tests.web import form_data

    setup_test_environment()  # the form helper reads response.context
    call_command("migrate", verbosity=0)
    load_content(settings.CONTENT_DIR)
    load_demo(password="bench-password")  # noqa: S106
    cases = [
        ("ambient-scribe", "Ambient scribe i almen praksis", "udarbejd-business-case"),
        (
            "contouring",
            "AI-indtegning af normalvæv ved strålebehandling",
            "udarbejd-forventet-business-case",
        ),
    ]
    for template, title, action in cases:
        project = Project.objects.get(title=title)
        step = project.steps.get(action__slug=action)
        client = Client()
        client.force_login(project.memberships.get(is_owner=True).user)
        url = reverse("value:new", args=[project.pk, step.pk, template])
        data = form_data(client, url)
        saves, pages, plots = [], [], []
        for _ in range(5):
            t, response = cpu(lambda: client.post(url, data))  # noqa: B023
            saves.append(t)
            location = response["Location"]
            client.get(location)
            t, page = cpu(lambda: client.get(location))  # noqa: B023
            pages.append(t)
            for src in re.findall(r'<img src="([^"]+)"', page.content.decode()):
                t, _ = cpu(lambda: client.get(src.replace("&amp;", "&")))  # noqa: B023
                plots.append(t)
        for label, times in (("save", saves), ("page", pages), ("plot", plots)):
            best, median = min(times), statistics.median(times)
            print(f"{template:15s} {label}  best {best:.3f} s  median {median:.3f} s")


if __name__ == "__main__":
    main()
