"""How long the web shell takes: upload → analysis → saved run, and the report page.

Run: ``.venv/bin/python benchmarks/evidence/bench_web.py`` (a throw-away SQLite database in
a temporary folder; about half a minute). Prints median wall times; the figures are
reported in ``docs/evidence.md``. Not a test: timings are never asserted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="vejviser-evidence-bench-web-"))
    try:
        return _run(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path) -> int:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django

    django.setup()
    import numpy as np
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from vejviser.conftest import Personas
    from vejviser.journey.loader import load_content

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    load_content(settings.CONTENT_DIR, loaded_by="bench")
    people = Personas()
    step = people.project.steps.get(action__slug="gennemfoer-retrospektiv-validering")
    client = Client()
    client.force_login(people.alice)
    new = reverse("evidence:new", args=[people.project.pk, step.pk, "binary"])

    rng = np.random.default_rng(1)
    n = 1_000_000
    y = rng.random(n) < 0.2
    score = np.clip(rng.normal(0.3 + 0.2 * y, 0.15), 0, 1)
    site = rng.choice(["A", "B", "C"], n)
    big = "score,label,site\n" + "\n".join(
        f"{s:.6f},{int(v)},{g}" for s, v, g in zip(score, y, site, strict=True)
    )
    demo = Path(settings.CONTENT_DIR) / "evidence" / "readmission_risk.csv"
    files = {
        "demo (2,000 rows)": demo.read_bytes(),
        "1 M rows (24 MB)": big.encode(),
    }
    columns = {
        "demo (2,000 rows)": {"score": "risk_score", "label": "genindlagt_30d", "positive": "ja"},
        "1 M rows (24 MB)": {"score": "score", "label": "label", "positive": "1"},
    }
    for name, content in files.items():
        post, get = [], []
        for _ in range(3):
            data = {
                "file": SimpleUploadedFile("data.csv", content),
                "subgroups": "site",
                "claim": "sensitivity=0.80",
                "purpose": "retrospective",
                **columns[name],
            }
            start = time.perf_counter()
            response = client.post(new, data)
            post.append(time.perf_counter() - start)
            assert response.status_code == 302, response.content[:500]
            start = time.perf_counter()
            assert client.get(response["Location"]).status_code == 200
            get.append(time.perf_counter() - start)
        print(
            f"{name}: upload + analysis + save {statistics.median(post):.2f} s, "
            f"report page {statistics.median(get) * 1000:.0f} ms",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
